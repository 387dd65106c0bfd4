import type { EventEnvelope, NewEvent } from '@ticketing/contracts';

/** Anything with Emmett's decider shape. */
export interface Decider<Command, State, Event extends NewEvent = NewEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: EventEnvelope): State;
  initialState(): State;
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** Stamps the positions a store would assign, so `given` can be written as plain new events. */
export function asRecorded(events: readonly NewEvent[], streamId = 'test-stream'): EventEnvelope[] {
  return events.map((event, position) => ({
    eventId: `00000000-0000-7000-8000-${String(position).padStart(12, '0')}`,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId,
    streamPosition: position,
    globalPosition: position + 1,
    logPosition: { commit: position + 1, prepare: position + 1 },
    occurredAt: event.occurredAt ?? '1970-01-01T00:00:00.000Z',
    tenantId: event.tenantId,
    actor: event.actor,
    correlationId: event.correlationId,
    causationId: event.causationId ?? null,
    data: event.data,
  }));
}

/**
 * given(events).when(command).then(events) | .thenThrows(ErrorClass) | .thenNothing(), after
 * Emmett's DeciderSpecification: the state is folded from `given` with the decider's own `evolve`.
 */
export const DeciderSpecification = {
  for<Command, State, Event extends NewEvent>(decider: Decider<Command, State, Event>) {
    return {
      given(events: readonly NewEvent[]) {
        const state = () => asRecorded(events).reduce(decider.evolve, decider.initialState());
        return {
          when(command: Command) {
            const run = () => decider.decide(command, state());
            return {
              then(expected: readonly NewEvent[]): void {
                expect(run()).toEqual(expected);
              },
              thenNothing(): void {
                expect(run()).toEqual([]);
              },
              thenThrows<E extends Error>(errorClass: ErrorClass<E>, check?: (error: E) => void): void {
                let thrown: unknown;
                try {
                  run();
                } catch (error) {
                  thrown = error;
                }
                expect(thrown).toBeInstanceOf(errorClass);
                check?.(thrown as E);
              },
            };
          },
        };
      },
    };
  },
};
