import { eventRegistry, type NewEvent } from '@ticketing/contracts';
import { UnprocessableEntityException } from '@nestjs/common';

/**
 * Refuses an event that breaks its contract before anything is written. Deciders only emit events
 * from validated commands, so this catches bugs and slipped-through input, never normal traffic.
 */
export function validateNewEvent(event: NewEvent): void {
  const problems = eventRegistry.validateEvent(event);
  if (problems.length > 0) {
    throw new UnprocessableEntityException({
      message: `${event.type} breaks its contract: ${problems.join('; ')}`,
      problem: { errors: problems.map((message) => ({ field: message.split(' ')[0], message })) },
    });
  }
}
