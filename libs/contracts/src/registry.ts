import { agentEventDefinitions } from './agent/agent.events';
import { articleEventDefinitions } from './article/article.events';
import { customerEventDefinitions } from './customer/customer.events';
import { feedbackEventDefinitions } from './feedback';
import { intakeEventDefinitions } from './intake';
import { resolutionConfigEventDefinitions } from './resolution/resolution-config.events';
import { resolutionNoticeEventDefinitions } from './resolution/resolution-notice.events';
import { routingEventDefinitions } from './routing/routing.events';
import { ticketEventRegistry } from './ticket/ticket-events';

/** Every event type this build knows, across stream categories: writers validate against it,
 * readers upcast with it. */
export const eventRegistry = ticketEventRegistry.with(
  ...agentEventDefinitions, ...intakeEventDefinitions, ...articleEventDefinitions,
  ...resolutionConfigEventDefinitions, ...routingEventDefinitions, ...customerEventDefinitions,
  ...feedbackEventDefinitions,
  ...resolutionNoticeEventDefinitions,
);
