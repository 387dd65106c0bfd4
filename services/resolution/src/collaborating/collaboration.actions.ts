import { ForbiddenException, Injectable } from '@nestjs/common';
import type { CommandMetadata, Department } from '@ticketing/contracts';
import { InputValidationError } from '@ticketing/platform';
import { CollaborationNotOpenError, type TicketCommand } from '@ticketing/ticket';
import { v7 as uuidv7 } from 'uuid';
import type { TicketCall } from '../http-action';
import { ResolutionConfigService } from '../settings/resolution-config.service';
import { TicketActionsService, type ActionResult } from '../ticket-actions.service';
import type { CollaborationRequest } from './collaboration.requests';

type TaskStep = (metadata: CommandMetadata, ticketId: string, collaborationId: string) => TicketCommand;

/** Who may work a step: members of the department (when it names any) or staff above agent; the assignee may comment. */
export type StepAccess = 'department' | 'department-or-assignee';

/**
 * Cross-department collaboration, the same for REST and gRPC: the agent opens a task to a
 * department of the tenant; the department works it (accept, comment, complete, decline).
 */
@Injectable()
export class CollaborationActions {
  constructor(
    private readonly actions: TicketActionsService,
    private readonly config: ResolutionConfigService,
  ) {}

  async open(call: TicketCall, request: CollaborationRequest): Promise<ActionResult & { collaborationId: string; dueAt: string }> {
    const { metadata } = call;
    const { settings } = await this.config.load(metadata.tenantId);
    const department = settings.departments.find((d) => d.department === request.department);
    if (!department) {
      const known = settings.departments.map((d) => d.department).join(', ');
      throw new InputValidationError([{ field: 'department', message: `unknown department "${request.department}" (this tenant has: ${known})` }]);
    }
    const dueAt = request.dueAt
      ? new Date(request.dueAt).toISOString()
      : new Date(Date.parse(metadata.now) + department.defaultDueMinutes * 60_000).toISOString();
    if (Date.parse(dueAt) <= Date.parse(metadata.now)) throw new InputValidationError([{ field: 'dueAt', message: 'must be in the future' }]);
    const collaborationId = uuidv7();
    const result = await call.done(this.actions.act(
      call.ticketId,
      (m) => ({
        type: 'RequestCollaboration',
        ticketId: call.ticketId,
        metadata: m,
        data: { collaborationId, department: department.department, question: request.question, requestedBy: m.actor.id, dueAt },
      }),
      metadata,
      call.expectedRevision,
    ));
    return { ...result, collaborationId, dueAt };
  }

  accept(call: TicketCall, collaborationId: string): Promise<ActionResult> {
    return this.step(call, collaborationId, 'department', (m, ticketId, id) => ({
      type: 'AcceptCollaboration', ticketId, metadata: m, data: { collaborationId: id, acceptedBy: m.actor.id },
    }));
  }

  comment(call: TicketCall, collaborationId: string, text: string): Promise<ActionResult> {
    return this.step(call, collaborationId, 'department-or-assignee', (m, ticketId, id) => ({
      type: 'CommentOnCollaboration', ticketId, metadata: m, data: { collaborationId: id, commentId: uuidv7(), authorId: m.actor.id, text },
    }));
  }

  complete(call: TicketCall, collaborationId: string, outcome: string): Promise<ActionResult> {
    return this.step(call, collaborationId, 'department', (m, ticketId, id) => ({
      type: 'CompleteCollaboration', ticketId, metadata: m, data: { collaborationId: id, outcome, completedBy: m.actor.id },
    }));
  }

  decline(call: TicketCall, collaborationId: string, reason: string): Promise<ActionResult> {
    return this.step(call, collaborationId, 'department', (m, ticketId, id) => ({
      type: 'DeclineCollaboration', ticketId, metadata: m, data: { collaborationId: id, declinedBy: m.actor.id, reason },
    }));
  }

  private async step(call: TicketCall, collaborationId: string, access: StepAccess, build: TaskStep): Promise<ActionResult> {
    const { principal } = call;
    const { settings } = await this.config.load(call.metadata.tenantId);
    const membersOf = (department: Department) => settings.departments.find((d) => d.department === department)?.members ?? [];
    return call.done(this.actions.actAll(
      call.ticketId,
      (ticket, m) => {
        const task = ticket.openCollaborations.find((c) => c.collaborationId === collaborationId);
        if (!task) throw new CollaborationNotOpenError(call.ticketId, collaborationId);
        const members = membersOf(task.department);
        const mayAct =
          principal.role !== 'agent' ||
          members.length === 0 ||
          members.includes(principal.actor.id) ||
          (access === 'department-or-assignee' && ticket.assigneeId === principal.actor.id);
        if (!mayAct) throw new ForbiddenException(`only members of ${task.department} may work this task`);
        return [build(m, call.ticketId, collaborationId)];
      },
      call.metadata,
      call.expectedRevision,
    ));
  }
}
