import type { ClockBasis } from './calendar';

/** The facts about a ticket an SLA policy's conditions look at. */
export interface SlaFacts {
  channelClass: string;
  priority: string | null;
  customerTier: string;
  category: string | null;
}

/** Each listed dimension must match one of its values; an absent dimension matches anything. */
export interface SlaConditions {
  channelClass?: string[];
  priority?: string[];
  customerTier?: string[];
  category?: string[];
}

export interface SlaPolicyTargets {
  firstResponseMinutes?: number;
  nextResponseMinutes?: number;
  /** Update the customer at least this often while the ticket is open. */
  progressUpdateMinutes?: number;
  resolutionMinutes?: number;
}

export interface SlaPolicy {
  policyId: string;
  conditions: SlaConditions;
  targets: SlaPolicyTargets;
  /** `calendar_hours`, or `business_hours` on the named calendar. */
  basis: 'calendar_hours' | 'business_hours';
  calendarId?: string;
  /** Warning at this share of each target, e.g. 0.75. */
  warnAtShare: number;
}

const specificity = (c: SlaConditions): number => Object.values(c).filter((v) => Array.isArray(v) && v.length > 0).length;

function matches(conditions: SlaConditions, facts: SlaFacts): boolean {
  return (Object.keys(conditions) as (keyof SlaConditions)[]).every((key) => {
    const allowed = conditions[key];
    if (!allowed || allowed.length === 0) return true;
    const value = facts[key];
    return value !== null && allowed.includes(value);
  });
}

/**
 * The policy for a ticket: among those whose conditions all hold, the most specific (most
 * dimensions constrained); among equally specific ones the first listed, so tenants order ties.
 */
export function chooseSlaPolicy<P extends SlaPolicy>(policies: readonly P[], facts: SlaFacts): P | undefined {
  let best: P | undefined;
  for (const policy of policies) {
    if (!matches(policy.conditions, facts)) continue;
    if (!best || specificity(policy.conditions) > specificity(best.conditions)) best = policy;
  }
  return best;
}

/** Why a policy was chosen, for the audit trail. */
export function explainPolicyChoice(policy: SlaPolicy, facts: SlaFacts): string {
  const used = (Object.keys(policy.conditions) as (keyof SlaConditions)[])
    .filter((k) => (policy.conditions[k]?.length ?? 0) > 0)
    .map((k) => `${k}=${facts[k]}`);
  return `${policy.policyId}: ${used.length ? used.join(', ') : 'default (no conditions)'}`;
}

export function basisOf(policy: SlaPolicy, calendars: ReadonlyMap<string, ClockBasis & { kind: 'business_hours' }>): ClockBasis {
  if (policy.basis === 'calendar_hours') return { kind: 'calendar_hours' };
  const basis = policy.calendarId ? calendars.get(policy.calendarId) : undefined;
  if (!basis) throw new Error(`SLA policy ${policy.policyId} names unknown calendar ${policy.calendarId}`);
  return basis;
}
