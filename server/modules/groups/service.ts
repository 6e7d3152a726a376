import type { Refund } from '../../../src/domain/contract'
import {
  GROUP_TRANSITIONS,
  MEMBER_TRANSITIONS,
  SEAT_HOLDING,
  dealLive,
  joinRefusal,
  timeoutOutcome,
  type GroupOrderResult,
  type JoinRefusal,
} from '../../../src/domain/groups'
import type { OrderStatus } from '../../../src/domain/order-state'
import type { Db, Queryable, Tx } from '../../db'
import type { ActivitiesFacet, ActivityUpdate } from '../../platforms/types'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import { enqueueOrderMessage, groupDedupeKey, type GroupMessageEvent } from '../messages'
import type { OrderService } from '../orders'
import type { RefundService } from '../payments'
import {
  activityOf,
  dealById,
  dealSku,
  dueGroups,
  giveBackBuyerUnits,
  giveBackDealUnits,
  groupById,
  insertGroup,
  insertMember,
  lockDueGroup,
  memberByOrder,
  membersOf,
  moveGroup,
  moveMember,
  openGroup,
  takeBuyerUnits,
  takeDealUnits,
  type DealRow,
  type GroupRow,
  type MemberRow,
} from './repository'

/** What groups needs of the refunds module (app.ts passes payments' refunds in). */
export type GroupRefunds = Pick<RefundService, 'requestIn' | 'submit'>

export interface GroupDeps {
  now: () => Date
  /** WeChat's updatable messages (platforms' activities.wechat); absent: share cards carry no activity id. */
  activities?: ActivitiesFacet
  orders: Pick<OrderService, 'create'>
  refunds: GroupRefunds
  onBackgroundError?: (err: unknown, what: string) => void
}

export interface GroupCore {
  /** POST /api/groups: the leader's order at the group price and a new forming group, in one transaction. */
  create(userId: number, input: { promotionId: number; skuId: number; addressId: number; idempotencyKey: string }): Promise<GroupOrderResult>
  /** POST /api/groups/:id/join: a seat under the group's row lock and the member's order, in one transaction. */
  join(userId: number, groupId: number, input: { skuId: number; addressId: number; idempotencyKey: string }): Promise<GroupOrderResult>
  /** orders' onTransition hook (in the order change's transaction): seats follow their orders. */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** payments' onRefundFinished hook: a member refunded because its group failed is refunded. */
  onRefundFinished(q: Tx, refund: Refund): Promise<void>
  /** shipping's holdShipping check: a paid order of a group still forming must not ship (its message, or null). */
  holdShipping(q: Queryable, orderId: number): Promise<string | null>
  /** Forming groups past their time: failed (paid members refunded once) or robot-filled; answers how many moved. */
  sweep(): Promise<number>
}

const REFUND_REASON = '拼团失败，自动退款'

/** The app's group page (src/routes.ts PAGES.group; the server shares src/domain only, so it is said again here). */
const GROUP_PAGE = '/pkg-growth/group/index'
export const groupPage = (id: number) => `${GROUP_PAGE}?id=${id}`
const SWEEP_BATCH = 100

const REFUSALS: Record<JoinRefusal, string> = {
  GROUP_FULL: '来晚了，这个团已经满员',
  GROUP_ENDED: '这个团已结束',
  GROUP_NOT_OPEN: '团长还未付款，暂时不能参团',
  OWN_GROUP: '不能参加自己开的团，请分享给好友',
  ALREADY_IN_GROUP: '你已经在这个团里了',
  DEAL_ENDED: '拼团活动已结束',
  DEAL_SOLD_OUT: '拼团库存已抢光',
  GROUP_LIMIT: '已达到本活动的限购数量',
}

export const refusal = (code: JoinRefusal) => conflict(code, REFUSALS[code])
const groupNotFound = () => notFound('拼团', 'GROUP_NOT_FOUND')

