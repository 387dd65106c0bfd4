import {
  AgentReplied,
  MacroRemoved,
  MacroSaved,
  TicketClassified,
  TicketClosed,
  TicketOpened,
  TicketReclassified,
  TicketReopened,
  TicketResolved,
  resolutionConfigStream,
  type EventEnvelope,
} from '@ticketing/contracts';
import type { Projection } from '@ticketing/platform';
import type { EntityManager } from 'typeorm';
import { KnowledgeMacro, KnowledgeTicket } from './knowledge-ticket.entity';

/** Replies kept per ticket, and characters per reply: enough to write an article from. */
const MAX_REPLIES = 5;
const MAX_REPLY_CHARS = 4000;

/** `knowledge.tickets`: the ticket facts agent assist and learning need, from the ticket events. */
export const knowledgeTicketsProjection: Projection = {
  name: 'knowledge.tickets',
  categories: ['ticket'],
  handles: [TicketOpened, TicketClassified, TicketReclassified, AgentReplied, TicketResolved, TicketReopened, TicketClosed].map((d) => d.type),

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    const tenantId = event.tenantId;
    if (TicketOpened.is(event)) {
      const d = event.data;
      await manager.upsert(
        KnowledgeTicket,
        {
          tenantId, ticketId: d.ticketId, subject: d.subject, text: d.text.slice(0, 10_000), language: d.language, category: null, tags: [],
          status: 'open', openedAt: new Date(event.occurredAt), resolvedAt: null, resolutionCode: null, resolutionSummary: null, replies: [],
        },
        ['tenantId', 'ticketId'],
      );
      return;
    }
    const key = { tenantId, ticketId: (event.data as { ticketId: string }).ticketId };
    if (TicketClassified.is(event)) return void (await manager.update(KnowledgeTicket, key, { category: event.data.category, tags: event.data.tags }));
    if (TicketReclassified.is(event)) return void (await manager.update(KnowledgeTicket, key, { category: event.data.category }));
    if (TicketResolved.is(event)) {
      const { resolutionCode, summary } = event.data;
      return void (await manager.update(KnowledgeTicket, key, { status: 'resolved', resolvedAt: new Date(event.occurredAt), resolutionCode, resolutionSummary: summary }));
    }
    if (TicketReopened.is(event)) return void (await manager.update(KnowledgeTicket, key, { status: 'open', resolvedAt: null }));
    if (TicketClosed.is(event)) return void (await manager.update(KnowledgeTicket, key, { status: 'closed' }));
    if (AgentReplied.is(event)) {
      const ticket = await manager.findOneBy(KnowledgeTicket, key);
      if (!ticket) return;
      const replies = [...ticket.replies, event.data.text.slice(0, MAX_REPLY_CHARS)].slice(-MAX_REPLIES);
      await manager.update(KnowledgeTicket, key, { replies });
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(KnowledgeTicket);
  },
};

/**
 * `knowledge.macros`: resolution's macros, so agent assist can rank them without calling resolution.
 * Saving a default's id overrides it; removing leaves a tombstone (defaults are not events, so their
 * removal must be remembered).
 */
export const knowledgeMacrosProjection: Projection = {
  name: 'knowledge.macros',
  categories: [resolutionConfigStream],
  handles: [MacroSaved.type, MacroRemoved.type],

  async apply(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (MacroSaved.is(event)) {
      const { macroId, name, body, category, addTags } = event.data;
      await manager.upsert(KnowledgeMacro, { tenantId: event.tenantId, macroId, name, body, category, tags: addTags, removed: false }, ['tenantId', 'macroId']);
      return;
    }
    if (MacroRemoved.is(event)) {
      const tombstone = { tenantId: event.tenantId, macroId: event.data.macroId, name: '', body: '', category: null, tags: [], removed: true };
      await manager.upsert(KnowledgeMacro, tombstone, ['tenantId', 'macroId']);
    }
  },

  async reset(manager: EntityManager): Promise<void> {
    await manager.clear(KnowledgeMacro);
  },
};
