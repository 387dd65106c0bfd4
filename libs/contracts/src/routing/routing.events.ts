import { arrayOf, boolean, defineEvent, integer, nullable, number, object, oneOf, string } from '../ticket/events-kit';
import { StreamCategory } from '../streams';
import { CATEGORIES, CHANNEL_CLASSES, CHANNELS, CUSTOMER_TIERS, PRIORITIES, SLA_TARGETS, type Channel } from '../ticket/vocabulary';

/* Routing's own streams: `routing-<tenantId>` holds the tenant's routing settings (skill groups,
 * rules, calendars, SLA policies, escalation chain); agent profiles extend `agent-<tenant>.<id>`;
 * notifications to people go to `routingnotice-<tenantId>`. */

export const routingConfigStream = 'routing';
export const routingNoticeStream = 'routingnotice';

export const ASSIGNMENT_STRATEGIES = ['skills_least_loaded', 'round_robin', 'manual_pull'] as const;
export type AssignmentStrategy = (typeof ASSIGNMENT_STRATEGIES)[number];

export const TICKET_TIERS = ['urgent', 'complex', 'regular'] as const;
export type TicketTier = (typeof TICKET_TIERS)[number];

export const ESCALATION_RECIPIENTS = ['assignee', 'senior', 'supervisor'] as const;
export type EscalationRecipient = (typeof ESCALATION_RECIPIENTS)[number];

export interface SkillGroupSetting {
  groupId: string;
  name: string;
  strategy: AssignmentStrategy;
  /** Any agent may work the group without holding its skill (e.g. a tenant's general queue). */
  openToAll: boolean;
}

export interface RoutingRuleSetting {
  /** Each listed dimension must match; the first rule that matches picks the group. */
  categories: string[];
  priorities: string[];
  channels: string[];
  languages: string[];
  groupId: string;
}

export interface WeeklyHoursSetting {
  day: number;
  start: string;
  end: string;
}

export interface CalendarSetting {
  calendarId: string;
  timeZone: string;
  weeklyHours: WeeklyHoursSetting[];
  holidays: string[];
}

export interface SlaPolicySetting {
  policyId: string;
  channelClasses: string[];
  priorities: string[];
  customerTiers: string[];
  categories: string[];
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  /** Update the customer at least this often while the ticket is open (restarts with every agent reply or progress update). */
  progressUpdateMinutes: number | null;
  resolutionMinutes: number | null;
  /** `calendar_hours` or the id of a calendar in the same settings. */
  calendarId: string | null;
  warnAtShare: number;
}

export interface EscalationStepSetting {
  notify: EscalationRecipient;
  /** Minutes after the breach (or the previous step) this step fires. */
  afterMinutes: number;
}

export interface RoutingSettingsChangedData {
  tenantId: string;
  defaultGroupId: string;
  groups: SkillGroupSetting[];
  rules: RoutingRuleSetting[];
  /** Categories whose tickets are `complex` (several departments or a specialist). */
  complexCategories: string[];
  calendars: CalendarSetting[];
  slaPolicies: SlaPolicySetting[];
  escalationChain: EscalationStepSetting[];
  /** An agent offline or away this long hands back tickets nobody has replied to yet. */
  handBackAfterMinutes: number;
  reason: string;
}

const id = (description: string) => string(description, { maxLength: 200 });
const ids = (description: string, maxItems = 100) => arrayOf(string('A value.', { maxLength: 200 }), description, { maxItems });
const minutes = (description: string) => nullable(integer(description, { min: 1, max: 525_600 }));

