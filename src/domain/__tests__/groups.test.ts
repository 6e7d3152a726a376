import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  afterMemberRefund,
  checkGroupDeal,
  groupNext,
  joinRefusal,
  maskNickname,
  memberNext,
  seatsLeft,
  timeoutOutcome,
  type GroupDealInput,
  type GroupSnapshot,
  type MemberStatus,
} from '../groups'

const NOW = new Date('2026-12-05T04:00:00.000Z')
const HOUR = 3600_000

const deal = (over: Partial<GroupDealInput> = {}): GroupDealInput => ({
  name: '两人拼',
  productId: 1,
  size: 2,
  hours: 24,
  perUserLimit: null,
  robotFill: false,
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: '2026-12-31T00:00:00.000Z',
  skus: [{ skuId: 1, price: 2900, stock: 10 }],
  ...over,
})

const group = (over: Partial<GroupSnapshot> = {}): GroupSnapshot => ({
  status: 'forming',
  size: 3,
  leaderUserId: 1,
  openedAt: new Date(NOW.getTime() - HOUR),
  expiresAt: new Date(NOW.getTime() + HOUR),
  robotSeats: 0,
  members: [{ userId: 1, status: 'paid' }],
  deal: { startsAt: new Date(NOW.getTime() - 24 * HOUR), endsAt: new Date(NOW.getTime() + 24 * HOUR), endedAt: null },
  ...over,
})

describe('checkGroupDeal', () => {
  it('accepts a good deal and names the field of a bad one', () => {
    expect(checkGroupDeal(deal())).toBeNull()
    expect(checkGroupDeal(deal({ size: 10, hours: 72 }))).toBeNull()
    const bad: [Partial<GroupDealInput>, string][] = [
      [{ size: 1 }, 'size'],
      [{ size: 11 }, 'size'],
      [{ size: 2.5 }, 'size'],
      [{ hours: 0 }, 'hours'],
      [{ hours: 73 }, 'hours'],
      [{ perUserLimit: 0 }, 'perUserLimit'],
      [{ name: ' ' }, 'name'],
      [{ skus: [] }, 'skus'],
      [{ skus: [{ skuId: 1, price: 0, stock: 1 }] }, 'skus[0].price'],
      [{ skus: [{ skuId: 1, price: 100, stock: -1 }] }, 'skus[0].stock'],
      [{ skus: [{ skuId: 1, price: 100, stock: 1 }, { skuId: 1, price: 100, stock: 1 }] }, 'skus[1].skuId'],
      [{ startsAt: '2026-12-31T00:00:00.000Z', endsAt: '2026-12-31T00:00:00.000Z' }, 'endsAt'],
      [{ startsAt: 'soon' }, 'startsAt'],
    ]
    for (const [over, field] of bad) expect(checkGroupDeal(deal(over))?.field, JSON.stringify(over)).toBe(field)
    // Stock 0 is allowed (a deal paused by its stock).
    expect(checkGroupDeal(deal({ skus: [{ skuId: 1, price: 100, stock: 0 }] }))).toBeNull()
  })
})

describe('transitions', () => {
  it('groups move only from forming; members along their table', () => {
    expect(groupNext('forming', 'last_paid')).toBe('succeeded')
    expect(groupNext('forming', 'timeout_fail')).toBe('failed')
    expect(groupNext('forming', 'timeout_fill')).toBe('succeeded')
    expect(groupNext('forming', 'leader_left')).toBe('failed')
    for (const s of ['succeeded', 'failed'] as const) for (const e of ['last_paid', 'timeout_fail', 'timeout_fill', 'leader_left'] as const) expect(groupNext(s, e)).toBeNull()
    expect(memberNext('unpaid', 'pay')).toBe('paid')
    expect(memberNext('paid', 'pay')).toBeNull()
    expect(memberNext('unpaid', 'order_ended')).toBe('left')
    expect(memberNext('paid', 'order_ended')).toBeNull()
    expect(memberNext('paid', 'group_failed')).toBe('refunding')
    expect(memberNext('unpaid', 'group_failed')).toBeNull()
    expect(memberNext('refunding', 'refund_done')).toBe('refunded')
    expect(memberNext('refunded', 'refund_done')).toBeNull()
  })

  it('a refunded member of a succeeded group leaves the group succeeded (and keeps the seat)', () => {
    expect(afterMemberRefund('succeeded', 'paid')).toEqual({ group: 'succeeded', member: 'paid' })
  })

  it('a member refunded while forming frees the seat', () => {
    const before = group({ members: [{ userId: 1, status: 'paid' }, { userId: 2, status: 'paid' }] })
    expect(seatsLeft(before)).toBe(1)
    const r = afterMemberRefund('forming', 'paid')
    expect(r).toEqual({ group: 'forming', member: 'left' })
    expect(seatsLeft({ ...before, members: [before.members[0], { userId: 2, status: r.member }] })).toBe(2)
  })

  it('timeout: robot fill needs it switched on and one paid member', () => {
    expect(timeoutOutcome(0, false)).toBe('fail')
    expect(timeoutOutcome(2, false)).toBe('fail')
    expect(timeoutOutcome(0, true)).toBe('fail')
    expect(timeoutOutcome(1, true)).toBe('fill')
  })
})

