import { eventRegistry } from '../registry';
import * as vocabulary from '../ticket/vocabulary';
import { renderEventCatalog } from './render-event-catalog';

/** Every exported value list of the ticket vocabulary (CHANNELS, PRIORITIES, …). */
const valueLists: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(vocabulary as Record<string, unknown>).filter((entry): entry is [string, readonly string[]] => Array.isArray(entry[1])),
);

/** Every event this build knows: ticket events first, then the other stream categories (agents,
 * customers, articles, conversations, deliveries, configuration streams). */
export const renderTicketEventCatalog = (): string => renderEventCatalog(eventRegistry.definitions, valueLists);
