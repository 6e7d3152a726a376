import { describe, expect, it } from 'vitest'
import {
  canRequestReturn,
  MEMBERSHIP_STATE_LABEL,
  MEMBERSHIP_STATES,
  PAY_AFTER_USE_STATE_LABEL,
  PAY_AFTER_USE_STATES,
  RENTAL_STATE_LABEL,
  RENTAL_STATES,
  defineMachine,
  membershipMachine,
  payAfterUseMachine,
  rentalMachine,
  settledEvent,
  settledTo,
  type CreditActor,
  type Machine,
} from '../credit'

const ACTORS: CreditActor[] = ['shopper', 'system', 'admin', 'platform']

// Every allowed move written out by hand from the drawings in credit/types.ts; anything not
// listed here must be refused. The events are listed here too, not read from the machine, so
// an event missing from a table fails as well.
type Row<S, E> = [from: S, event: E, actor: CreditActor, to: S]

const RENTAL: Row<string, string>[] = [
  ['created', 'confirm', 'platform', 'authorized'],
  ['authorized', 'start', 'admin', 'in_use'],
  ['in_use', 'overdue', 'system', 'overdue'],
  ['in_use', 'return', 'admin', 'settling'],
  ['overdue', 'return', 'admin', 'settling'],
  ['in_use', 'default', 'system', 'settling'],
  ['overdue', 'default', 'system', 'settling'],
  ['settling', 'charged', 'platform', 'completed'],
  ['created', 'cancel', 'shopper', 'cancelled'],
  ['created', 'cancel', 'admin', 'cancelled'],
  ['authorized', 'cancel', 'shopper', 'cancelled'],
  ['authorized', 'cancel', 'admin', 'cancelled'],
  ['created', 'expire', 'system', 'expired'],
]
const RENTAL_EVENTS = ['confirm', 'start', 'overdue', 'return', 'default', 'charged', 'cancel', 'expire']

const PAY_AFTER_USE: Row<string, string>[] = [
  ['created', 'confirm', 'platform', 'confirmed'],
  ['created', 'deny', 'platform', 'denied'],
  ['confirmed', 'collect', 'shopper', 'charging'],
  ['confirmed', 'collect', 'system', 'charging'],
  ['charging', 'charged', 'platform', 'charged'],
  ['charging', 'charge_failed', 'platform', 'charging'],
  ['created', 'cancel', 'shopper', 'cancelled'],
  ['created', 'cancel', 'admin', 'cancelled'],
  ['created', 'cancel', 'system', 'cancelled'],
  ['confirmed', 'cancel', 'shopper', 'cancelled'],
  ['confirmed', 'cancel', 'admin', 'cancelled'],
  ['confirmed', 'cancel', 'system', 'cancelled'],
  ['created', 'expire', 'system', 'expired'],
]
const PAY_AFTER_USE_EVENTS = ['confirm', 'deny', 'collect', 'charged', 'charge_failed', 'cancel', 'expire']

const MEMBERSHIP: Row<string, string>[] = [
  ['signing', 'confirm', 'platform', 'active'],
  ['signing', 'deny', 'platform', 'denied'],
  ['signing', 'expire', 'system', 'expired'],
  ['active', 'period_end', 'system', 'settling'],
  ['active', 'cancel', 'shopper', 'settling'],
  ['active', 'cancel', 'admin', 'settling'],
  ['settling', 'settled_renew', 'platform', 'active'],
  ['settling', 'settled_renew', 'system', 'active'],
  ['settling', 'settled_end', 'platform', 'ended'],
  ['settling', 'settled_end', 'system', 'ended'],
]
const MEMBERSHIP_EVENTS = ['confirm', 'deny', 'expire', 'period_end', 'cancel', 'settled_renew', 'settled_end']

const MACHINES: [name: string, machine: Machine<string, string>, states: readonly string[], events: string[], rows: Row<string, string>[], finals: string[]][] = [
  ['rental', rentalMachine, RENTAL_STATES, RENTAL_EVENTS, RENTAL, ['completed', 'cancelled', 'expired']],
  ['pay after use', payAfterUseMachine, PAY_AFTER_USE_STATES, PAY_AFTER_USE_EVENTS, PAY_AFTER_USE, ['charged', 'denied', 'cancelled', 'expired']],
  ['membership', membershipMachine, MEMBERSHIP_STATES, MEMBERSHIP_EVENTS, MEMBERSHIP, ['ended', 'denied', 'expired']],
]

