import {
  CATEGORIES,
  CHANNELS,
  SATISFACTION_SCALE,
  type Actor,
  type Category,
  type Channel,
  type EventEnvelope,
  type NewEvent,
  type SlaTarget,
} from '@ticketing/contracts';
import { xoroshiro128plus } from 'pure-rand';
import { ticketDecider, type TicketCommand, type TicketState } from '@ticketing/ticket';

/* A seeded month of customer service, as the ticket decider itself would record it: every event is
 * produced by decide() from a command, so the KPI tests and the benchmark read realistic, valid logs. */

/** A seeded uniform [0, 1) source, so a failing seed can be replayed exactly. */
export function seededRandom(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => (generator.unsafeNext() >>> 0) / 4_294_967_296;
}

export interface GeneratorOptions {
  seed: number;
  tenants: string[];
  ticketsPerTenant: number;
  /** First instant of the month (UTC). */
  monthStart: string;
  agentsPerGroup?: number;
}

const GROUPS = ['general', 'logistics', 'billing', 'technical'] as const;
const GROUP_OF: Record<Category, (typeof GROUPS)[number]> = {
  presale_inquiry: 'general',
  order_status: 'logistics',
  logistics: 'logistics',
  order_change: 'general',
  order_cancel: 'billing',
  return_exchange: 'logistics',
  refund: 'billing',
  payment: 'billing',
  account_security: 'technical',
  technical_fault: 'technical',
  feedback_suggestion: 'general',
  other: 'general',
};
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Emits the events of `ticketsPerTenant` tickets per tenant opened during the month, in log order. */
export function* generateTicketMonth(options: GeneratorOptions): Generator<EventEnvelope> {
  const random = seededRandom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const chance = (p: number) => random() < p;
  const exp = (meanMs: number) => Math.max(1000, Math.round(-Math.log(1 - random()) * meanMs));
  const word = () => Math.floor(random() * 4_294_967_296).toString(16).padStart(8, '0');
  const hex = (n: number) => word().slice(0, n);
  const uuid = () => {
    const [a, b, c, d] = [word(), word(), word(), word()];
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(1, 4)}-${c.slice(4)}${d}`;
  };
  const agentsPerGroup = options.agentsPerGroup ?? 5;
  const start = Date.parse(options.monthStart);
  const monthMs = 30 * DAY;

  // Tickets are generated one by one, then their events are merged in time order into one log.
  const pending: EventEnvelope[] = [];
  for (const tenantId of options.tenants) {
    for (let n = 0; n < options.ticketsPerTenant; n++) {
      pending.push(...ticketStory(tenantId, start + Math.floor(random() * monthMs)));
    }
  }
  pending.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.globalPosition - b.globalPosition));
  let position = 0;
  for (const event of pending) {
    position += 1;
    yield { ...event, globalPosition: position, logPosition: { commit: position, prepare: position } };
  }

  function ticketStory(tenantId: string, openedAt: number): EventEnvelope[] {
    const ticketId = uuid();
    const events: EventEnvelope[] = [];
    let state: TicketState = ticketDecider.initialState();
    let now = openedAt;
    const customer: Actor = { kind: 'customer', id: `c-${hex(6)}` };
    const system: Actor = { kind: 'system', id: 'generator' };
    const channel: Channel = pick(CHANNELS);
    const instant = channel === 'chat' || channel === 'hotline';
    const category: Category = pick(CATEGORIES);
    let group: string = GROUP_OF[category];
    const agentOf = (g: string) => `${g}-agent-${1 + Math.floor(random() * agentsPerGroup)}`;
    let agent = agentOf(group);

    /** Runs one command; a refusal (the story asked for something the ticket does not allow) is skipped. */
    const run = (actor: Actor, command: Omit<TicketCommand, 'ticketId' | 'metadata'>): boolean => {
      const full = {
        ...command,
        ticketId,
        metadata: { tenantId, actor, correlationId: ticketId, causationId: null, now: new Date(now).toISOString() },
      } as TicketCommand;
      let decided: NewEvent[];
      try {
        decided = ticketDecider.decide(full, state);
      } catch {
        return false;
      }
      for (const e of decided) {
        const envelope: EventEnvelope = {
          eventId: uuid(),
          type: e.type,
          schemaVersion: e.schemaVersion,
          streamId: `ticket-${ticketId}`,
          streamPosition: events.length,
          globalPosition: events.length, // tie-breaker until the merge numbers the log
          logPosition: { commit: 0, prepare: 0 },
          occurredAt: e.occurredAt ?? new Date(now).toISOString(),
          tenantId,
          actor,
          correlationId: ticketId,
          causationId: null,
          data: e.data,
        };
        events.push(envelope);
        state = ticketDecider.evolve(state, envelope);
      }
      return true;
    };
    const agentActor = (): Actor => ({ kind: 'agent', id: agent });
    const startClock = (target: SlaTarget, dueInMs: number) =>
      run(system, {
        type: 'StartSlaClock',
        data: {
          target,
          policyId: `${instant ? 'instant' : 'async'}-v1`,
          dueAt: new Date(now + dueInMs).toISOString(),
          warnAt: new Date(now + Math.floor(dueInMs * 0.8)).toISOString(),
        },
      });
    /** Moves the clock forward; if a running clock falls due on the way, the breach is recorded then. */
    const advance = (ms: number) => {
      const until = now + ms;
      if (state.status !== 'none') {
        for (const [target, clock] of Object.entries(state.slaClocks)) {
          if (clock && clock.state === 'running' && !clock.breached && Date.parse(clock.dueAt) <= until) {
            const saved = now;
            now = Math.max(now, Date.parse(clock.dueAt));
            run(system, { type: 'RecordSlaBreach', data: { target: target as SlaTarget } });
            now = Math.max(saved, now);
          }
        }
      }
      now = Math.max(now, until);
    };
    const reply = () =>
      run(agentActor(), {
        type: 'ReplyToCustomer',
        data: { messageId: uuid(), agentId: agent, text: 'On it.', attachments: [], articleIds: [] },
      });
    const customerWrites = () =>
      run(customer, {
        type: 'ReceiveCustomerMessage',
        data: { messageId: uuid(), channel, channelMessageId: uuid(), text: 'Any news?', attachments: [] },
      });

    run(customer, {
      type: 'OpenTicket',
      data: {
        ticketId,
        channel,
        channelMessageId: uuid(),
        customerId: customer.id,
        customerTier: chance(0.1) ? 'vip' : 'regular',
        subject: 'Help',
        text: 'Something is wrong with my order',
        orderNumber: null,
        attachments: [],
        language: 'en',
      },
    } as Omit<TicketCommand, 'ticketId' | 'metadata'>);
    if (chance(0.02)) return events; // never classified: stays in the backlog, unclassified
    now += 5_000;
    run(system, {
      type: 'ClassifyTicket',
      data: { category, priority: pick(['urgent', 'high', 'normal', 'low'] as const), complaint: chance(0.08), source: 'rules', confidence: 0.9, tags: [] },
    });
    run(system, { type: 'QueueTicket', data: { groupId: group, requiredSkills: [], reason: 'category' } });
    startClock('first_response', instant ? 15 * MIN : 4 * HOUR);
    startClock('resolution', instant ? 8 * HOUR : 48 * HOUR);
    if (instant && chance(0.3)) {
      // Intake offers a knowledge-base answer before any agent replies; some customers take it.
      advance(2_000);
      const offerId = uuid();
      run({ kind: 'service', id: 'intake' }, { type: 'OfferSelfServiceAnswer', data: { offerId, articleId: `article-${hex(4)}`, answer: 'Try this.', confidence: 0.8 } });
      advance(exp(2 * MIN));
      if (chance(0.4)) {
        run(customer, { type: 'AnswerSelfServiceOffer', data: { offerId, accepted: true } });
        advance(3 * DAY);
        run(system, { type: 'CloseTicket', data: { reason: 'auto_after_resolution' } });
        return events;
      }
      run(customer, { type: 'AnswerSelfServiceOffer', data: { offerId, accepted: false } });
    }
    if (chance(0.03)) {
      advance(exp(HOUR));
      run(system, { type: 'CloseTicket', data: { reason: 'spam' } });
      return events;
    }
    advance(exp(instant ? 5 * MIN : 2 * HOUR));
    run(system, { type: 'AssignTicket', data: { agentId: agent, groupId: group, reason: 'skill_match', explanation: 'generated' } });
    advance(exp(instant ? 8 * MIN : 2 * HOUR));
    reply();
    const rounds = chance(0.5) ? 1 + Math.floor(random() * 3) : 0;
    for (let r = 0; r < rounds; r++) {
      advance(exp(HOUR));
      customerWrites();
      startClock('next_response', instant ? 10 * MIN : 4 * HOUR);
      if (chance(0.1)) {
        advance(exp(30 * MIN));
        customerWrites();
      }
      if (chance(0.1)) {
        const to = pick(GROUPS.filter((g) => g !== group));
        group = to;
        agent = agentOf(to);
        run(system, { type: 'TransferTicket', data: { toGroupId: to, toAgentId: chance(0.5) ? agent : null, reason: 'wrong group' } });
        if (state.status !== 'none' && state.assigneeId === null) {
          advance(exp(30 * MIN));
          run(system, { type: 'AssignTicket', data: { agentId: agent, groupId: group, reason: 'skill_match', explanation: 'generated' } });
        }
      }
      advance(exp(instant ? 6 * MIN : 3 * HOUR));
      reply();
    }
    if (chance(0.05)) {
      run(system, { type: 'UnassignTicket', data: { reason: 'agent_offline' } });
      advance(exp(HOUR));
      agent = agentOf(group);
      run(system, { type: 'AssignTicket', data: { agentId: agent, groupId: group, reason: 'least_loaded', explanation: 'generated' } });
    }
    if (chance(0.15)) {
      const collaborationId = uuid();
      run(agentActor(), {
        type: 'RequestCollaboration',
        data: { collaborationId, department: 'warehouse', question: 'Where is it?', requestedBy: agent, dueAt: null },
      });
      advance(exp(6 * HOUR));
      run(agentActor(), { type: 'CompleteCollaboration', data: { collaborationId, outcome: 'found', completedBy: 'wh-1' } });
    }
    if (chance(0.04)) return events; // still being worked on at the end of the story
    advance(exp(instant ? 20 * MIN : 6 * HOUR));
    const resolve = () =>
      run(agentActor(), { type: 'ResolveTicket', data: { resolutionCode: 'answered', summary: 'done', resolvedBy: agent } });
    resolve();
    const survey = (round: number) => {
      if (!chance(0.7)) return;
      advance(HOUR);
      const surveyId = `${ticketId}-${round}`;
      run({ kind: 'service', id: 'feedback' }, { type: 'SendSurvey', data: { surveyId, expiresAt: new Date(now + 7 * DAY).toISOString() } });
      if (!chance(0.5)) return;
      advance(exp(6 * HOUR));
      const rating = SATISFACTION_SCALE.min + Math.floor(random() * 5);
      const aspect = () => (chance(0.2) ? null : SATISFACTION_SCALE.min + Math.floor(random() * 5));
      run(customer, {
        type: 'RateSatisfaction',
        data: {
          surveyId,
          rating,
          comment: rating <= 2 ? 'Not happy' : null,
          dimensions: { attitude: aspect(), responseSpeed: aspect(), problemSolved: aspect(), expertise: aspect() },
        },
      });
    };
    survey(1);
    if (chance(0.1)) {
      advance(exp(DAY));
      run(customer, { type: 'ReopenTicket', data: { reason: 'customer_request', note: null } });
      customerWrites();
      advance(exp(2 * HOUR));
      reply();
      advance(exp(4 * HOUR));
      resolve();
      survey(2);
    }
    advance(3 * DAY);
    run(system, { type: 'CloseTicket', data: { reason: 'auto_after_resolution' } });
    return events;
  }
}
