import Mustache from 'mustache';
import { InputValidationError } from '@ticketing/platform';
import type { Ticket } from '@ticketing/ticket';

/** What a macro template can refer to. `order.*` comes from the agent (the shop's order system). */
export interface TemplateView {
  ticket: { id: string; subject: string; orderNumber: string | null; category: string | null; language: string; customerId: string };
  order: Record<string, string>;
  agent: { id: string };
}

export function templateView(ticket: Ticket, order: Record<string, string>, agentId: string): TemplateView {
  const { ticketId: id, subject, orderNumber, category, language, customerId } = ticket;
  return { ticket: { id, subject, orderNumber, category, language, customerId }, order, agent: { id: agentId } };
}

/** Every `{{name}}` the template uses (sections included), as dotted paths. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  const walk = (tokens: Mustache.TemplateSpans) => {
    for (const token of tokens) {
      if (token[0] === 'name' || token[0] === '&' || token[0] === '#' || token[0] === '^') names.add(token[1]);
      if (Array.isArray(token[4])) walk(token[4] as Mustache.TemplateSpans);
    }
  };
  walk(Mustache.parse(template));
  return [...names];
}

function lookup(view: object, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), view);
}

/** Template syntax problems (for saving a macro), reported on `field`. */
export function templateProblems(template: string, field: string): string[] {
  try {
    const unknown = placeholdersOf(template).filter((p) => !/^(ticket|order|agent)\.[\w.]+$/.test(p));
    return unknown.map((p) => `${field}: placeholder {{${p}}} must start with ticket., order. or agent.`);
  } catch (error) {
    return [`${field}: ${(error as Error).message}`];
  }
}

/**
 * Fills a macro. A placeholder with no value is a 400 naming the field to send (`fields.trackingNumber`),
 * never a reply with a hole in it. Plain text: no HTML escaping.
 */
export function renderMacro(template: string, view: TemplateView): string {
  const missing = placeholdersOf(template).filter((path) => {
    const value = lookup(view, path);
    return value === undefined || value === null || value === '';
  });
  if (missing.length > 0) {
    throw new InputValidationError(
      missing.map((path) => ({
        field: path.startsWith('order.') ? `fields.${path.slice('order.'.length)}` : path,
        message: path.startsWith('order.') ? `the macro needs {{${path}}}; pass it in fields` : `the ticket has no ${path} for this macro`,
      })),
    );
  }
  return Mustache.render(template, view, {}, { escape: (text: string) => text });
}