describe.each(MACHINES)('%s machine', (_name, machine, states, events, rows, finals) => {
  it.each(rows)('%s --%s by %s--> %s', (from, event, actor, to) => {
    expect(machine.next(from, event, actor)).toBe(to)
    expect(machine.can(from, event, actor)).toBe(true)
    expect(machine.statesAllowing(event)).toContain(from)
    expect(machine.eventsFrom(from, actor)).toContain(event)
  })

  const allowed = new Set(rows.map(([f, e, a]) => `${f}/${e}/${a}`))
  const refused = states.flatMap((from) => events.flatMap((event) => ACTORS.map((actor) => [from, event, actor] as const))).filter(([f, e, a]) => !allowed.has(`${f}/${e}/${a}`))

  it(`refuses the other ${refused.length} moves`, () => {
    expect(refused.length).toBe(states.length * events.length * ACTORS.length - rows.length)
    for (const [from, event, actor] of refused) {
      expect(machine.next(from, event, actor), `${from}/${event}/${actor}`).toBeNull()
      expect(machine.can(from, event, actor), `${from}/${event}/${actor}`).toBe(false)
    }
  })

  it('has exactly the events of its drawing', () => {
    expect([...machine.events].sort()).toEqual([...events].sort())
  })

  it('lists the states each event may start from, for conditional updates', () => {
    for (const event of events) {
      const expected = [...new Set(rows.filter(([, e]) => e === event).map(([f]) => f))].sort()
      expect([...machine.statesAllowing(event)].sort(), event).toEqual(expected)
    }
  })

  it('refuses unknown events and recognises its states', () => {
    expect(machine.next(states[0], 'toString', 'system')).toBeNull()
    expect(machine.statesAllowing('nope')).toEqual([])
    for (const s of states) expect(machine.isState(s)).toBe(true)
    expect(machine.isState('nope')).toBe(false)
    expect(machine.isState(undefined)).toBe(false)
  })

  it('knows its final states: nothing leaves them', () => {
    expect(states.filter((s) => machine.isFinal(s)).sort()).toEqual([...finals].sort())
    for (const s of finals) for (const a of ACTORS) expect(machine.eventsFrom(s, a)).toEqual([])
  })
})

describe('rental machine, in words', () => {
  it('cancels before use, not once the goods are out', () => {
    expect(rentalMachine.next('created', 'cancel', 'shopper')).toBe('cancelled')
    expect(rentalMachine.next('authorized', 'cancel', 'shopper')).toBe('cancelled')
    for (const s of ['in_use', 'overdue', 'settling', 'completed'] as const) expect(rentalMachine.next(s, 'cancel', 'shopper')).toBeNull()
  })

  it('pickup and return are the shop\'s: a shopper can neither start a rental nor return it alone, only ask (canRequestReturn)', () => {
    expect(rentalMachine.next('authorized', 'start', 'shopper')).toBeNull()
    expect(rentalMachine.next('in_use', 'return', 'shopper')).toBeNull()
    expect(rentalMachine.next('overdue', 'return', 'shopper')).toBeNull()
    expect(rentalMachine.next('authorized', 'start', 'admin')).toBe('in_use')
    expect(rentalMachine.next('in_use', 'return', 'admin')).toBe('settling')
    expect(RENTAL_STATES.filter(canRequestReturn)).toEqual(['in_use', 'overdue'])
  })

  it('a shopper cannot confirm, charge, or declare overdue', () => {
    expect(rentalMachine.next('created', 'confirm', 'shopper')).toBeNull()
    expect(rentalMachine.next('settling', 'charged', 'shopper')).toBeNull()
    expect(rentalMachine.next('in_use', 'overdue', 'shopper')).toBeNull()
    expect(rentalMachine.next('in_use', 'default', 'admin')).toBeNull()
  })
})

describe('membership settling', () => {
  it.each([
    [true, false, 'settled_renew', 'active'],
    [false, false, 'settled_end', 'ended'],
    [true, true, 'settled_end', 'ended'],
    [false, true, 'settled_end', 'ended'],
  ] as const)('autoRenew %s, cancelled %s: %s -> %s', (autoRenew, cancelled, event, to) => {
    expect(settledEvent(autoRenew, cancelled)).toBe(event)
    expect(settledTo(autoRenew, cancelled)).toBe(to)
    expect(membershipMachine.next('settling', settledEvent(autoRenew, cancelled), 'platform')).toBe(to)
  })
})

describe('labels', () => {
  it('every state has a Chinese label', () => {
    for (const [states, labels] of [
      [RENTAL_STATES, RENTAL_STATE_LABEL],
      [PAY_AFTER_USE_STATES, PAY_AFTER_USE_STATE_LABEL],
      [MEMBERSHIP_STATES, MEMBERSHIP_STATE_LABEL],
    ] as [readonly string[], Record<string, string>][]) {
      expect(Object.keys(labels).sort()).toEqual([...states].sort())
      for (const s of states) expect(labels[s]).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(RENTAL_STATE_LABEL.overdue).toBe('已逾期')
    expect(PAY_AFTER_USE_STATE_LABEL.confirmed).toBe('已确认·待扣款')
  })
})

describe('defineMachine', () => {
  it('rejects a table naming a state it does not have', () => {
    expect(() => defineMachine(['a', 'b'] as const, { go: { from: ['a'], to: 'c' as 'b', by: ['system'] } })).toThrow(/unknown state c/)
    expect(() => defineMachine(['a', 'b'] as const, { go: { from: [], to: 'b', by: ['system'] } })).toThrow(/never happen/)
  })
})
