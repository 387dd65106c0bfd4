import { SATISFACTION_DIMENSIONS, upcastEvent, type EventEnvelope, type TicketEvent } from '@ticketing/contracts';
import { NONE, SATISFIED_AT_OR_ABOVE, type Dimension } from '../kpi-measures';
import type { KpiValues, TimeBucket } from '../kpi-query';

/*
 * An independent reference for the KPI projection: every KPI recomputed from a ticket's whole history
 * by searching it (the first reply, the messages between two replies, the assignment intervals inside a
 * work period, the tickets open at the end of a day) instead of folding it event by event. Written
 * from docs/kpi-definitions.md, not from kpi-fold.ts; the test requires both to agree exactly.
 */

type Ev = TicketEvent & { at: number };
type Attr = Record<Exclude<Dimension, 'all'>, string> & { all: string };

interface Samples {
  opened: number;
  resolved: number;
  firstResponse: number[];
  nextResponse: number[];
  handle: number[];
  resolution: number[];
  firstResolved: number;
  fcr: number;
  ratings: number[];
  aspects: Record<string, number[]>;
  surveys: number;
  classified: number;
  complaints: number;
  sla: Record<string, { met: number; breached: number }>;
  reopened: number;
  collaboration: number[];
  selfServiceOffered: number;
  selfServiceDeflected: number;
}

const emptySamples = (): Samples => ({
  opened: 0,
  resolved: 0,
  firstResponse: [],
  nextResponse: [],
  handle: [],
  resolution: [],
  firstResolved: 0,
  fcr: 0,
  ratings: [],
  aspects: Object.fromEntries(SATISFACTION_DIMENSIONS.map((d) => [d, []])),
  surveys: 0,
  classified: 0,
  complaints: 0,
  sla: { first_response: { met: 0, breached: 0 }, next_response: { met: 0, breached: 0 }, resolution: { met: 0, breached: 0 } },
  reopened: 0,
  collaboration: [],
  selfServiceOffered: 0,
  selfServiceDeflected: 0,
});

const isReply = (e: Ev) => e.type === 'AgentReplied' || e.type === 'CustomerInfoRequested';
const endsTicket = (e: Ev) => e.type === 'TicketClosed' || (e.type === 'TicketMerged' && e.data.sourceTicketId === e.data.ticketId);
const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const rate = (n: number, d: number) => (d === 0 ? null : n / d);

function bucketOf(at: number, bucket: TimeBucket): string {
  const d = new Date(at);
  if (bucket === 'month') return `${d.toISOString().slice(0, 7)}-01`;
  if (bucket === 'week') {
    const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
    return monday.toISOString().slice(0, 10);
  }
  return d.toISOString().slice(0, 10);
}

/** Channel, category, group and agent of the ticket just after its event `i`. */
function attributionAfter(events: Ev[], i: number, agentOverride?: string | null): Attr {
  let category: string | null = null;
  let group: string | null = null;
  let agent: string | null = null;
  for (const e of events.slice(0, i + 1)) {
    if (e.type === 'TicketClassified' || e.type === 'TicketReclassified') category = e.data.category;
    if (e.type === 'TicketQueued') group = e.data.groupId;
    if (e.type === 'TicketAssigned') [agent, group] = [e.data.agentId, e.data.groupId];
    if (e.type === 'TicketUnassigned') agent = null;
    if (e.type === 'TicketTransferred') [agent, group] = [e.data.toAgentId, e.data.toGroupId];
    if (e.type === 'TicketEscalated' && e.data.toGroupId) group = e.data.toGroupId;
  }
  const opened = events[0] as Extract<Ev, { type: 'TicketOpened' }>;
  const who = agentOverride === undefined ? agent : agentOverride;
  return { all: '', channel: opened.data.channel, category: category ?? NONE.category, group: group ?? NONE.group, agent: who ?? NONE.agent };
}

function resolverBefore(events: Ev[], i: number): string | null {
  const resolved = events.slice(0, i).filter((e) => e.type === 'TicketResolved');
  const last = resolved[resolved.length - 1];
  return last && last.type === 'TicketResolved' ? last.data.resolvedBy : null;
}

/** Is the ticket in the backlog at instant `t` (after every event strictly before it)? */
function inBacklogAt(events: Ev[], t: number): { open: boolean; last: number } {
  let open = false;
  let last = -1;
  events.forEach((e, i) => {
    if (e.at >= t) return;
    last = i;
    if (e.type === 'TicketOpened' || e.type === 'TicketReopened') open = true;
    if (e.type === 'TicketResolved' || endsTicket(e)) open = false;
  });
  return { open, last };
}

