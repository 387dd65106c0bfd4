import { Inject, Injectable } from '@nestjs/common';
import { callbackStream, streamId, type CallbackOutcome, type CallbackScheduledData, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { DataSource } from 'typeorm';
import { CallbackNotFoundError, callbackDecider, type CallbackCommand } from './callback.decider';
import { CallbackView } from './callback.entity';

export const CALLBACK_STATUSES = ['scheduled', 'completed', 'missed'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

export interface CallbackListing {
  callbackId: string;
  ticketId: string;
  customerId: string;
  reasons: string[];
  assignee: string;
  dueAt: string;
  status: CallbackStatus;
  missed: boolean;
  completedBy: string | null;
  outcome: string | null;
  note: string | null;
  completedAt: string | null;
}

const listing = (v: CallbackView): CallbackListing => ({
  callbackId: v.callbackId,
  ticketId: v.ticketId,
  customerId: v.customerId,
  reasons: v.reasons,
  assignee: v.assignee,
  dueAt: new Date(v.dueAt).toISOString(),
  status: v.status,
  missed: v.missed,
  completedBy: v.completedBy,
  outcome: v.outcome,
  note: v.note,
  completedAt: v.completedAt ? new Date(v.completedAt).toISOString() : null,
});

/** Callbacks after resolution: decided on the ticket's `callback-<ticketId>` stream, listed from the read model. */
@Injectable()
export class CallbacksService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  schedule(data: CallbackScheduledData, metadata: CommandMetadata) {
    return this.run(data.ticketId, { type: 'ScheduleCallback', metadata, data });
  }

  markMissed(ticketId: string, callbackId: string, metadata: CommandMetadata) {
    return this.run(ticketId, { type: 'MarkCallbackMissed', metadata, data: { callbackId } });
  }

  /** Who called is the caller; a callback of another tenant is not found. */
  async complete(callbackId: string, outcome: CallbackOutcome, note: string | null, metadata: CommandMetadata): Promise<CallbackListing> {
    const view = await this.dataSource.getRepository(CallbackView).findOneBy({ callbackId, tenantId: metadata.tenantId });
    if (!view) throw new CallbackNotFoundError(callbackId);
    await this.run(view.ticketId, { type: 'CompleteCallback', metadata, data: { callbackId, ticketId: view.ticketId, completedBy: metadata.actor.id, outcome, note } });
    return { ...listing(view), status: 'completed', completedBy: metadata.actor.id, outcome, note, completedAt: metadata.now };
  }

  /** The tenant's callbacks, soonest due first; `missed` lists those missed and still not done. */
  async list(tenantId: string, filter: { status?: CallbackStatus; assignee?: string } = {}): Promise<CallbackListing[]> {
    const rows = await this.dataSource.getRepository(CallbackView).find({
      where: { tenantId, ...(filter.status ? { status: filter.status } : {}), ...(filter.assignee ? { assignee: filter.assignee } : {}) },
      order: { dueAt: 'ASC', callbackId: 'ASC' },
      take: 500,
    });
    return rows.map(listing);
  }

  private run(ticketId: string, command: CallbackCommand) {
    return handleCommand({ store: this.store, streamId: streamId(callbackStream, ticketId), decider: callbackDecider, command, validate: validateNewEvent });
  }
}