export function groupCore(db: Db, deps: GroupDeps): GroupCore {
  const background = deps.onBackgroundError ?? (() => {})

  /**
   * After the commit: the group's WeChat share card shows its new state (members so far, or
   * started). Best effort: a card that stays stale is no reason to fail a payment.
   */
  async function updateCard(q: Tx, groupId: number, update: ActivityUpdate): Promise<void> {
    const facet = deps.activities
    if (!facet) return
    const activityId = await activityOf(q, groupId, deps.now())
    if (activityId) q.afterCommit(() => facet.update(activityId, update).catch((err: unknown) => background(err, `share card update of group ${groupId}`)))
  }

  /** The group price of this SKU in this deal (read before the order, which is priced with it). */
  async function priceOf(deal: DealRow, skuId: number): Promise<number> {
    const s = await dealSku(db, deal.id, skuId)
    if (!s) throw badInput('该规格不参加这个拼团', 'skuId')
    return s.price
  }

  /** Deal stock and the shopper's limit, both conditional: the first short one refuses (the order rolls back). */
  async function takeUnits(q: Tx, deal: DealRow, userId: number, skuId: number, quantity: number): Promise<void> {
    if (!(await takeDealUnits(q, deal.id, skuId, quantity))) throw refusal('DEAL_SOLD_OUT')
    if (!(await takeBuyerUnits(q, deal.id, userId, quantity, deal.per_user_limit))) throw refusal('GROUP_LIMIT')
  }

  /** A seat freed (left, refunded): its units go back to the deal and to the shopper's limit. */
  async function giveBack(q: Queryable, dealId: number, m: MemberRow): Promise<void> {
    await giveBackDealUnits(q, dealId, m.sku_id, m.quantity)
    await giveBackBuyerUnits(q, dealId, m.user_id, m.quantity)
  }

  /**
   * The member's order: one unit at the group price, free shipping, and this seat's own rows
   * (`seat`) in the order's transaction. A repeated key answers the seat its first order took.
   */
  async function placeOrder(userId: number, deal: DealRow, input: { skuId: number; addressId: number; idempotencyKey: string }, seat: (q: Tx, orderId: number, at: Date) => Promise<number>): Promise<GroupOrderResult> {
    const unitPrice = await priceOf(deal, input.skuId)
    let groupId = 0
    const r = await deps.orders.create(
      userId,
      { items: [{ skuId: input.skuId, quantity: 1 }], addressId: input.addressId, idempotencyKey: input.idempotencyKey },
      {
        fixed: { source: 'group', kind: 'group_buy', id: deal.id, label: '拼团价', unitPrice, shipping: 0 },
        inTx: async (q, order) => {
          groupId = await seat(q, order.id, deps.now())
        },
      },
    )
    return r.created ? { groupId, orderId: r.order.id } : repeated(r.order.id)
  }

  /** The answer of a repeated idempotency key: the seat its first order took. */
  async function repeated(orderId: number): Promise<GroupOrderResult> {
    const m = await memberByOrder(db, orderId)
    if (!m) throw conflict('IDEMPOTENCY_KEY_REUSED', '这个请求号已用于另一笔订单，请重试')
    return { groupId: m.group_id, orderId }
  }

  /**
   * A paid member's full refund, in the caller's transaction: the member is moved first (so the
   * order's own move to refunding, which calls back into onOrderTransition, finds nothing to do),
   * the refund is reserved, and submitted after the commit.
   */
  async function refundMember(q: Tx, dealId: number, m: MemberRow, from: 'paid' | 'unpaid'): Promise<void> {
    if (!(await moveMember(q, m.id, [from], 'refunding'))) return
    await giveBack(q, dealId, m)
    try {
      const refundId = await deps.refunds.requestIn(q, m.order_id, { reason: REFUND_REASON, restock: true }, 'system')
      await moveMember(q, m.id, ['refunding'], 'refunding', { refundId })
      q.afterCommit(() => deps.refunds.submit(refundId).then(() => undefined, (err: unknown) => background(err, `refund ${refundId} of group member ${m.id}`)))
    } catch (err) {
      // Refused before any write (refunded by hand meanwhile, say): the group still moves on; a person looks at the error.
      if (!(err instanceof AppError)) throw err
      background(err, `refund of group member ${m.id} (order ${m.order_id})`)
    }
  }

  /** 拼团成功 / 拼团失败 to every paid member, in the group's transition transaction (one each: the dedupe key). */
  async function tellMembers(q: Tx, groupId: number, members: readonly MemberRow[], event: GroupMessageEvent, at: Date): Promise<void> {
    for (const m of members) await enqueueOrderMessage(q, m.order_id, event, at, groupDedupeKey(groupId, m.order_id, event))
  }

  async function expire(groupId: number): Promise<boolean> {
    return db.tx(async (q) => {
      const now = deps.now()
      // SKIP LOCKED: another server's sweeper (or a payment) holding this group is left to finish it.
      const g = await lockDueGroup(q, groupId, now)
      if (!g) return false
      // One after the other: a transaction is one connection.
      const members = await membersOf(q, g.id)
      const deal = await dealById(q, g.deal_id)
      const paid = members.filter((m) => m.status === 'paid')
      if (timeoutOutcome(paid.length, !!deal?.robot_fill) === 'fill') {
        const t = GROUP_TRANSITIONS.timeout_fill
        const moved = await moveGroup(q, g.id, t.from, t.to, now, Math.max(0, g.size - paid.length - g.robot_seats))
        if (!moved) return false
        await tellMembers(q, g.id, paid, 'group_succeeded', now)
        await updateCard(q, g.id, { state: 1, path: groupPage(g.id) })
        return true
      }
      const t = GROUP_TRANSITIONS.timeout_fail
      if (!(await moveGroup(q, g.id, t.from, t.to, now))) return false
      await tellMembers(q, g.id, paid, 'group_failed', now)
      for (const m of paid) await refundMember(q, g.deal_id, m, 'paid')
      return true
    })
  }

  return {
    async create(userId, input) {
      const deal = await dealById(db, input.promotionId)
      if (!deal) throw notFound('拼团活动', 'DEAL_NOT_FOUND')
      const now = deps.now()
      if (!dealLive({ startsAt: deal.starts_at, endsAt: deal.ends_at, endedAt: deal.ended_at }, now)) throw refusal('DEAL_ENDED')
      return placeOrder(userId, deal, input, async (q, orderId, at) => {
        // Checked again in the transaction: the merchant may have ended the deal meanwhile.
        const fresh = (await dealById(q, deal.id)) as DealRow
        if (!dealLive({ startsAt: fresh.starts_at, endsAt: fresh.ends_at, endedAt: fresh.ended_at }, at)) throw refusal('DEAL_ENDED')
        await takeUnits(q, fresh, userId, input.skuId, 1)
        const groupId = await insertGroup(q, { dealId: deal.id, leaderUserId: userId, size: deal.size, expiresAt: new Date(at.getTime() + deal.hours * 3600_000), at })
        await insertMember(q, { groupId, userId, orderId, skuId: input.skuId, quantity: 1, leader: true, at })
        return groupId
      })
    },

    async join(userId, groupId, input) {
      const g = await groupById(db, groupId)
      if (!g) throw groupNotFound()
      const deal = (await dealById(db, g.deal_id)) as DealRow
      return placeOrder(userId, deal, input, async (q, orderId, at) => {
        // The group's row lock: shoppers racing for the last seat queue here, and each decides on what the one before left.
        const locked = (await groupById(q, groupId, true)) as GroupRow
        const members = await membersOf(q, groupId)
        const d = (await dealById(q, g.deal_id)) as DealRow
        const why = joinRefusal(
          {
            status: locked.status,
            size: locked.size,
            leaderUserId: locked.leader_user_id,
            openedAt: locked.opened_at,
            expiresAt: new Date(locked.expires_at),
            robotSeats: locked.robot_seats,
            members: members.map((m) => ({ userId: m.user_id, status: m.status })),
            deal: { startsAt: new Date(d.starts_at), endsAt: new Date(d.ends_at), endedAt: d.ended_at && new Date(d.ended_at) },
          },
          userId,
          at,
        )
        if (why) throw refusal(why)
        await takeUnits(q, d, userId, input.skuId, 1)
        await insertMember(q, { groupId, userId, orderId, skuId: input.skuId, quantity: 1, leader: false, at })
        return groupId
      })
    },

    async onOrderTransition(q, orderId, to, at) {
      if (to !== 'paid' && to !== 'cancelled' && to !== 'closed' && to !== 'refunding') return
      const found = await memberByOrder(q, orderId)
      if (!found) return
      // The group first (the order row is already ours): seats and the group's status change under its lock.
      const g = await groupById(q, found.group_id, true)
      if (!g) return
      const m = (await memberByOrder(q, orderId)) as MemberRow
      if (to === 'paid') {
        if (m.status !== 'unpaid') return
        // Paid into a group that failed or filled without them: refunded in full, never a group of size + 1.
        if (g.status !== 'forming') return refundMember(q, g.deal_id, m, 'unpaid')
        await moveMember(q, m.id, MEMBER_TRANSITIONS.pay.from, MEMBER_TRANSITIONS.pay.to, { paidAt: at })
        // The leader's payment opens the group to others.
        if (m.leader) await openGroup(q, g.id, at)
        const paid = (await membersOf(q, g.id)).filter((x) => x.status === 'paid')
        if (paid.length + g.robot_seats >= g.size && (await moveGroup(q, g.id, GROUP_TRANSITIONS.last_paid.from, GROUP_TRANSITIONS.last_paid.to, at))) {
          await tellMembers(q, g.id, paid, 'group_succeeded', at)
          await updateCard(q, g.id, { state: 1, path: groupPage(g.id) })
        } else await updateCard(q, g.id, { state: 0, memberCount: paid.length + g.robot_seats, roomLimit: g.size })
        return
      }
      if (to === 'cancelled' || to === 'closed') {
        // Ended unpaid: the seat and its units are free again; a leader who never paid ends the group (nobody else could join it).
        if (!(await moveMember(q, m.id, MEMBER_TRANSITIONS.order_ended.from, MEMBER_TRANSITIONS.order_ended.to))) return
        await giveBack(q, g.deal_id, m)
        if (m.leader) await moveGroup(q, g.id, GROUP_TRANSITIONS.leader_left.from, GROUP_TRANSITIONS.leader_left.to, at)
        return
      }
      // Refunding while forming (the shop's refund, after-sales): the seat is freed; after success nothing changes for the group.
      if (g.status === 'forming' && (await moveMember(q, m.id, MEMBER_TRANSITIONS.refund_while_forming.from, MEMBER_TRANSITIONS.refund_while_forming.to))) await giveBack(q, g.deal_id, m)
    },

    async onRefundFinished(q, refund) {
      const m = await memberByOrder(q, refund.orderId)
      if (m && m.refund_id === refund.id) await moveMember(q, m.id, MEMBER_TRANSITIONS.refund_done.from, MEMBER_TRANSITIONS.refund_done.to)
    },

    async holdShipping(q, orderId) {
      const m = await memberByOrder(q, orderId)
      if (!m || !(SEAT_HOLDING as readonly string[]).includes(m.status)) return null
      const g = await groupById(q, m.group_id)
      return g?.status === 'forming' ? '拼团还未成团，成团后才能发货' : null
    },

    async sweep() {
      let n = 0
      for (;;) {
        const due = await dueGroups(db, deps.now(), SWEEP_BATCH)
        let moved = 0
        for (const id of due) if (await expire(id)) moved += 1
        n += moved
        // A full batch all held by another sweeper: that one finishes them; don't spin on it.
        if (due.length < SWEEP_BATCH || moved === 0) return n
      }
    },
  }
}
