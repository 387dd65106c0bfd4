import {
  AUTHORITY_LEVELS,
  DEFAULT_MACROS,
  MacroRemoved,
  MacroSaved,
  ResolutionSettingsChanged,
  stampEvent,
  type CommandMetadata,
  type EventEnvelope,
  type MacroDefinition,
  type NewEvent,
  type ResolutionSettingsChangedData,
} from '@ticketing/contracts';
import type { CompensationAuthority, TicketPolicy } from '@ticketing/ticket';

/** A tenant's settings as configured (without the audit fields of the event). */
export type ResolutionSettings = Omit<ResolutionSettingsChangedData, 'tenantId' | 'reason'>;

const MINUTES_PER_DAY = 24 * 60;

/** What a tenant gets until it configures otherwise; amounts in cents (e.g. an agent: coupon up to
 * 20.00 and partial refund up to 50.00 per ticket; above, a supervisor; above theirs, a manager). */
export const DEFAULT_SETTINGS: ResolutionSettings = {
  departments: (['warehouse', 'logistics', 'finance', 'technical', 'legal'] as const).map((department) => ({
    department,
    name: department[0].toUpperCase() + department.slice(1),
    defaultDueMinutes: MINUTES_PER_DAY,
    escalationContact: null,
    members: [],
  })),
  compensationLimits: [
    ...limits('agent', { coupon: 2_000, points: 2_000, partial_refund: 5_000, return_shipping_paid: 1_500 }),
    ...limits('supervisor', { coupon: 10_000, points: 10_000, partial_refund: 20_000, full_refund: 20_000, reship: 20_000, replacement: 20_000, return_shipping_paid: 5_000 }),
    ...limits('manager', { coupon: 50_000, points: 50_000, partial_refund: 100_000, full_refund: 100_000, reship: 100_000, replacement: 100_000, return_shipping_paid: 20_000 }),
  ],
  reopenWindowMinutes: 7 * MINUTES_PER_DAY,
  autoCloseAfterMinutes: 3 * MINUTES_PER_DAY,
};

function limits(level: (typeof AUTHORITY_LEVELS)[number], byKind: CompensationAuthority['agent']) {
  return Object.entries(byKind).map(([kind, limit]) => ({ level, kind: kind as keyof typeof byKind, limit: limit! }));
}

/** The folded `resolution-<tenantId>` stream. Default macros stay until the tenant removes them. */
export interface ResolutionConfig {
  settings: ResolutionSettings;
  macros: Record<string, MacroDefinition>;
}

export const initialConfig = (): ResolutionConfig => ({
  settings: DEFAULT_SETTINGS,
  macros: Object.fromEntries(DEFAULT_MACROS.map((m) => [m.macroId, m])),
});

export function evolveConfig(config: ResolutionConfig, event: EventEnvelope): ResolutionConfig {
  if (ResolutionSettingsChanged.is(event)) {
    const { tenantId: _t, reason: _r, ...settings } = event.data;
    return { ...config, settings };
  }
  if (MacroSaved.is(event)) {
    const { tenantId: _t, reason: _r, ...macro } = event.data;
    return { ...config, macros: { ...config.macros, [macro.macroId]: macro } };
  }
  if (MacroRemoved.is(event)) {
    const { [event.data.macroId]: _removed, ...macros } = config.macros;
    return { ...config, macros };
  }
  return config;
}

export class MacroNotFoundError extends Error {
  readonly code = 'macro_not_found';
  constructor(macroId: string) {
    super(`Macro ${macroId} does not exist`);
    this.name = 'MacroNotFoundDomainError';
  }
}

export type ConfigCommand =
  | { type: 'ChangeSettings'; metadata: CommandMetadata; data: ResolutionSettings & { reason: string } }
  | { type: 'SaveMacro'; metadata: CommandMetadata; data: MacroDefinition & { reason: string } }
  | { type: 'RemoveMacro'; metadata: CommandMetadata; data: { macroId: string; reason: string } };

/** Pure: the tenant's config stream is only ever written through this. */
export function decideConfig(command: ConfigCommand, config: ResolutionConfig): NewEvent[] {
  switch (command.type) {
    case 'ChangeSettings':
      return [stampEvent(ResolutionSettingsChanged, command.metadata, { tenantId: command.metadata.tenantId, ...command.data })];
    case 'SaveMacro':
      return [stampEvent(MacroSaved, command.metadata, { tenantId: command.metadata.tenantId, ...command.data })];
    case 'RemoveMacro':
      if (!config.macros[command.data.macroId]) throw new MacroNotFoundError(command.data.macroId);
      return [stampEvent(MacroRemoved, command.metadata, { tenantId: command.metadata.tenantId, ...command.data })];
  }
}

export const configDecider = { decide: decideConfig, evolve: evolveConfig, initialState: initialConfig };

/** The ticket decider's policy for this tenant. */
export function ticketPolicyOf(settings: ResolutionSettings): Partial<TicketPolicy> {
  const authority: CompensationAuthority = { agent: {}, supervisor: {}, manager: {} };
  for (const { level, kind, limit } of settings.compensationLimits) authority[level][kind] = limit;
  return { reopenWindowMs: settings.reopenWindowMinutes * 60_000, compensationAuthority: authority };
}
