/**
 * An aggregate as three pure functions: `decide` turns a command and the current state into
 * events (or throws a DomainError), `evolve` folds one event into the state.
 * Time, ids and the caller travel inside the command, so both stay pure.
 */
export interface Decider<Command, Event, State> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** Every domain event has a type tag and a JSON-serialisable payload. */
export interface DomainEventShape {
  type: string;
  data: object;
}

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
