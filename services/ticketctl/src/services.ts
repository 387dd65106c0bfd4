import { feedbackService } from '@ticketing/feedback';
import { intakeService } from '@ticketing/intake';
import { knowledgeService } from '@ticketing/knowledge';
import type { Projection, ServiceDescriptor, ServiceName } from '@ticketing/platform';
import { resolutionService } from '@ticketing/resolution';
import { routingService } from '@ticketing/routing';

/** Every service ticketctl can run, with the projections it owns (for `replay`). */
export const ALL_SERVICES: ServiceDescriptor[] = [
  intakeService,
  routingService,
  resolutionService,
  feedbackService,
  knowledgeService,
];

export function servicesNamed(names: ServiceName[]) {
  return ALL_SERVICES.filter((s) => names.includes(s.name));
}

export function allProjections(): Projection[] {
  return ALL_SERVICES.flatMap((s) => s.projections);
}
