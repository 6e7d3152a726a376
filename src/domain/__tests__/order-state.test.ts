import { describe, expect, it } from 'vitest'
import {
  ORDER_STATUSES,
  PAID_STATUSES,
  canDo,
  isFinal,
  isOrderStatus,
  isPaid,
  nextStatus,
  paymentStanding,
  releasesStock,
  statusesAllowing,
  type OrderActor,
  type OrderEvent,
  type OrderStatus,
} from '../order-state'

// Every allowed move, written out by hand: anything not in this table must be refused.
const ALLOWED: [OrderStatus, OrderEvent, OrderActor, OrderStatus][] = [
  ['created', 'pay', 'system', 'paid'],
  ['created', 'cancel', 'shopper', 'cancelled'],
  ['created', 'cancel', 'admin', 'cancelled'],
  ['created', 'close', 'system', 'closed'],
  ['paid', 'ship', 'admin', 'shipped'],
  ['shipped', 'confirm', 'shopper', 'completed'],
  ['shipped', 'confirm', 'system', 'completed'],
  ['paid', 'refund', 'admin', 'refunding'],
  ['paid', 'refund', 'system', 'refunding'],
  ['shipped', 'refund', 'admin', 'refunding'],
  ['shipped', 'refund', 'system', 'refunding'],
  ['completed', 'refund', 'admin', 'refunding'],
  ['completed', 'refund', 'system', 'refunding'],
  ['refunding', 'refunded', 'system', 'refunded'],
]

const EVENTS: OrderEvent[] = ['pay', 'cancel', 'close', 'ship', 'confirm', 'refund', 'refunded']
const ACTORS: OrderActor[] = ['shopper', 'system', 'admin']

describe('order state machine', () => {
  it.each(ALLOWED)('%s --%s by %s--> %s', (from, event, actor, to) => {
    expect(nextStatus(from, event, actor)).toBe(to)
    expect(canDo(from, event, actor)).toBe(true)
  })

  it('refuses every move that is not in the table', () => {
    const allowed = new Set(ALLOWED.map(([f, e, a]) => `${f}/${e}/${a}`))
    for (const from of ORDER_STATUSES)
      for (const event of EVENTS)
        for (const actor of ACTORS) {
          if (allowed.has(`${from}/${event}/${actor}`)) continue
          expect(nextStatus(from, event, actor), `${from}/${event}/${actor}`).toBeNull()
        }
  })

  it('a shopper cannot mark an order paid or shipped', () => {
    expect(nextStatus('created', 'pay', 'shopper')).toBeNull()
    expect(nextStatus('paid', 'ship', 'shopper')).toBeNull()
  })

  it('final states allow nothing but a refund of a completed order', () => {
    for (const s of ORDER_STATUSES.filter(isFinal)) {
      const moves = EVENTS.flatMap((e) => ACTORS.map((a) => nextStatus(s, e, a))).filter(Boolean)
      expect(moves.every((m) => m === 'refunding')).toBe(true)
      if (s !== 'completed') expect(moves).toEqual([])
    }
  })

  it('lists the statuses an event may start from, for conditional updates', () => {
    expect(statusesAllowing('cancel')).toEqual(['created'])
    expect(statusesAllowing('refund')).toEqual(['paid', 'shipped', 'completed'])
  })

  it('releases stock only when an unpaid order ends', () => {
    expect(EVENTS.filter(releasesStock)).toEqual(['cancel', 'close'])
  })

  it('recognises statuses', () => {
    expect(isOrderStatus('paid')).toBe(true)
    expect(isOrderStatus('PAID')).toBe(false)
    expect(isOrderStatus(undefined)).toBe(false)
  })
})

describe('paid statuses', () => {
  // Every status reachable from 'paid' by any actor: the money stays taken until a refund, which is still a paid order's story.
  function reachableFromPaid(): Set<OrderStatus> {
    const seen = new Set<OrderStatus>(['paid'])
    const queue: OrderStatus[] = ['paid']
    while (queue.length > 0) {
      const from = queue.shift() as OrderStatus
      for (const event of EVENTS)
        for (const actor of ACTORS) {
          const to = nextStatus(from, event, actor)
          if (to && !seen.has(to)) {
            seen.add(to)
            queue.push(to)
          }
        }
    }
    return seen
  }

  it('are paid and every status an order reaches from there', () => {
    expect(new Set(PAID_STATUSES)).toEqual(reachableFromPaid())
    expect(ORDER_STATUSES.filter(isPaid)).toEqual([...PAID_STATUSES])
  })

  it('an order is paid, still awaits payment (created only) or ended unpaid', () => {
    const standing = Object.fromEntries(ORDER_STATUSES.map((s) => [s, paymentStanding(s)]))
    expect(standing).toEqual({
      created: 'awaiting',
      paid: 'paid',
      shipped: 'paid',
      completed: 'paid',
      cancelled: 'ended',
      closed: 'ended',
      refunding: 'paid',
      refunded: 'paid',
    })
  })
})
