import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTicketEventCatalog } from './ticket-catalog';

describe('docs/event-catalog.md', () => {
  it('matches the event definitions (regenerate with libs/contracts/scripts/generate-event-catalog.ts)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'event-catalog.md'), 'utf8');
    expect(committed).toBe(renderTicketEventCatalog());
  });
});
