import { intakeEventDefinitions } from '../intake';
import { ticketEventDefinitions } from '../ticket/ticket-events';
import * as vocabulary from '../ticket/vocabulary';
import { renderEventCatalog } from './render-event-catalog';

/** Every exported value list of the ticket vocabulary (CHANNELS, PRIORITIES, …). */
const valueLists: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries(vocabulary as Record<string, unknown>).filter((entry): entry is [string, readonly string[]] => Array.isArray(entry[1])),
);

/** Ticket events, then intake's own streams (conversations, outbound deliveries). */
export const renderTicketEventCatalog = (): string => renderEventCatalog([...ticketEventDefinitions, ...intakeEventDefinitions], valueLists);