export const RoutingSettingsChanged = defineEvent<'RoutingSettingsChanged', RoutingSettingsChangedData>({
  type: 'RoutingSettingsChanged',
  schemaVersion: 2,
  upcasters: [
    {
      fromVersion: 1,
      description: 'SLA policies gained progressUpdateMinutes (null: no periodic progress-update target).',
      upcast: (data) => ({
        ...data,
        slaPolicies: ((data.slaPolicies as Record<string, unknown>[] | undefined) ?? []).map((p) => ({ ...p, progressUpdateMinutes: p.progressUpdateMinutes ?? null })),
      }),
    },
  ],
  summary: "A tenant replaced its routing settings: skill groups, routing rules, calendars, SLA policies, escalation chain.",
  streamCategory: routingConfigStream,
  producers: ['routing'],
  consumers: ['routing'],
  schema: {
    tenantId: string('The tenant configured.'),
    defaultGroupId: id('Group for tickets no rule matches.'),
    groups: arrayOf(
      object<SkillGroupSetting>(
        {
          groupId: id('Group id (the skill agents hold).'),
          name: string('Display name.', { maxLength: 200 }),
          strategy: oneOf(ASSIGNMENT_STRATEGIES, 'How tickets in the group find an agent.'),
          openToAll: boolean('Whether agents without the skill may work it.'),
        },
        'A skill group and its queue.',
        'SkillGroupSetting',
      ),
      'Skill groups.',
      { maxItems: 200 },
    ),
    rules: arrayOf(
      object<RoutingRuleSetting>(
        {
          categories: arrayOf(oneOf(CATEGORIES, 'Category.'), 'Categories (empty = any).'),
          priorities: arrayOf(oneOf(PRIORITIES, 'Priority.'), 'Priorities (empty = any).'),
          channels: arrayOf(oneOf(CHANNELS, 'Channel.'), 'Channels (empty = any).'),
          languages: ids('Language tags (empty = any).', 50),
          groupId: id('Group the matching tickets go to.'),
        },
        'A routing rule; the first match wins.',
        'RoutingRuleSetting',
      ),
      'Routing rules in order.',
      { maxItems: 500 },
    ),
    complexCategories: arrayOf(oneOf(CATEGORIES, 'Category.'), 'Categories that make a ticket complex.'),
    calendars: arrayOf(
      object<CalendarSetting>(
        {
          calendarId: id('Calendar id.'),
          timeZone: string('IANA time zone, e.g. Europe/Berlin.'),
          weeklyHours: arrayOf(
            object<WeeklyHoursSetting>(
              {
                day: integer('ISO weekday, 1 Monday … 7 Sunday.', { min: 1, max: 7 }),
                start: string('Local opening time HH:mm.'),
                end: string('Local closing time HH:mm (24:00 = midnight).'),
              },
              'Opening hours on one weekday.',
              'WeeklyHours',
            ),
            'Weekly opening hours.',
            { maxItems: 100 },
          ),
          holidays: ids('Closed local dates YYYY-MM-DD.', 1000),
        },
        'A business-hours calendar.',
        'CalendarSetting',
      ),
      'Business-hours calendars.',
      { maxItems: 50 },
    ),
    slaPolicies: arrayOf(
      object<SlaPolicySetting>(
        {
          policyId: id('Policy id (with a version, e.g. vip@2).'),
          channelClasses: arrayOf(oneOf(CHANNEL_CLASSES, 'Channel class.'), 'Condition (empty = any).'),
          priorities: arrayOf(oneOf(PRIORITIES, 'Priority.'), 'Condition (empty = any).'),
          customerTiers: arrayOf(oneOf(CUSTOMER_TIERS, 'Customer tier.'), 'Condition (empty = any).'),
          categories: arrayOf(oneOf(CATEGORIES, 'Category.'), 'Condition (empty = any).'),
          firstResponseMinutes: minutes('First response target.'),
          nextResponseMinutes: minutes('Next response target (restarts with every customer message).'),
          progressUpdateMinutes: minutes('Progress update target: update the customer this often while open (restarts with every reply or progress update).'),
          resolutionMinutes: minutes('Resolution target.'),
          calendarId: nullable(id('Business calendar; null = calendar hours.')),
          warnAtShare: number('Warning at this share of the target.', { min: 0.05, max: 1 }),
        },
        'An SLA policy chosen by conditions (most specific match wins).',
        'SlaPolicySetting',
      ),
      'SLA policies.',
      { maxItems: 200 },
    ),
    escalationChain: arrayOf(
      object<EscalationStepSetting>(
        {
          notify: oneOf(ESCALATION_RECIPIENTS, 'Who is notified at this step.'),
          afterMinutes: integer('Minutes after the breach or the previous step.', { min: 0, max: 525_600 }),
        },
        'One step of the escalation chain after a breach.',
        'EscalationStep',
      ),
      'Escalation chain (at most three steps: the ticket escalation levels).',
      { maxItems: 3 },
    ),
    handBackAfterMinutes: integer('Offline/away minutes after which unstarted tickets go back to the queue.', { min: 1, max: 10_080 }),
    reason: string('Why the settings changed.', { maxLength: 1000 }),
  },
});

