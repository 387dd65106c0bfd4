import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { streamId, type AttachmentRef, type CommandMetadata } from '@ticketing/contracts';
import { handleCommand, type EventStore } from '@ticketing/eventstore';
import { EVENT_STORE, validateNewEvent } from '@ticketing/platform';
import { ReopenWindowExpiredError, TenantMismatchError, TicketClosedError, TicketMergedError, TicketNotFoundError } from '@ticketing/ticket';
import { Like, type Repository } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { ticketIdFor } from '../opening-ticket/ticket-identity';
import { conversationDecider, ConversationMovedError, type ConversationState } from '../threading/conversation.decider';
import { conversationStreamFor, inboundMessageId, ticketReference, ticketReferenceIn } from '../threading/thread-keys';
import { TicketChannel } from '../threading/ticket-channel.entity';
import { TicketsService } from '../tickets.service';
import { subjectFrom, type CustomerMessage, type SubmissionResult } from './customer-message';
import { receiveOnceDecider, SurveyReplyNotRecordedError } from './receive-once.decider';

const ATTACHMENT_NAMESPACE = 'c3a1f0d2-5b7e-4c19-8e2a-9d4f6b1e0a37';
/** Conversation re-links and merged-ticket hops one message may go through before we give up. */
const MAX_THREADING_ROUNDS = 5;

type Receipt =
  | { outcome: 'appended' | 'duplicate' | 'reopened' | 'survey_answered' | 'survey_already_answered' | 'survey_expired' }
  | { refused: 'expired' | 'closed' | 'missing' }
  | { mergedInto: string };

/**
 * One entry for every customer message: it lands on the ticket its conversation points to
 * (threaded, reopened within the window by the decider), or opens a ticket; a ticket that can no
 * longer take messages gets a follow-up ticket linked to it. Every write is an append with an
 * expected revision, so retries and concurrent messages of one conversation cannot fork it.
 */
