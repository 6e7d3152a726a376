import { describe, expect, it } from 'vitest'
import {
  AFTER_SALE_STATUSES,
  AFTER_SALE_TRANSITIONS,
  AFTER_SALE_TYPES,
  DAY_MS,
  afterSaleDeadline,
  afterSaleStatusesAllowing,
  afterSaleTypesFor,
  afterSalesWindowEnd,
  canAfterSale,
  checkAfterSaleRequest,
  holdsUnits,
  isAfterSaleFinal,
  nextAfterSaleStatus,
  type AfterSaleActor,
  type AfterSaleEvent,
  type AfterSaleStatus,
  type AfterSaleType,
} from '../after-sales'
import type { OrderStatus } from '../order-state'

const ACTORS: AfterSaleActor[] = ['shopper', 'admin', 'system']
const EVENTS = Object.keys(AFTER_SALE_TRANSITIONS) as AfterSaleEvent[]

/**
 * The machine written out by hand, one line per allowed move: [type, from, event, actor, to].
 * Every other combination of type × status × event × actor must be refused.
 */
const ALLOWED: [AfterSaleType, AfterSaleStatus, AfterSaleEvent, AfterSaleActor, AfterSaleStatus][] = [
  // 仅退款
  ['refund', 'requested', 'approve', 'admin', 'refunding'],
  ['refund', 'requested', 'approve', 'system', 'refunding'],
  ['refund', 'requested', 'refuse', 'admin', 'refused'],
  ['refund', 'requested', 'withdraw', 'shopper', 'withdrawn'],
  ['refund', 'awaiting_return', 'withdraw', 'shopper', 'withdrawn'],
  ['refund', 'refunding', 'refunded', 'system', 'refunded'],
  // 退货退款
  ['return', 'requested', 'approve', 'admin', 'awaiting_return'],
  ['return', 'requested', 'approve', 'system', 'awaiting_return'],
  ['return', 'requested', 'refuse', 'admin', 'refused'],
  ['return', 'requested', 'withdraw', 'shopper', 'withdrawn'],
  ['return', 'awaiting_return', 'withdraw', 'shopper', 'withdrawn'],
  ['return', 'awaiting_return', 'ship_back', 'shopper', 'returning'],
  ['return', 'awaiting_return', 'return_timeout', 'system', 'closed'],
  ['return', 'returning', 'receive', 'admin', 'refunding'],
  ['return', 'refunding', 'refunded', 'system', 'refunded'],
  // 换货
  ['exchange', 'requested', 'approve', 'admin', 'awaiting_return'],
  ['exchange', 'requested', 'approve', 'system', 'awaiting_return'],
  ['exchange', 'requested', 'refuse', 'admin', 'refused'],
  ['exchange', 'requested', 'withdraw', 'shopper', 'withdrawn'],
  ['exchange', 'awaiting_return', 'withdraw', 'shopper', 'withdrawn'],
  ['exchange', 'awaiting_return', 'ship_back', 'shopper', 'returning'],
  ['exchange', 'awaiting_return', 'return_timeout', 'system', 'closed'],
  ['exchange', 'returning', 'receive', 'admin', 'resending'],
  ['exchange', 'resending', 'resend', 'admin', 'exchanged'],
]

describe('AFTER_SALE_TRANSITIONS', () => {
  const allowed = new Map(ALLOWED.map(([t, f, e, a, to]) => [`${t}|${f}|${e}|${a}`, to]))

  it('allows exactly the moves listed, to the listed status', () => {
    let checked = 0
    for (const type of AFTER_SALE_TYPES)
      for (const from of AFTER_SALE_STATUSES)
        for (const event of EVENTS)
          for (const actor of ACTORS) {
            const want = allowed.get(`${type}|${from}|${event}|${actor}`) ?? null
            expect(nextAfterSaleStatus(type, from, event, actor), `${type} ${from} --${event}/${actor}-->`).toBe(want)
            expect(canAfterSale(type, from, event, actor)).toBe(want !== null)
            checked++
          }
    expect(checked).toBe(3 * 10 * 8 * 3)
  })

  it.each(ALLOWED)('%s: %s --%s by %s--> %s', (type, from, event, actor, to) => {
    expect(nextAfterSaleStatus(type, from, event, actor)).toBe(to)
  })

  it('a final status moves nowhere, whoever asks', () => {
    for (const s of AFTER_SALE_STATUSES.filter(isAfterSaleFinal))
      for (const type of AFTER_SALE_TYPES) for (const e of EVENTS) for (const a of ACTORS) expect(nextAfterSaleStatus(type, s, e, a)).toBeNull()
  })

  it('the shop cannot act for the shopper nor the shopper for the shop', () => {
    expect(nextAfterSaleStatus('return', 'requested', 'approve', 'shopper')).toBeNull()
    expect(nextAfterSaleStatus('return', 'requested', 'withdraw', 'admin')).toBeNull()
    expect(nextAfterSaleStatus('return', 'awaiting_return', 'ship_back', 'admin')).toBeNull()
    expect(nextAfterSaleStatus('return', 'returning', 'receive', 'shopper')).toBeNull()
    expect(nextAfterSaleStatus('refund', 'refunding', 'refunded', 'admin')).toBeNull()
    expect(nextAfterSaleStatus('return', 'requested', 'refuse', 'system')).toBeNull()
  })

  it('refund-only never ships goods back; exchange never refunds', () => {
    expect(nextAfterSaleStatus('refund', 'awaiting_return', 'ship_back', 'shopper')).toBeNull()
    expect(nextAfterSaleStatus('refund', 'awaiting_return', 'return_timeout', 'system')).toBeNull()
    expect(nextAfterSaleStatus('exchange', 'refunding', 'refunded', 'system')).toBeNull()
    expect(nextAfterSaleStatus('return', 'resending', 'resend', 'admin')).toBeNull()
  })

  it('afterSaleStatusesAllowing is each event\'s from list (the conditional UPDATE\'s set)', () => {
    expect(afterSaleStatusesAllowing('approve')).toEqual(['requested'])
    expect(afterSaleStatusesAllowing('withdraw')).toEqual(['requested', 'awaiting_return'])
    expect(afterSaleStatusesAllowing('refunded')).toEqual(['refunding'])
    for (const e of EVENTS) expect(afterSaleStatusesAllowing(e)).toEqual(AFTER_SALE_TRANSITIONS[e].from)
  })
})

