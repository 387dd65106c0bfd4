import { eventRegistry, type EventEnvelope, type NewEvent } from '@ticketing/contracts';
import type { Decider } from '@ticketing/eventstore';

/** given(events).when(command): the state is folded with the decider's own evolve; every decided
 * event must also satisfy its registered contract, as handleCommand would check before appending. */
export function specification<Command, State>(decider: Decider<State, Command>) {
  return {
    given: (events: NewEvent[]) => ({
      when: (command: Command) => {
        const recorded = events.map((e, i): EventEnvelope => ({ ...e, eventId: `e-${i}`, streamId: 's', streamPosition: i, globalPosition: i + 1, causationId: null } as EventEnvelope));
        const decided = decider.decide(command, recorded.reduce(decider.evolve, decider.initialState()));
        for (const event of decided) expect(eventRegistry.get(event.type)?.validate(event.data)).toEqual([]);
        return decided;
      },
    }),
  };
}
