import { inTransaction } from '@ticketing/messaging';
import type { DataSource } from 'typeorm';

export interface SlotRequest {
  tenantId: string;
  agentId: string;
  ticketId: string;
  channel: string;
}

/**
 * Books one slot of the agent's capacity on the ticket's channel and runs `assign` (the append of
 * the TicketAssigned) while holding the agent's roster row lock: dispatch rounds and manual pulls
 * for the same agent serialise here, each sees the others' bookings, so the agent is never
 * overbooked. Returns false (and books nothing) when the agent is full or `assign` appended nothing;
 * an `assign` that throws books nothing either, and its error is rethrown.
 */
export async function assignWithinCapacity(dataSource: DataSource, r: SlotRequest, now: number, assign: () => Promise<number>): Promise<boolean> {
  const [outcome] = await assignManyWithinCapacity(dataSource, r.tenantId, r.agentId, [r], now, assign);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

/** What became of one slot of a batch: booked and assigned (true), refused (false), or failed. */
export type SlotOutcome = { ok: true; value: boolean } | { ok: false; error: unknown };

/**
 * `assignWithinCapacity` for several tickets of one agent (a dispatch round's plan for that agent,
 * in plan order) under one lock and one transaction: the load is counted once after the lock was
 * granted, the tickets that fit (earliest first) are reserved in one statement, their appends run
 * in parallel (different ticket streams), and the reservations of those that appended nothing or
 * failed are removed before the commit. A failed append touches no other ticket of the batch.
 */
export async function assignManyWithinCapacity(
  dataSource: DataSource,
  tenantId: string,
  agentId: string,
  slots: readonly { ticketId: string; channel: string }[],
  now: number,
  assign: (ticketId: string) => Promise<number>,
): Promise<SlotOutcome[]> {
  const refused = slots.map((): SlotOutcome => ({ ok: true, value: false }));
  return inTransaction(dataSource, async (manager) => {
    const [agent] = await manager.query(
      `SELECT "channelCapacity", capacity FROM "routing"."agent_roster" WHERE "tenantId" = $1 AND "agentId" = $2 FOR UPDATE`,
      [tenantId, agentId],
    );
    if (!agent) return refused;
    const perChannel = (typeof agent.channelCapacity === 'string' ? JSON.parse(agent.channelCapacity) : agent.channelCapacity) as Record<string, number>;
    const ticketIds = slots.map((s) => s.ticketId);
    // Counted after the lock was granted: every booking of whoever held it before is visible.
    const loads: { channel: string; n: number }[] = await manager.query(
      `SELECT channel, count(*)::int AS n FROM (
         SELECT t.channel FROM "routing"."tickets" t
          WHERE t."tenantId" = $1 AND t."assigneeId" = $2 AND t.state = 'assigned' AND NOT (t."ticketId" = ANY($3))
         UNION ALL
         SELECT c.channel FROM "routing"."capacity_reservations" c
          WHERE c."tenantId" = $1 AND c."agentId" = $2 AND NOT (c."ticketId" = ANY($3))
            AND NOT EXISTS (SELECT 1 FROM "routing"."tickets" t WHERE t."ticketId" = c."ticketId" AND t."assigneeId" = c."agentId" AND t.state = 'assigned')
       ) booked GROUP BY channel`,
      [tenantId, agentId, ticketIds],
    );
    const free = new Map<string, number>();
    const freeOn = (channel: string) => free.get(channel) ?? (perChannel[channel] ?? Number(agent.capacity)) - (loads.find((l) => l.channel === channel)?.n ?? 0);
    const fitting = slots.filter((s) => {
      const left = freeOn(s.channel);
      free.set(s.channel, left - 1);
      return left > 0;
    });
    if (fitting.length === 0) return refused;
    // A ticket reserved already (or being reserved) was booked by someone else first: not ours.
    const inserted: { ticketId: string }[] = await manager.query(
      `INSERT INTO "routing"."capacity_reservations" ("ticketId", "tenantId", "agentId", channel, "reservedAt")
       SELECT s."ticketId", $1, $2, s.channel, $5 FROM unnest($3::text[], $4::text[]) AS s("ticketId", channel)
       ON CONFLICT ("ticketId") DO NOTHING RETURNING "ticketId"`,
      [tenantId, agentId, fitting.map((s) => s.ticketId), fitting.map((s) => s.channel), new Date(now)],
    );
    const reserved = new Set(inserted.map((r) => r.ticketId));
    const outcomes = await Promise.all(
      slots.map(async (s): Promise<SlotOutcome> => {
        if (!reserved.has(s.ticketId)) return { ok: true, value: false };
        try {
          return { ok: true, value: (await assign(s.ticketId)) > 0 };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    );
    const release = slots.filter((s, i) => reserved.has(s.ticketId) && !(outcomes[i].ok && outcomes[i].value)).map((s) => s.ticketId);
    if (release.length > 0) await manager.query(`DELETE FROM "routing"."capacity_reservations" WHERE "ticketId" = ANY($1)`, [release]);
    return outcomes;
  });
}
