/**
 * The KPI read model is a set of additive integer counters per (tenant, UTC day, dimension, value).
 * Every KPI is a ratio or an average of two counters, computed when queried, so days roll up to weeks
 * and months by plain sums and the projection never stores a rounded number (see docs/kpi-definitions.md).
 */
export const MEASURES = [
  'opened',
  'classified',
  'complaints',
  'first_response_n',
  'first_response_ms',
  'next_response_n',
  'next_response_ms',
  'resolved',
  'resolution_ms',
  'handle_ms',
  'first_resolved',
  'fcr',
  'reopened',
  'surveys_sent',
  'ratings',
  'rating_sum',
  'satisfied',
  'attitude_n',
  'attitude_sum',
  'response_speed_n',
  'response_speed_sum',
  'problem_solved_n',
  'problem_solved_sum',
  'expertise_n',
  'expertise_sum',
  'sla_first_response_met',
  'sla_first_response_breached',
  'sla_next_response_met',
  'sla_next_response_breached',
  'sla_resolution_met',
  'sla_resolution_breached',
  /** Net flow into the backlog (opened/reopened/moved in − resolved/closed/moved out). */
  'backlog',
  /** Net flow of the backlog's opening instants, in epoch seconds: age = count × t − Σ openedAt. */
  'backlog_opened_s',
  'collaborations',
  'collaboration_ms',
  /** Self-service answers offered (at most one per ticket). */
  'self_service_offered',
  /** Offers the customer accepted: the ticket resolved as deflected. */
  'self_service_deflected',
] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_INDEX = Object.fromEntries(MEASURES.map((m, i) => [m, i])) as Record<Measure, number>;

/** The dimensions a KPI can be broken down by; `all` is the tenant total. */
export const DIMENSIONS = ['all', 'channel', 'category', 'agent', 'group'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Placeholders, so a KPI is never lost for want of a value (and never mixed up with a real one). */
export const NONE = { category: '(unclassified)', agent: '(unassigned)', group: '(none)' } as const;

/** The values a measurement is attributed to. */
export interface Attribution {
  tenantId: string;
  channel: string;
  category: string;
  agent: string;
  group: string;
}

export function dimensionValue(attribution: Attribution, dimension: Dimension): string {
  return dimension === 'all' ? '' : attribution[dimension];
}

const DAY_MS = 86_400_000;
const dayNames = new Map<number, string>();

/** UTC calendar day of an instant: the finest time bucket. (Memoised: it runs for every event.) */
export function dayOf(epochMs: number): string {
  const dayNumber = Math.floor(epochMs / DAY_MS);
  let name = dayNames.get(dayNumber);
  if (name === undefined) {
    name = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    dayNames.set(dayNumber, name);
  }
  return name;
}

export const SLA_MEASURES = {
  first_response: { met: 'sla_first_response_met', breached: 'sla_first_response_breached' },
  next_response: { met: 'sla_next_response_met', breached: 'sla_next_response_breached' },
  resolution: { met: 'sla_resolution_met', breached: 'sla_resolution_breached' },
} as const satisfies Record<string, { met: Measure; breached: Measure }>;

export const DIMENSION_MEASURES = {
  attitude: { n: 'attitude_n', sum: 'attitude_sum' },
  responseSpeed: { n: 'response_speed_n', sum: 'response_speed_sum' },
  problemSolved: { n: 'problem_solved_n', sum: 'problem_solved_sum' },
  expertise: { n: 'expertise_n', sum: 'expertise_sum' },
} as const satisfies Record<string, { n: Measure; sum: Measure }>;

/** A satisfied customer rated 4 or 5 (the usual top-two-box CSAT). */
export const SATISFIED_AT_OR_ABOVE = 4;
