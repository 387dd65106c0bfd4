import type { CommandMetadata, MacroDefinition } from '@ticketing/contracts';
import type { Ticket, TicketCommand } from '@ticketing/ticket';
import { v7 as uuidv7 } from 'uuid';
import { renderMacro, templateView } from '../macros/macro-template';

export interface ReplyInput {
  text?: string;
  macro?: MacroDefinition;
  fields?: Record<string, string>;
  articleIds?: string[];
}

/**
 * The commands of a reply: plain text, or a macro's filled template plus what the macro sets —
 * asking the customer (pending_customer) instead of a plain reply, tags, category, resolving.
 */
export function replyPlan(input: ReplyInput, ticket: Ticket, metadata: CommandMetadata): TicketCommand[] {
  const { macro } = input;
  const ticketId = ticket.ticketId;
  const agentId = metadata.actor.id;
  const text = input.text ?? renderMacro(macro!.body, templateView(ticket, input.fields ?? {}, agentId));
  const base = { ticketId, metadata };
  const commands: TicketCommand[] = [
    macro?.setStatus === 'pending_customer'
      ? { ...base, type: 'RequestCustomerInfo', data: { messageId: uuidv7(), agentId, text, requestedFields: [] } }
      : { ...base, type: 'ReplyToCustomer', data: { messageId: uuidv7(), agentId, text, attachments: [], articleIds: input.articleIds ?? [] } },
  ];
  if (!macro) return commands;
  if (macro.addTags.length > 0) commands.push({ ...base, type: 'ChangeTags', data: { add: macro.addTags, remove: [] } });
  if (macro.category !== null && macro.category !== ticket.category) {
    commands.push({
      ...base,
      type: 'ReclassifyTicket',
      data: {
        category: macro.category,
        priority: ticket.priority ?? 'normal',
        complaint: ticket.complaint,
        source: 'agent',
        reason: `macro ${macro.macroId}`,
      },
    });
  }
  if (macro.setStatus === 'resolved') {
    commands.push({
      ...base,
      type: 'ResolveTicket',
      data: { resolutionCode: macro.resolutionCode ?? 'answered', summary: `${macro.name}: ${text}`.slice(0, 10_000), resolvedBy: agentId },
    });
  }
  return commands;
}