/** KPIs keyed `${tenant}|${dimension}|${bucket}|${value}`, for the buckets covering `days`. */
export function bruteForceKpis(log: EventEnvelope[], bucket: TimeBucket, days: string[]): Map<string, KpiValues> {
  const tickets = new Map<string, Ev[]>();
  for (const stored of log) {
    const event = { ...(upcastEvent(stored) as TicketEvent), at: Date.parse(stored.occurredAt) } as Ev;
    const list = tickets.get(stored.streamId) ?? [];
    list[stored.streamPosition] = event;
    tickets.set(stored.streamId, list);
  }
  const samples = new Map<string, Samples>();
  const counted = new Set(days);
  const at = (tenant: string, when: number, attr: Attr): Samples[] =>
    !counted.has(new Date(when).toISOString().slice(0, 10)) ? [] : (['all', 'channel', 'category', 'agent', 'group'] as Dimension[]).map((dimension) => {
      const key = `${tenant}|${dimension}|${bucketOf(when, bucket)}|${attr[dimension]}`;
      if (!samples.has(key)) samples.set(key, emptySamples());
      return samples.get(key)!;
    });

  for (const events of tickets.values()) {
    const tenant = events[0].tenantId;
    const opened = events[0].at;
    const record = (i: number, fn: (s: Samples) => void, agent?: string | null) =>
      at(tenant, events[i].at, attributionAfter(events, i, agent)).forEach(fn);
    const reopenedAfter = (i: number) => events.slice(i + 1).some((e) => e.type === 'TicketReopened');

    record(0, (s) => s.opened++);
    const classifications = events.map((e, i) => [e, i] as const).filter(([e]) => e.type === 'TicketClassified' || e.type === 'TicketReclassified');
    if (classifications.length > 0) record(classifications[0][1], (s) => s.classified++);
    const complaint = classifications.find(([e]) => (e.type === 'TicketClassified' || e.type === 'TicketReclassified') && e.data.complaint);
    if (complaint) record(complaint[1], (s) => s.complaints++);

    const replies = events.map((e, i) => [e, i] as const).filter(([e]) => isReply(e));
    replies.forEach(([reply, i], n) => {
      const agent = reply.type === 'AgentReplied' || reply.type === 'CustomerInfoRequested' ? reply.data.agentId : null;
      if (n === 0) {
        record(i, (s) => s.firstResponse.push(reply.at - opened), agent);
        return;
      }
      const previous = replies[n - 1][1];
      const waiting = events.slice(previous + 1, i).find((e) => e.type === 'CustomerMessageReceived');
      if (waiting) record(i, (s) => s.nextResponse.push(reply.at - waiting.at), agent);
    });

    events.forEach((e, i) => {
      if (e.type !== 'TicketResolved') return;
      const reopens = events.slice(0, i).map((x, k) => [x, k] as const).filter(([x]) => x.type === 'TicketReopened');
      const periodIndex = reopens.length > 0 ? reopens[reopens.length - 1][1] : 0;
      let handled = 0;
      for (let k = periodIndex; k < i; k++) {
        if (attributionAfter(events, k).agent !== NONE.agent) handled += events[k + 1].at - events[k].at;
      }
      record(i, (s) => {
        s.resolved++;
        s.resolution.push(e.at - events[periodIndex].at);
        s.handle.push(handled);
        if (reopens.length === 0) {
          s.firstResolved++;
          if (e.data.firstContactResolution && !reopenedAfter(i)) s.fcr++;
        }
      }, e.data.resolvedBy);
    });

    // SLA: each started clock ends at a restart, a meeting event, or the end of the ticket.
    events.forEach((e, i) => {
      if (e.type !== 'SlaClockStarted') return;
      const target = e.data.target;
      for (let k = i + 1; k < events.length; k++) {
        const x = events[k];
        if (x.type === 'SlaBreached' && x.data.target === target) {
          record(k, (s) => s.sla[target].breached++);
          return;
        }
        const meets = x.type === 'TicketResolved' || (isReply(x) && target !== 'resolution');
        if (meets) {
          const agent = x.type === 'TicketResolved' ? x.data.resolvedBy : x.type === 'AgentReplied' || x.type === 'CustomerInfoRequested' ? x.data.agentId : null;
          record(k, (s) => s.sla[target].met++, agent);
          return;
        }
        if ((x.type === 'SlaClockStarted' && x.data.target === target) || endsTicket(x)) return;
      }
    });

    events.forEach((e, i) => {
      if (e.type === 'TicketReopened') record(i, (s) => s.reopened++);
      if (e.type === 'SelfServiceAnswerOffered') record(i, (s) => s.selfServiceOffered++);
      if (e.type === 'SelfServiceOfferAnswered' && e.data.accepted) record(i, (s) => s.selfServiceDeflected++);
      if (e.type === 'SurveySent') record(i, (s) => s.surveys++, resolverBefore(events, i) ?? undefined);
      if (e.type === 'SatisfactionRated') {
        const agent = resolverBefore(events, i);
        record(i, (s) => {
          s.ratings.push(e.data.rating);
          for (const d of SATISFACTION_DIMENSIONS) if (e.data.dimensions[d] !== null) s.aspects[d].push(e.data.dimensions[d]!);
        }, agent ?? undefined);
      }
      if (e.type === 'CollaborationCompleted') {
        const requested = events.findIndex((x) => x.type === 'CollaborationRequested' && x.data.collaborationId === e.data.collaborationId);
        if (requested === -1) return;
        const interrupted = events.slice(requested + 1, i).some((x) => x.type === 'TicketResolved' || endsTicket(x));
        if (!interrupted) record(i, (s) => s.collaboration.push(e.at - events[requested].at));
      }
    });
  }

  // The backlog at the end of each bucket: the tickets open then, wherever they stood then.
  const stock = new Map<string, { count: number; ages: number[] }>();
  const ends = [...new Set(days.map((d) => bucketOf(Date.parse(`${d}T00:00:00.000Z`), bucket)))].map((b) => {
    const lastDayOfBucket = days.filter((d) => bucketOf(Date.parse(`${d}T00:00:00.000Z`), bucket) === b).pop()!;
    return { bucket: b, end: Date.parse(`${lastDayOfBucket}T00:00:00.000Z`) + 86_400_000 };
  });
  for (const events of tickets.values()) {
    for (const { bucket: b, end } of ends) {
      const { open, last } = inBacklogAt(events, end);
      if (!open) continue;
      const attr = attributionAfter(events, last);
      for (const dimension of ['all', 'channel', 'category', 'agent', 'group'] as Dimension[]) {
        const key = `${events[0].tenantId}|${dimension}|${b}|${attr[dimension]}`;
        const entry = stock.get(key) ?? { count: 0, ages: [] };
        entry.count++;
        entry.ages.push((Math.floor(end / 1000) - Math.floor(events[0].at / 1000)) * 1000);
        stock.set(key, entry);
      }
    }
  }

  const result = new Map<string, KpiValues>();
  const inRange = new Set(ends.map((e) => e.bucket));
  for (const key of new Set([...samples.keys(), ...stock.keys()])) {
    if (!inRange.has(key.split('|')[2])) continue;
    const s = samples.get(key) ?? emptySamples();
    const backlog = stock.get(key) ?? { count: 0, ages: [] };
    const sla = (t: string) => rate(s.sla[t].met, s.sla[t].met + s.sla[t].breached);
    result.set(key, {
      ticketsOpened: s.opened,
      ticketsResolved: s.resolved,
      firstResponseTimeMs: mean(s.firstResponse),
      nextResponseTimeMs: mean(s.nextResponse),
      averageHandleTimeMs: mean(s.handle),
      resolutionTimeMs: mean(s.resolution),
      firstContactResolutionRate: rate(s.fcr, s.firstResolved),
      csat: rate(s.ratings.filter((r) => r >= SATISFIED_AT_OR_ABOVE).length, s.ratings.length),
      averageRating: mean(s.ratings),
      csatByDimension: {
        attitude: mean(s.aspects.attitude),
        responseSpeed: mean(s.aspects.responseSpeed),
        problemSolved: mean(s.aspects.problemSolved),
        expertise: mean(s.aspects.expertise),
      },
      surveyResponseRate: rate(s.ratings.length, s.surveys),
      complaintRate: rate(s.complaints, s.classified),
      slaCompliance: { first_response: sla('first_response'), next_response: sla('next_response'), resolution: sla('resolution') },
      reopenRate: rate(s.reopened, s.resolved),
      backlog: backlog.count,
      backlogAverageAgeMs: mean(backlog.ages),
      collaborationTurnaroundMs: mean(s.collaboration),
      selfServiceDeflectionRate: rate(s.selfServiceDeflected, s.selfServiceOffered),
    });
  }
  return result;
}
