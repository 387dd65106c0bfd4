import { CATEGORIES, PRIORITIES, type Category, type Channel, type CustomerTier, type Priority } from '@ticketing/contracts';

/** The default taxonomy (issue #3); tenants narrow or override it with their rules. */
export { CATEGORIES, PRIORITIES, type Category, type Priority };

/** What the classifier reads from a contact. */
export interface ClassifierInput {
  subject?: string;
  text: string;
  channel?: Channel;
  customerTier?: CustomerTier;
}

/** Priority order, most urgent first, so "at least high" is a comparison. */
export function atLeast(priority: Priority, floor: Priority): Priority {
  return PRIORITIES.indexOf(priority) <= PRIORITIES.indexOf(floor) ? priority : floor;
}
