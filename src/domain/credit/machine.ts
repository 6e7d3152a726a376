/**
 * The credit orders' state machines share one shape (the shop order's, in ../order-state):
 * a table of events, each with the states it may start from, the state it leads to and who
 * may cause it. The server moves a credit order only through `next`, and writes the move as a
 * conditional UPDATE on `statesAllowing(event)` so two racing callbacks cannot both win.
 */
import type { CreditActor, MachineTransition } from './types'

export interface Machine<S extends string, E extends string> {
  readonly states: readonly S[]
  readonly events: readonly E[]
  readonly transitions: Readonly<Record<E, MachineTransition<S>>>
  /** The next state, or null when the event is not allowed from this state for this actor (or is unknown). */
  next(from: S, event: E, actor: CreditActor): S | null
  can(from: S, event: E, actor: CreditActor): boolean
  /** The states an event may start from: the WHERE of the server's conditional UPDATE. */
  statesAllowing(event: E): readonly S[]
  /** The events an actor may cause from a state (the app's buttons, the server's timers). */
  eventsFrom(from: S, actor: CreditActor): E[]
  isState(value: unknown): value is S
  /** No event leaves a final state. */
  isFinal(state: S): boolean
}

export function defineMachine<S extends string, E extends string>(
  states: readonly S[],
  transitions: Record<E, MachineTransition<S>>,
): Machine<S, E> {
  const events = Object.keys(transitions) as E[]
  for (const e of events) {
    const t = transitions[e]
    // A typo in a table must fail at import, not as a silently refused move in production.
    for (const s of [...t.from, t.to]) if (!states.includes(s)) throw new Error(`machine: event ${e} names unknown state ${s}`)
    if (t.from.length === 0 || t.by.length === 0) throw new Error(`machine: event ${e} can never happen`)
  }
  const has = (event: string): event is E => Object.prototype.hasOwnProperty.call(transitions, event)
  const next = (from: S, event: E, actor: CreditActor): S | null => {
    if (!has(event)) return null
    const t = transitions[event]
    if (!t.from.includes(from) || !t.by.includes(actor)) return null
    return t.to
  }
  const leaving = new Set<S>(events.flatMap((e) => transitions[e].from))
  return {
    states,
    events,
    transitions,
    next,
    can: (from, event, actor) => next(from, event, actor) !== null,
    statesAllowing: (event) => (has(event) ? transitions[event].from : []),
    eventsFrom: (from, actor) => events.filter((e) => next(from, e, actor) !== null),
    isState: (value): value is S => typeof value === 'string' && (states as readonly string[]).includes(value),
    isFinal: (state) => !leaving.has(state),
  }
}
