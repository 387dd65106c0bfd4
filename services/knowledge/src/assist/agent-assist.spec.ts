import { DEFAULT_MACROS } from '@ticketing/contracts';
import { rankMacros, tenantMacros } from './agent-assist.service';
import type { KnowledgeMacro } from './knowledge-ticket.entity';

const row = (macroId: string, over: Partial<KnowledgeMacro> = {}): KnowledgeMacro => ({
  tenantId: 'acme',
  macroId,
  name: macroId,
  body: '',
  category: null,
  tags: [],
  removed: false,
  ...over,
});

const ids = (macros: Array<{ macroId: string }>) => macros.map((m) => m.macroId);

describe('agent assist macros', () => {
  it("a tenant that saved nothing gets resolution's default after-sales macros", () => {
    expect(ids(tenantMacros([]))).toEqual(DEFAULT_MACROS.map((m) => m.macroId));
    const tracking = rankMacros(tenantMacros([]), 'Where is my parcel? I need the tracking number from the carrier', 'logistics', 3);
    expect(tracking[0].macroId).toBe('default.logistics-tracking');
    const cancel = rankMacros(tenantMacros([]), 'Please cancel my order, it has already shipped', 'order_cancel', 3);
    expect(cancel[0].macroId).toBe('default.cancel-after-shipment');
  });

  it('a saved macro with a default’s id replaces it; a removed one (tombstone) is not suggested; own macros join', () => {
    const rows = [
      row('default.logistics-tracking', { name: 'Our carrier tracking', body: 'Track it at our carrier portal.', category: 'logistics' }),
      row('default.cancel-after-shipment', { removed: true }),
      row('own.locker', { name: 'Resend locker pickup code', body: 'We resent the code.', category: 'logistics' }),
      row('own.gone', { name: 'Locker gone', removed: true }),
    ];
    const macros = tenantMacros(rows);
    expect(ids(macros)).not.toContain('default.cancel-after-shipment');
    expect(ids(macros)).not.toContain('own.gone');
    expect(macros.filter((m) => m.macroId === 'default.logistics-tracking')).toEqual([expect.objectContaining({ name: 'Our carrier tracking' })]);
    expect(ids(macros)).toContain('own.locker');
    expect(macros).toHaveLength(DEFAULT_MACROS.length);
    const cancel = rankMacros(macros, 'Please cancel my order, it has already shipped', 'order_cancel', 5);
    expect(ids(cancel)).not.toContain('default.cancel-after-shipment');
    expect(rankMacros(macros, 'my locker pickup code never arrived', 'logistics', 1)[0].macroId).toBe('own.locker');
  });
});
