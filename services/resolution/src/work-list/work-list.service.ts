import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Department } from '@ticketing/contracts';
import type { Principal } from '@ticketing/platform';
import type { Ticket } from '@ticketing/ticket';
import { In, type Repository } from 'typeorm';
import { WorkItem } from './work-item.entity';
import { workListOf, type WorkList } from './work-list';

const ACTIVE = ['new', 'open', 'pending_customer', 'pending_third_party'];

export interface DepartmentTask {
  ticketId: string;
  collaborationId: string;
  department: Department;
  state: string;
  requestedAt: string;
  dueAt: string | null;
  overdue: boolean;
}

/** Queries over the work-items read model, always within the caller's tenant. */
@Injectable()
export class WorkListService {
  constructor(@InjectRepository(WorkItem) private readonly items: Repository<WorkItem>) {}

  async workList(principal: Principal, now: Date): Promise<WorkList> {
    const rows = await this.items.find({ where: { tenantId: principal.tenantId, status: In(ACTIVE) } });
    const updated = new Map(rows.map((r) => [r.ticketId, r.updatedAt.toISOString()]));
    return workListOf(rows.map((r) => r.state as Ticket), principal, now.getTime(), (t) => updated.get(t.ticketId)!);
  }

  /** A department's open tasks across the tenant's tickets, oldest due first. */
  async departmentTasks(tenantId: string, department?: string): Promise<DepartmentTask[]> {
    const rows = await this.items.find({ where: { tenantId, status: In(ACTIVE) } });
    return rows
      .flatMap((r) => (r.state as Ticket).openCollaborations.map((c) => ({ ticketId: r.ticketId, ...c })))
      .filter((task) => department === undefined || task.department === department)
      .sort((a, b) => (a.dueAt ?? '9').localeCompare(b.dueAt ?? '9'));
  }

  /** Tickets the timers look at: active (tasks may fall due) and resolved (may close). */
  async ticketsForTimers(): Promise<Ticket[]> {
    const rows = await this.items.find({ where: { status: In([...ACTIVE, 'resolved']) } });
    return rows.map((r) => r.state as Ticket);
  }
}
