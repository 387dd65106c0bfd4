import { inTransaction } from '@ticketing/messaging';
import type { DataSource } from 'typeorm';

export interface SlotRequest {
  tenantId: string;
  agentId: string;
  ticketId: string;
  channel: string;
}

/**
 * The agent's load on the channel — assigned tickets the projection knows of, plus reservations it
 * has not applied yet (never counting one ticket twice) — as an SQL expression over $1 tenant,
 * $2 agent, $3 channel, $4 the ticket being booked (not counted).
 */
const CHANNEL_LOAD_SQL = `(SELECT count(*) FROM "routing"."tickets" t
         WHERE t."tenantId" = $1 AND t."assigneeId" = $2 AND t.state = 'assigned' AND t.channel = $3 AND t."ticketId" <> $4)
     + (SELECT count(*) FROM "routing"."capacity_reservations" c
         WHERE c."tenantId" = $1 AND c."agentId" = $2 AND c.channel = $3 AND c."ticketId" <> $4
           AND NOT EXISTS (SELECT 1 FROM "routing"."tickets" t WHERE t."ticketId" = c."ticketId" AND t."assigneeId" = c."agentId" AND t.state = 'assigned'))`;

/**
 * Books one slot of the agent's capacity on the ticket's channel and runs `assign` (the append of
 * the TicketAssigned) while holding the agent's roster row lock: dispatch rounds and manual pulls
 * for the same agent serialise here, each sees the others' bookings, so the agent is never
 * overbooked. Returns false (and books nothing) when the agent is full or `assign` appended nothing.
 */
export async function assignWithinCapacity(dataSource: DataSource, r: SlotRequest, now: number, assign: () => Promise<number>): Promise<boolean> {
  return inTransaction(dataSource, async (manager) => {
    const [agent] = await manager.query(
      `SELECT "channelCapacity", capacity FROM "routing"."agent_roster" WHERE "tenantId" = $1 AND "agentId" = $2 FOR UPDATE`,
      [r.tenantId, r.agentId],
    );
    if (!agent) return false;
    const perChannel = (typeof agent.channelCapacity === 'string' ? JSON.parse(agent.channelCapacity) : agent.channelCapacity) as Record<string, number>;
    const capacity = perChannel[r.channel] ?? Number(agent.capacity);
    // One statement counts the load and books the slot. It starts after the lock above was granted,
    // so (read committed) it sees every booking committed by whoever held the lock before us.
    // Full: nothing inserted. A reservation for the ticket already exists (or is being made):
    // someone booked it first; waiting on it, not overwriting it, keeps that booking counted until
    // the projection applies it.
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "routing"."capacity_reservations" ("ticketId", "tenantId", "agentId", channel, "reservedAt")
       SELECT $4, $1, $2, $3, $5 WHERE ${CHANNEL_LOAD_SQL} < $6
       ON CONFLICT ("ticketId") DO NOTHING RETURNING "ticketId"`,
      [r.tenantId, r.agentId, r.channel, r.ticketId, new Date(now), capacity],
    );
    if (inserted.length === 0) return false;
    if ((await assign()) > 0) return true;
    await manager.query(`DELETE FROM "routing"."capacity_reservations" WHERE "ticketId" = $1`, [r.ticketId]);
    return false;
  });
}