describe('holdsUnits / isAfterSaleFinal', () => {
  it.each([
    ['requested', false, true],
    ['awaiting_return', false, true],
    ['returning', false, true],
    ['refunding', false, true],
    ['resending', false, true],
    ['refunded', true, true],
    ['exchanged', true, true],
    ['refused', true, false],
    ['withdrawn', true, false],
    ['closed', true, false],
  ] as [AfterSaleStatus, boolean, boolean][])('%s: final %s, holds units %s', (s, final, holds) => {
    expect(isAfterSaleFinal(s)).toBe(final)
    expect(holdsUnits(s)).toBe(holds)
  })
})

describe('afterSalesWindowEnd', () => {
  it('windowDays after receipt; null before receipt', () => {
    const at = new Date('2026-03-01T10:00:00Z')
    expect(afterSalesWindowEnd(at)).toEqual(new Date('2026-03-08T10:00:00Z'))
    expect(afterSalesWindowEnd(at, { windowDays: 15 })).toEqual(new Date('2026-03-16T10:00:00Z'))
    expect(afterSalesWindowEnd(null)).toBeNull()
  })
})

describe('afterSaleDeadline', () => {
  const since = new Date('2026-03-01T00:00:00Z')
  it('requested: approved after answerDays; awaiting_return: closed after returnDays', () => {
    expect(afterSaleDeadline('requested', since)).toEqual({ event: 'approve', at: new Date(since.getTime() + 2 * DAY_MS) })
    expect(afterSaleDeadline('awaiting_return', since)).toEqual({ event: 'return_timeout', at: new Date(since.getTime() + 7 * DAY_MS) })
    expect(afterSaleDeadline('requested', since, { windowDays: 7, answerDays: 3, returnDays: 10 })?.at).toEqual(new Date(since.getTime() + 3 * DAY_MS))
    expect(afterSaleDeadline('awaiting_return', since, { windowDays: 7, answerDays: 3, returnDays: 10 })?.at).toEqual(new Date(since.getTime() + 10 * DAY_MS))
  })
  it('no timer anywhere else', () => {
    for (const s of AFTER_SALE_STATUSES.filter((x) => x !== 'requested' && x !== 'awaiting_return')) expect(afterSaleDeadline(s, since)).toBeNull()
  })
})

describe('afterSaleTypesFor', () => {
  it.each([
    ['created', []],
    ['paid', ['refund']],
    ['shipped', ['refund', 'return', 'exchange']],
    ['completed', ['return', 'exchange']],
    ['cancelled', []],
    ['refunding', []],
    ['refunded', []],
  ] as [OrderStatus, string[]][])('%s → %j', (status, types) => {
    expect(afterSaleTypesFor(status)).toEqual(types)
  })
})