@Injectable()
export class SubmissionService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tickets: TicketsService,
    @InjectRepository(TicketChannel) private readonly ticketChannels: Repository<TicketChannel>,
  ) {}

  async submit(message: CustomerMessage, metadata: CommandMetadata): Promise<SubmissionResult> {
    const { tenantId } = metadata;
    const messageId = inboundMessageId(tenantId, message.channel, message.channelMessageId);
    const conversation = conversationStreamFor(tenantId, message.channel, message.conversation.keyKind, message.conversation.key);

    // A message that names its ticket (reply to our mail, [#ref] in the subject) goes there first.
    for (const referenced of await this.referencedTickets(message, tenantId)) {
      const receipt = await this.receive(referenced, message, messageId, metadata);
      if ('outcome' in receipt) return this.result(referenced, receipt.outcome, null, messageId);
      if ('mergedInto' in receipt) {
        const merged = await this.receive(receipt.mergedInto, message, messageId, metadata);
        if ('outcome' in merged) return this.result(receipt.mergedInto, merged.outcome, null, messageId);
      }
    }

    for (let round = 0; round < MAX_THREADING_ROUNDS; round++) {
      const { state } = await this.conversation(conversation);
      try {
        if (state.ticketId === null) {
          const ticketId = this.newTicketId(tenantId, message);
          await this.link(conversation, message, metadata, { ticketId, previous: null, expected: null, reason: 'new_conversation' });
          return await this.open(ticketId, message, messageId, metadata, null);
        }
        let current = state.ticketId;
        let receipt = await this.receive(current, message, messageId, metadata);
        if ('mergedInto' in receipt) {
          current = receipt.mergedInto;
          receipt = await this.receive(current, message, messageId, metadata);
        }
        if ('outcome' in receipt) return this.result(current, receipt.outcome, null, messageId);
        if ('refused' in receipt && receipt.refused === 'missing') {
          // The link was written and the process died before the ticket was: open it now.
          return await this.open(current, message, messageId, metadata, null);
        }
        if ('refused' in receipt) {
          const ticketId = this.newTicketId(tenantId, message);
          await this.link(conversation, message, metadata, {
            ticketId,
            previous: current,
            expected: state.ticketId,
            reason: receipt.refused === 'expired' ? 'reopen_window_expired' : 'ticket_closed',
          });
          return await this.open(ticketId, message, messageId, metadata, current);
        }
      } catch (error) {
        if (!(error instanceof ConversationMovedError)) throw error;
        // Another message of this conversation re-linked it first; thread again against the new state.
      }
    }
    throw new Error(`conversation ${conversation} kept moving; message ${message.channelMessageId} not threaded`);
  }

  private async referencedTickets(message: CustomerMessage, tenantId: string): Promise<string[]> {
    const ids = [...message.referencedTicketIds];
    const shortRef = message.subject ? ticketReferenceIn(message.subject) : null;
    if (shortRef) {
      const found = await this.ticketChannels.find({ where: { tenantId, ticketId: Like(`${shortRef}%`) }, take: 2 });
      if (found.length === 1) ids.push(found[0].ticketId); // ambiguous short refs are ignored, not guessed
    }
    return [...new Set(ids)];
  }

  private newTicketId(tenantId: string, message: CustomerMessage): string {
    return ticketIdFor(tenantId, { channel: message.channel, channelMessageId: message.channelMessageId });
  }

  private conversation(stream: string): Promise<{ state: ConversationState }> {
    return this.store.readStream(stream).then((events) => ({ state: events.reduce(conversationDecider.evolve, conversationDecider.initialState()) }));
  }

  private async link(
    stream: string,
    message: CustomerMessage,
    metadata: CommandMetadata,
    link: { ticketId: string; previous: string | null; expected: string | null; reason: 'new_conversation' | 'reopen_window_expired' | 'ticket_closed' },
  ): Promise<void> {
    await handleCommand({
      store: this.store,
      streamId: stream,
      decider: conversationDecider,
      command: {
        metadata,
        expectedTicketId: link.expected,
        data: {
          channel: message.channel,
          keyKind: message.conversation.keyKind,
          conversationKey: message.conversation.key.slice(0, 1000),
          customerHandle: message.customerHandle,
          ticketId: link.ticketId,
          previousTicketId: link.previous,
          reason: link.reason,
        },
      },
      validate: validateNewEvent,
    });
  }

  private async open(ticketId: string, message: CustomerMessage, messageId: string, metadata: CommandMetadata, previous: string | null): Promise<SubmissionResult> {
    const { ticket, created } = await this.tickets.open(
      {
        channel: message.channel,
        channelMessageId: message.channelMessageId,
        customerHandle: message.customerHandle,
        customerId: message.customerId,
        customerTier: message.customerTier,
        subject: (message.subject?.trim() || subjectFrom(message.text, message.channel)).slice(0, 500),
        text: message.text,
        orderNumber: message.orderNumber,
        language: message.language,
        attachments: message.attachments,
      },
      metadata,
    );
    if (ticket.ticketId !== ticketId) throw new Error(`opened ${ticket.ticketId}, expected ${ticketId}`);
    return this.result(ticketId, created ? (previous ? 'follow_up_opened' : 'opened') : 'duplicate', previous, messageId);
  }

  private async receive(ticketId: string, message: CustomerMessage, messageId: string, metadata: CommandMetadata): Promise<Receipt> {
    try {
      const result = await handleCommand({
        store: this.store,
        streamId: streamId('ticket', ticketId),
        decider: receiveOnceDecider,
        command: {
          type: 'ReceiveCustomerMessage',
          ticketId,
          metadata,
          data: {
            messageId,
            channel: message.channel,
            channelMessageId: message.channelMessageId,
            text: message.text,
            attachments: message.attachments.map((a, i): AttachmentRef => ({
              attachmentId: uuidv5(`${messageId}/${i}`, ATTACHMENT_NAMESPACE),
              fileName: a.filename,
              contentType: a.contentType,
              sizeBytes: a.sizeBytes,
              storageRef: a.url,
            })),
          },
        },
        validate: validateNewEvent,
      });
      if (result.newEvents.length === 0) return { outcome: 'duplicate' };
      if (result.newEvents.some((e) => e.type === 'SatisfactionRated')) return { outcome: 'survey_answered' };
      return { outcome: result.newEvents.some((e) => e.type === 'TicketReopened') ? 'reopened' : 'appended' };
    } catch (error) {
      // A rating-only reply to a survey already answered or past its deadline: nothing recorded, and the customer's client is told why.
      if (error instanceof SurveyReplyNotRecordedError) return { outcome: error.reason };
      if (error instanceof ReopenWindowExpiredError) return { refused: 'expired' };
      if (error instanceof TicketClosedError) return { refused: 'closed' };
      // Another tenant's ticket id (a forged reference) is treated as no ticket at all.
      if (error instanceof TicketNotFoundError || error instanceof TenantMismatchError) return { refused: 'missing' };
      if (error instanceof TicketMergedError && error.mergedInto) return { mergedInto: error.mergedInto };
      throw error;
    }
  }

  private result(ticketId: string, outcome: SubmissionResult['outcome'], previousTicketId: string | null, messageId: string): SubmissionResult {
    return { ticketId, outcome, previousTicketId, messageId, ticketReference: ticketReference(ticketId) };
  }
}