export interface SkillLevel {
  groupId: string;
  /** 1 (learning) … 5 (expert). */
  level: number;
}

export interface ChannelCapacity {
  channel: Channel;
  capacity: number;
}

export interface AgentProfileSetData {
  agentId: string;
  skills: SkillLevel[];
  languages: string[];
  /** 1 junior, 2 regular, 3 senior: VIP and complex tickets go to the most senior first. */
  seniority: number;
  /** Capacity per channel; channels not listed use `defaultCapacity`. */
  channelCapacity: ChannelCapacity[];
  defaultCapacity: number;
  reason: string;
}

export const AgentProfileSet = defineEvent<'AgentProfileSet', AgentProfileSetData>({
  type: 'AgentProfileSet',
  summary: "An agent's skill levels, languages, seniority and per-channel capacity were set.",
  streamCategory: StreamCategory.agent,
  producers: ['routing'],
  consumers: ['routing'],
  schema: {
    agentId: id('The agent.'),
    skills: arrayOf(
      object<SkillLevel>({ groupId: id('Skill group.'), level: integer('Skill level 1-5.', { min: 1, max: 5 }) }, 'A skill and its level.', 'SkillLevel'),
      'Skill groups the agent works, with levels.',
      { maxItems: 100 },
    ),
    languages: ids('Languages (BCP 47).', 50),
    seniority: integer('1 junior, 2 regular, 3 senior.', { min: 1, max: 3 }),
    channelCapacity: arrayOf(
      object<ChannelCapacity>({ channel: oneOf(CHANNELS, 'Channel.'), capacity: integer('Tickets at once.', { min: 0, max: 1000 }) }, 'Capacity on a channel.', 'ChannelCapacity'),
      'Per-channel capacity.',
      { maxItems: 10 },
    ),
    defaultCapacity: integer('Capacity on channels not listed.', { min: 0, max: 1000 }),
    reason: string('Why the profile changed.', { maxLength: 1000 }),
  },
});

export const NOTICE_KINDS = ['sla_warning', 'sla_breach', 'escalation'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface RoutingNoticeSentData {
  ticketId: string;
  kind: NoticeKind;
  target: string | null;
  recipientRole: EscalationRecipient;
  /** The agent notified; null = every supervisor of the tenant. */
  recipientId: string | null;
  escalationLevel: number;
  reason: string;
}

export const RoutingNoticeSent = defineEvent<'RoutingNoticeSent', RoutingNoticeSentData>({
  type: 'RoutingNoticeSent',
  summary: 'Routing notified a person about an SLA warning, breach or escalation of a ticket.',
  streamCategory: routingNoticeStream,
  producers: ['routing'],
  consumers: ['routing', 'feedback', 'resolution', 'intake'],
  schema: {
    ticketId: string('The ticket.'),
    kind: oneOf(NOTICE_KINDS, 'What happened.'),
    target: nullable(oneOf(SLA_TARGETS, 'The SLA target concerned.')),
    recipientRole: oneOf(ESCALATION_RECIPIENTS, 'Step of the escalation chain.'),
    recipientId: nullable(id('Agent notified; null = all supervisors.')),
    escalationLevel: integer('Ticket escalation level at the notice.', { min: 0, max: 3 }),
    reason: string('Why they are notified.', { maxLength: 1000 }),
  },
});

export const routingEventDefinitions = [RoutingSettingsChanged, AgentProfileSet, RoutingNoticeSent] as const;
