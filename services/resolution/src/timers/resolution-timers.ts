import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { CommandMetadata } from '@ticketing/contracts';
import { TicketDomainError, type Ticket } from '@ticketing/ticket';
import { v7 as uuidv7 } from 'uuid';
import { ResolutionConfigService } from '../settings/resolution-config.service';
import { TicketActionsService } from '../ticket-actions.service';
import { EscalationNotifier } from '../notifications/escalation-notifier';
import { promiseBroken } from '../work-list/work-list';
import { WorkListService } from '../work-list/work-list.service';

/** The time source of the timers; tests pass their own. */
export const RESOLUTION_CLOCK = Symbol('RESOLUTION_CLOCK');
export type Clock = () => Date;

export interface SweepReport {
  escalated: string[];
  closed: string[];
  /** Tickets whose broken promise was notified to the supervisors in this sweep. */
  promisesNotified: string[];
}

/**
 * Durable timers as a sweeper: the deadlines live in the tickets themselves (task due times,
 * resolution time), so nothing is lost when the process stops; each sweep finds what has fallen
 * due in the read model and decides it on the ticket's current stream. A repeat, or a second
 * replica sweeping at once, decides nothing new: the decider escalates a task once and closes a
 * ticket once, a broken promise is notified once, and a ticket reopened meanwhile is left alone.
 */
@Injectable()
export class ResolutionTimers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ResolutionTimers.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly workLists: WorkListService,
    private readonly actions: TicketActionsService,
    private readonly config: ResolutionConfigService,
    private readonly notifier: EscalationNotifier,
    @Optional() @Inject(RESOLUTION_CLOCK) private readonly clock: Clock = () => new Date(),
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = Number(process.env.RESOLUTION_SWEEP_INTERVAL_MS ?? 30_000);
    if (!Number.isInteger(everyMs) || everyMs < 0) throw new Error('Invalid configuration: RESOLUTION_SWEEP_INTERVAL_MS must be a whole number of ms (0 = off)');
    if (everyMs === 0) return;
    this.timer = setInterval(() => {
      this.running ??= this.sweep(this.clock())
        .catch((error) => this.logger.error(error))
        .finally(() => (this.running = undefined));
    }, everyMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweep(now: Date): Promise<SweepReport> {
    const report: SweepReport = { escalated: [], closed: [], promisesNotified: [] };
    for (const ticket of await this.workLists.ticketsForTimers()) {
      for (const task of ticket.openCollaborations) {
        if (task.overdue || task.dueAt === null || Date.parse(task.dueAt) > now.getTime()) continue;
        if (await this.escalate(ticket, task.collaborationId, now)) report.escalated.push(task.collaborationId);
      }
      if (promiseBroken(ticket, now.getTime()) && (await this.notifier.promiseOverdue(ticket, now))) report.promisesNotified.push(ticket.ticketId);
      if (ticket.status === 'resolved' && (await this.autoClose(ticket, now))) report.closed.push(ticket.ticketId);
    }
    return report;
  }

  private async escalate(ticket: Ticket, collaborationId: string, now: Date): Promise<boolean> {
    const { settings } = await this.config.load(ticket.tenantId);
    const department = ticket.openCollaborations.find((c) => c.collaborationId === collaborationId)?.department;
    const escalatedTo = settings.departments.find((d) => d.department === department)?.escalationContact ?? null;
    return this.run(ticket, now, () => [
      { type: 'MarkCollaborationOverdue', ticketId: ticket.ticketId, metadata: this.metadata(ticket, now), data: { collaborationId, escalatedTo } },
    ]);
  }

  /** Closes after the tenant's quiet period with no activity at all, judged on the current stream. */
  private async autoClose(ticket: Ticket, now: Date): Promise<boolean> {
    const quietMs = (await this.config.load(ticket.tenantId)).settings.autoCloseAfterMinutes * 60_000;
    if (Date.parse(ticket.lastEventAt) + quietMs > now.getTime()) return false;
    return this.run(ticket, now, (current) =>
      current.status === 'resolved' && Date.parse(current.lastEventAt) + quietMs <= now.getTime()
        ? [{ type: 'CloseTicket', ticketId: ticket.ticketId, metadata: this.metadata(ticket, now), data: { reason: 'auto_after_resolution' } }]
        : [],
    );
  }

  private async run(ticket: Ticket, now: Date, plan: Parameters<TicketActionsService['actAll']>[1]): Promise<boolean> {
    try {
      const before = (await this.actions.load(ticket.ticketId, ticket.tenantId)).revision;
      const after = await this.actions.actAll(ticket.ticketId, plan, this.metadata(ticket, now));
      return after.revision > before;
    } catch (error) {
      // The ticket moved on since the read model saw it (answered, reopened, closed): nothing is due.
      if (error instanceof TicketDomainError) return false;
      throw error;
    }
  }

  private metadata(ticket: Ticket, now: Date): CommandMetadata {
    return { tenantId: ticket.tenantId, actor: { kind: 'system', id: 'resolution.timers' }, correlationId: uuidv7(), causationId: null, now: now.toISOString() };
  }
}