describe('joinRefusal', () => {
  it('answers each refusal in order of what the shopper can do about it', () => {
    expect(joinRefusal(group(), 2, NOW)).toBeNull()
    expect(joinRefusal(group(), 1, NOW)).toBe('OWN_GROUP')
    expect(joinRefusal(group({ members: [{ userId: 1, status: 'paid' }, { userId: 2, status: 'unpaid' }] }), 2, NOW)).toBe('ALREADY_IN_GROUP')
    // A seat left can be taken again.
    expect(joinRefusal(group({ members: [{ userId: 1, status: 'paid' }, { userId: 2, status: 'left' }] }), 2, NOW)).toBeNull()
    expect(joinRefusal(group({ status: 'failed' }), 2, NOW)).toBe('GROUP_ENDED')
    expect(joinRefusal(group({ status: 'succeeded' }), 2, NOW)).toBe('GROUP_ENDED')
    expect(joinRefusal(group({ expiresAt: NOW }), 2, NOW)).toBe('GROUP_ENDED')
    expect(joinRefusal(group({ openedAt: null, members: [{ userId: 1, status: 'unpaid' }] }), 2, NOW)).toBe('GROUP_NOT_OPEN')
    expect(joinRefusal(group({ size: 2, members: [{ userId: 1, status: 'paid' }, { userId: 3, status: 'unpaid' }] }), 2, NOW)).toBe('GROUP_FULL')
    expect(joinRefusal(group({ size: 2, robotSeats: 1 }), 2, NOW)).toBe('GROUP_FULL')
    expect(joinRefusal(group({ deal: { startsAt: new Date(0), endsAt: NOW, endedAt: null } }), 2, NOW)).toBe('DEAL_ENDED')
    expect(joinRefusal(group({ deal: { startsAt: new Date(0), endsAt: new Date(NOW.getTime() + HOUR), endedAt: NOW } }), 2, NOW)).toBe('DEAL_ENDED')
  })

  it('property: whatever joins and leaves come, the seats taken never exceed the size', () => {
    const step = fc.record({ user: fc.integer({ min: 2, max: 12 }), leave: fc.boolean(), pay: fc.boolean() })
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.array(step, { maxLength: 60 }), (size, steps) => {
        const g = group({ size, members: [{ userId: 1, status: 'paid' }] })
        for (const s of steps) {
          const mine = g.members.find((m) => m.userId === s.user && (m.status === 'unpaid' || m.status === 'paid'))
          if (s.leave && mine) {
            mine.status = (mine.status === 'unpaid' ? memberNext(mine.status, 'order_ended') : afterMemberRefund(g.status, mine.status).member) as MemberStatus
          } else if (mine && s.pay) {
            mine.status = memberNext(mine.status, 'pay') ?? mine.status
          } else if (!mine && joinRefusal(g, s.user, NOW) === null) {
            g.members.push({ userId: s.user, status: 'unpaid' })
          }
          const held = g.members.filter((m) => m.status === 'unpaid' || m.status === 'paid').length
          if (held > size || seatsLeft(g) !== size - held) return false
        }
        return true
      }),
    )
  })
})

describe('maskNickname', () => {
  it('keeps the first character', () => {
    expect(maskNickname('张三丰')).toBe('张**')
    expect(maskNickname('张三')).toBe('张*')
    expect(maskNickname('A')).toBe('A*')
    expect(maskNickname('')).toBe('*')
  })
})