describe('checkAfterSaleRequest', () => {
  const now = new Date('2026-03-10T12:00:00Z')
  const lines = [
    { orderItemId: 11, quantity: 3, refundedQuantity: 0, heldQuantity: 0 },
    { orderItemId: 12, quantity: 2, refundedQuantity: 1, heldQuantity: 0 },
    { orderItemId: 13, quantity: 2, refundedQuantity: 0, heldQuantity: 1 },
  ]
  const paid = { status: 'paid' as OrderStatus, receivedAt: null, lines }
  const completed = (receivedAt: Date) => ({ status: 'completed' as OrderStatus, receivedAt, lines })

  it('a fitting request is ok', () => {
    expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [{ orderItemId: 11, quantity: 3 }] }, now)).toEqual({ ok: true })
    expect(checkAfterSaleRequest({ ...paid, status: 'shipped' }, { type: 'exchange', lines: [{ orderItemId: 12, quantity: 1 }, { orderItemId: 13, quantity: 1 }] }, now)).toEqual({ ok: true })
  })

  it('no lines: 400 NO_LINES', () => {
    expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [] }, now)).toMatchObject({ ok: false, status: 400, code: 'NO_LINES' })
  })

  it('the type must fit the order status', () => {
    expect(checkAfterSaleRequest(paid, { type: 'return', lines: [{ orderItemId: 11, quantity: 1 }] }, now)).toEqual({
      ok: false,
      status: 409,
      code: 'TYPE_NOT_ALLOWED',
      message: '订单还未发货，只能申请仅退款',
    })
    expect(checkAfterSaleRequest(completed(now), { type: 'refund', lines: [{ orderItemId: 11, quantity: 1 }] }, now)).toMatchObject({
      status: 409,
      code: 'TYPE_NOT_ALLOWED',
      message: '已收货的订单请申请退货退款或换货',
    })
    for (const status of ['created', 'cancelled', 'refunding', 'refunded'] as OrderStatus[])
      expect(checkAfterSaleRequest({ ...paid, status }, { type: 'refund', lines: [{ orderItemId: 11, quantity: 1 }] }, now)).toMatchObject({
        status: 409,
        code: 'TYPE_NOT_ALLOWED',
        message: '该订单当前不能申请售后',
      })
  })

  it('window: open up to and at its end, closed a millisecond after', () => {
    const received = new Date(now.getTime() - 7 * DAY_MS)
    const req = { type: 'return' as const, lines: [{ orderItemId: 11, quantity: 1 }] }
    expect(checkAfterSaleRequest(completed(received), req, now)).toEqual({ ok: true })
    expect(checkAfterSaleRequest(completed(received), req, new Date(now.getTime() + 1))).toEqual({
      ok: false,
      status: 409,
      code: 'WINDOW_CLOSED',
      message: '已超过售后期（收货后 7 天）',
    })
    // A longer window configured keeps it open.
    expect(checkAfterSaleRequest(completed(received), req, new Date(now.getTime() + DAY_MS), { windowDays: 8, answerDays: 2, returnDays: 7 })).toEqual({ ok: true })
  })

  it('the same line twice: 400 DUPLICATE_LINE', () => {
    expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [{ orderItemId: 11, quantity: 1 }, { orderItemId: 11, quantity: 1 }] }, now)).toMatchObject({
      status: 400,
      code: 'DUPLICATE_LINE',
    })
  })

  it('bad quantities: 400 BAD_QUANTITY', () => {
    for (const quantity of [0, -1, 1.5, Number.NaN])
      expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [{ orderItemId: 11, quantity }] }, now)).toMatchObject({ status: 400, code: 'BAD_QUANTITY' })
  })

  it('a line not in the order: 400 UNKNOWN_LINE', () => {
    expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [{ orderItemId: 99, quantity: 1 }] }, now)).toEqual({
      ok: false,
      status: 400,
      code: 'UNKNOWN_LINE',
      message: '订单中没有商品行 99',
    })
  })

  it('more than bought, less refunded, less held: 409 TOO_MANY', () => {
    expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [{ orderItemId: 11, quantity: 4 }] }, now)).toEqual({
      ok: false,
      status: 409,
      code: 'TOO_MANY',
      message: '该商品最多还能申请 3 件',
    })
    // 2 bought, 1 refunded: 1 left.
    expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [{ orderItemId: 12, quantity: 1 }] }, now)).toEqual({ ok: true })
    expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [{ orderItemId: 12, quantity: 2 }] }, now)).toMatchObject({ code: 'TOO_MANY', message: '该商品最多还能申请 1 件' })
    // 2 bought, 1 held by an open request: 1 left.
    expect(checkAfterSaleRequest(paid, { type: 'refund', lines: [{ orderItemId: 13, quantity: 2 }] }, now)).toMatchObject({ code: 'TOO_MANY', message: '该商品最多还能申请 1 件' })
    // Everything held: nothing left.
    const allHeld = { ...paid, lines: [{ orderItemId: 11, quantity: 3, refundedQuantity: 1, heldQuantity: 2 }] }
    expect(checkAfterSaleRequest(allHeld, { type: 'refund', lines: [{ orderItemId: 11, quantity: 1 }] }, now)).toEqual({
      ok: false,
      status: 409,
      code: 'TOO_MANY',
      message: '该商品已在售后中或已退款',
    })
  })
})
