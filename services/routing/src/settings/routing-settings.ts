import type { RoutingSettingsChangedData } from '@ticketing/contracts';
import { calendarErrors, chooseSlaPolicy, type BusinessCalendar, type ClockBasis, type SlaPolicy } from '@ticketing/sla';
import type { FieldProblem } from '@ticketing/platform';
import type { GroupSnapshot } from '../assignment/routing-model';

export type RoutingSettings = Omit<RoutingSettingsChangedData, 'tenantId' | 'reason'>;

/**
 * What a tenant gets before configuring routing: one general queue any agent works, calendar-hour
 * SLAs (instant channels answered within minutes, async within hours), breach → assignee →
 * senior → supervisor.
 */
export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  defaultGroupId: 'general',
  groups: [{ groupId: 'general', name: 'General', strategy: 'skills_least_loaded', openToAll: true }],
  rules: [],
  complexCategories: [],
  calendars: [],
  slaPolicies: [
    { policyId: 'default-async@1', channelClasses: [], priorities: [], customerTiers: [], categories: [], firstResponseMinutes: 480, nextResponseMinutes: 480, progressUpdateMinutes: null, resolutionMinutes: 4320, calendarId: null, warnAtShare: 0.75 },
    { policyId: 'default-instant@1', channelClasses: ['instant'], priorities: [], customerTiers: [], categories: [], firstResponseMinutes: 5, nextResponseMinutes: 5, progressUpdateMinutes: null, resolutionMinutes: 1440, calendarId: null, warnAtShare: 0.75 },
  ],
  escalationChain: [
    { notify: 'assignee', afterMinutes: 0 },
    { notify: 'senior', afterMinutes: 30 },
    { notify: 'supervisor', afterMinutes: 60 },
  ],
  handBackAfterMinutes: 15,
};

/** The semantic checks the event schema cannot make: references, duplicates, calendars. */
export function settingsProblems(settings: RoutingSettings): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const groupIds = new Set<string>();
  settings.groups.forEach((g, i) => {
    if (groupIds.has(g.groupId)) problems.push({ field: `groups[${i}].groupId`, message: `duplicate group ${g.groupId}` });
    groupIds.add(g.groupId);
  });
  if (!groupIds.has(settings.defaultGroupId)) problems.push({ field: 'defaultGroupId', message: `unknown group ${settings.defaultGroupId}` });
  settings.rules.forEach((r, i) => {
    if (!groupIds.has(r.groupId)) problems.push({ field: `rules[${i}].groupId`, message: `unknown group ${r.groupId}` });
  });
  const calendarIds = new Set<string>();
  settings.calendars.forEach((c, i) => {
    if (calendarIds.has(c.calendarId)) problems.push({ field: `calendars[${i}].calendarId`, message: `duplicate calendar ${c.calendarId}` });
    calendarIds.add(c.calendarId);
    for (const error of calendarErrors(c as BusinessCalendar, `calendars[${i}]`)) {
      const colon = error.indexOf(': ');
      problems.push({ field: error.slice(0, colon), message: error.slice(colon + 2) });
    }
  });
  const policyIds = new Set<string>();
  settings.slaPolicies.forEach((p, i) => {
    if (policyIds.has(p.policyId)) problems.push({ field: `slaPolicies[${i}].policyId`, message: `duplicate policy ${p.policyId}` });
    policyIds.add(p.policyId);
    if (p.calendarId !== null && !calendarIds.has(p.calendarId)) problems.push({ field: `slaPolicies[${i}].calendarId`, message: `unknown calendar ${p.calendarId}` });
  });
  return problems;
}

export function groupsOf(settings: RoutingSettings): Map<string, GroupSnapshot> {
  return new Map(settings.groups.map((g) => [g.groupId, { groupId: g.groupId, strategy: g.strategy, openToAll: g.openToAll }]));
}

/** The first rule whose listed dimensions all match picks the group; otherwise the default. */
export function groupFor(settings: RoutingSettings, t: { category: string | null; priority: string | null; channel: string; language: string }): { groupId: string; reason: string } {
  const lang = t.language.toLowerCase();
  const index = settings.rules.findIndex(
    (r) =>
      (r.categories.length === 0 || (t.category !== null && r.categories.includes(t.category))) &&
      (r.priorities.length === 0 || (t.priority !== null && r.priorities.includes(t.priority))) &&
      (r.channels.length === 0 || r.channels.includes(t.channel)) &&
      (r.languages.length === 0 || r.languages.some((l) => lang === l.toLowerCase() || lang.startsWith(`${l.toLowerCase()}-`))),
  );
  if (index === -1) return { groupId: settings.defaultGroupId, reason: 'no routing rule matched: default group' };
  const r = settings.rules[index];
  const matched = [
    r.categories.length ? `category ${t.category}` : '',
    r.priorities.length ? `priority ${t.priority}` : '',
    r.channels.length ? `channel ${t.channel}` : '',
    r.languages.length ? `language ${t.language}` : '',
  ].filter(Boolean);
  return { groupId: r.groupId, reason: `routing rule ${index + 1} matched (${matched.join(', ') || 'any ticket'})` };
}

export interface ResolvedPolicy {
  policy: SlaPolicy;
  basis: ClockBasis;
}

/** The tenant's SLA policies in the SLA library's terms, with each one's clock basis. */
export function slaPolicies(settings: RoutingSettings): ResolvedPolicy[] {
  const calendars = new Map(settings.calendars.map((c) => [c.calendarId, c as BusinessCalendar]));
  return settings.slaPolicies.map((p) => ({
    policy: {
      policyId: p.policyId,
      conditions: { channelClass: p.channelClasses, priority: p.priorities, customerTier: p.customerTiers, category: p.categories },
      targets: {
        firstResponseMinutes: p.firstResponseMinutes ?? undefined,
        nextResponseMinutes: p.nextResponseMinutes ?? undefined,
        // Settings stored before the progress-update target existed lack the field.
        progressUpdateMinutes: p.progressUpdateMinutes ?? undefined,
        resolutionMinutes: p.resolutionMinutes ?? undefined,
      },
      basis: p.calendarId ? 'business_hours' : 'calendar_hours',
      calendarId: p.calendarId ?? undefined,
      warnAtShare: p.warnAtShare,
    },
    basis: p.calendarId ? { kind: 'business_hours', calendar: calendars.get(p.calendarId) as BusinessCalendar } : { kind: 'calendar_hours' },
  }));
}

export function policyFor(settings: RoutingSettings, facts: Parameters<typeof chooseSlaPolicy>[1]): ResolvedPolicy | undefined {
  const resolved = slaPolicies(settings);
  const chosen = chooseSlaPolicy(resolved.map((r) => r.policy), facts);
  return resolved.find((r) => r.policy === chosen);
}

export function policyById(settings: RoutingSettings, policyId: string): ResolvedPolicy | undefined {
  return slaPolicies(settings).find((r) => r.policy.policyId === policyId);
}

export const TARGET_MINUTES = {
  first_response: 'firstResponseMinutes',
  next_response: 'nextResponseMinutes',
  progress_update: 'progressUpdateMinutes',
  resolution: 'resolutionMinutes',
} as const;
