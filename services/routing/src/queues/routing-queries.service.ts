import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { compareQueued } from '../assignment/queue-order';
import { toQueued } from '../engine/routing-engine';
import { loadSettings } from '../settings/routing-settings.projection';
import type { RoutingSettings } from '../settings/routing-settings';
import { RoutingTicket } from '../tickets/routing-ticket.entity';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface SlaClockStatus {
  target: string;
  policyId: string;
  state: string;
  dueAt: string;
  warnAt: string;
  warned: boolean;
  breached: boolean;
  msToBreach: number | null;
  pausedForMs: number;
}

/** Read side of routing: queues in assignment order, tickets at risk, per-ticket SLA status. */
@Injectable()
export class RoutingQueriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async settings(tenantId: string): Promise<RoutingSettings> {
    return loadSettings(this.dataSource.manager, tenantId);
  }

  async queues(tenantId: string) {
    const settings = await loadSettings(this.dataSource.manager, tenantId);
    const rows = await this.dataSource.manager.find(RoutingTicket, { where: { tenantId, state: 'queued' } });
    const queued = rows.filter((r) => r.groupId !== null).map((r) => toQueued(r, settings)).sort(compareQueued);
    return {
      queues: settings.groups.map((g) => {
        const tickets = queued.filter((t) => t.groupId === g.groupId);
        return {
          groupId: g.groupId,
          name: g.name,
          strategy: g.strategy,
          length: tickets.length,
          tickets: tickets.map((t, i) => ({ position: i + 1, ticketId: t.ticketId, tier: t.tier, vip: t.vip, priority: t.priority, channel: t.channel, language: t.language, dueAt: iso(t.dueAt), queuedAt: iso(t.queuedAt) })),
        };
      }),
    };
  }

  /** Tickets with a running clock, nearest breach first; `withinMs` keeps only those due that soon. */
  async atRisk(tenantId: string, now: number, limit: number, withinMs?: number) {
    const qb = this.dataSource.manager
      .createQueryBuilder(RoutingTicket, 't')
      .where('t.tenantId = :tenantId AND t.nextDueAt IS NOT NULL', { tenantId })
      .orderBy('t.nextDueAt', 'ASC')
      .limit(limit);
    if (withinMs !== undefined) qb.andWhere('t.nextDueAt <= :until', { until: now + withinMs });
    const rows = await qb.getMany();
    return {
      tickets: rows.map((r) => ({
        ticketId: r.ticketId,
        groupId: r.groupId,
        assigneeId: r.assigneeId,
        dueAt: iso(r.nextDueAt),
        msToBreach: (r.nextDueAt as number) - now,
        targets: this.clocks(r, now).filter((c) => c.state === 'running' && !c.breached).map((c) => c.target),
      })),
    };
  }

  async slaStatus(tenantId: string, ticketId: string, now: number) {
    const row = await this.dataSource.manager.findOneBy(RoutingTicket, { ticketId });
    // Another tenant's ticket is a 404 like a missing one, so its existence does not leak.
    if (!row || row.tenantId !== tenantId) throw new NotFoundException(`ticket ${ticketId} not found`);
    return { ticketId, state: row.state, groupId: row.groupId, assigneeId: row.assigneeId, escalationLevel: row.escalationLevel, clocks: this.clocks(row, now) };
  }

  private clocks(row: RoutingTicket, now: number): SlaClockStatus[] {
    return Object.entries(row.clocks).map(([target, c]) => ({
      target,
      policyId: c.policyId,
      state: c.state,
      dueAt: iso(c.dueAt) as string,
      warnAt: iso(c.warnAt) as string,
      warned: c.warned,
      breached: c.breached,
      msToBreach: c.state === 'running' ? c.dueAt - now : null,
      pausedForMs: c.pauses.reduce((sum, p) => sum + ((p.to ?? now) - p.from), 0),
    }));
  }
}
