import type { CreateOrderInput, Order, Refund, RefundInput } from '../../../src/domain/contract'
import { GIFT_CODE_RE, GIFT_TRANSITIONS, unclaimedLines, type GiftStatus, type GiftView } from '../../../src/domain/gifts'
import type { OrderActor, OrderStatus } from '../../../src/domain/order-state'
import type { Db, Queryable, Tx } from '../../db'
import { AppError, conflict, notFound } from '../../lib/errors'
import { iso } from '../../lib/rows'
import { findAddress } from '../addresses'
import { specText } from '../catalog'
import { findOrder, orderStatus, setAddressIn } from '../orders'
import { claimsOfGift, giftByCode, giftsOf, insertClaim, insertGift, moveGift, setRefund, type GiftRow } from './repository'

/** What gifts needs of the refunds module (payments' RefundService; app.ts passes it in). */
export interface GiftRefunds {
  requestIn(q: Tx, orderId: number, input: RefundInput, actor: OrderActor): Promise<number>
  submit(refundId: number): Promise<Refund>
}

export interface GiftDeps {
  now: () => Date
  /** GIFT_CLAIM_HOURS: how long a paid gift can be claimed. */
  claimHours: number
  refunds: GiftRefunds
  onBackgroundError?: (err: unknown, what: string) => void
}

export interface GiftService {
  /** orders' onCreatedIn hook: a gift order's gift row ('unpaid'), in the order's own transaction. */
  createIn(q: Tx, orderId: number, userId: number, input: CreateOrderInput, lines: { skuId: number; quantity: number }[]): Promise<void>
  /** orders' onTransition hook: paid opens the gift (claimable for GIFT_CLAIM_HOURS), closed / cancelled cancels it. */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** GET /api/gifts/:code; viewerId null: anonymous. */
  view(code: string, viewerId: number | null): Promise<GiftView>
  /** POST /api/gifts/:code/claim: one share to this user, shipped to their address. */
  claim(code: string, userId: number, addressId: number): Promise<GiftView>
  /** GET /api/gifts?role=: the gifts a user sent or claimed a share of (我的礼物). */
  mine(userId: number, role: 'sent' | 'received'): Promise<{ items: GiftView[] }>
  /** Open gifts past their time: expired, and the unclaimed shares refunded (once, whoever sweeps). Answers how many expired. */
  sweep(): Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Gift sending (送礼, modules/gifts): gift cards, claims, expiry. */
    gifts: GiftService
  }
}

const REFUND_REASON = '礼物未被领取，自动退款'
const MINE_LIMIT = 50

const NOT_OPEN: Record<Exclude<GiftStatus, 'open'>, AppError> = {
  unpaid: conflict('GIFT_NOT_OPEN', '这份礼物还未付款，暂时不能领取'),
  cancelled: conflict('GIFT_NOT_OPEN', '这份礼物已取消'),
  claimed: conflict('GIFT_ALL_CLAIMED', '来晚了，礼物已被领完'),
  expired: conflict('GIFT_EXPIRED', '礼物已过领取时间'),
}

const giftNotFound = () => notFound('礼物', 'GIFT_NOT_FOUND')

export function giftService(db: Db, deps: GiftDeps): GiftService {
  const background = deps.onBackgroundError ?? (() => {})

  /** The card as this viewer sees it: the order's lines divided into one share, the claims' nicknames, their own parcel. */
  async function toView(q: Queryable, g: GiftRow, viewerId: number | null): Promise<GiftView> {
    const [order, giver, claims] = await Promise.all([
      findOrder(q, g.order_id),
      q.one<{ nickname: string; avatar: string | null }>('SELECT nickname, avatar FROM users WHERE id = $1', [g.giver_id]),
      claimsOfGift(q, g.id),
    ])
    const o = order as Order
    const mine = viewerId === g.giver_id
    const own = viewerId === null ? undefined : claims.find((c) => c.user_id === viewerId)
    return {
      code: g.code,
      status: g.status,
      message: g.message,
      giver: { nickname: giver.nickname, avatar: giver.avatar },
      items: o.items.map((l) => ({ title: l.title, image: l.image, specs: specText(l.specs), quantity: l.quantity / g.recipients })),
      recipients: g.recipients,
      claimed: g.claimed,
      claims: claims.map((c) => ({ nickname: c.nickname, at: iso(c.at) })),
      expiresAt: iso(g.expires_at),
      mine,
      claimedByMe: !!own,
      orderId: mine ? g.order_id : null,
      myParcel: own?.carrier && own.tracking_no ? { carrier: own.carrier, trackingNo: own.tracking_no } : null,
      total: o.total,
    }
  }

  async function byCode(code: string): Promise<GiftRow> {
    const g = GIFT_CODE_RE.test(code) ? await giftByCode(db, code) : null
    if (!g) throw giftNotFound()
    return g
  }

  /** One gift's expiry in its own transaction; false when another sweeper (or a claim) holds it or it is no longer due. */
  async function expire(giftId: number): Promise<boolean> {
    return db.tx(async (q) => {
      const now = deps.now()
      // SKIP LOCKED: a second server's sweeper passes over the gift this one is expiring.
      const g = await q.maybeOne<GiftRow>(
        `SELECT id, order_id, code, giver_id, message, recipients, claimed, status, created_at, expires_at, refund_id FROM gifts
         WHERE id = $1 AND status = ANY($2::text[]) AND expires_at <= $3 FOR UPDATE SKIP LOCKED`,
        [giftId, [...GIFT_TRANSITIONS.expire.from], now],
      )
      if (!g) return false
      await moveGift(q, g.order_id, GIFT_TRANSITIONS.expire.from, GIFT_TRANSITIONS.expire.to)
      if (g.claimed >= g.recipients) return true
      const order = (await findOrder(q, g.order_id)) as Order
      const lines = unclaimedLines(order.items.map((l) => ({ skuId: l.skuId, quantity: l.quantity })), g.recipients, g.claimed)
      try {
        // Nobody claimed: everything is refunded, and the refunds module closes the order.
        const refundId = await deps.refunds.requestIn(q, g.order_id, { lines, reason: REFUND_REASON }, 'system')
        await setRefund(q, g.id, refundId)
        q.afterCommit(() => deps.refunds.submit(refundId).then(() => undefined, (err: unknown) => background(err, `refund ${refundId} of gift ${g.id}`)))
      } catch (err) {
        // Refused before any write (the order was refunded by hand meanwhile, say): the gift still
        // expires instead of being retried forever; a person looks at the error.
        if (!(err instanceof AppError)) throw err
        background(err, `refund of the unclaimed shares of gift ${g.id}`)
      }
      return true
    })
  }

  return {
    async createIn(q, orderId, userId, input) {
      if (!input.gift) return
      await insertGift(q, { orderId, giverId: userId, message: input.gift.message, recipients: input.gift.recipients, at: deps.now() })
    },

    async onOrderTransition(q, orderId, to, at) {
      if (to === 'paid') {
        const t = GIFT_TRANSITIONS.paid
        await moveGift(q, orderId, t.from, t.to, new Date(at.getTime() + deps.claimHours * 3600_000))
      } else if (to === 'closed' || to === 'cancelled') {
        await moveGift(q, orderId, GIFT_TRANSITIONS.cancel.from, GIFT_TRANSITIONS.cancel.to)
      }
    },

    async view(code, viewerId) {
      return toView(db, await byCode(code), viewerId)
    },

    async claim(code, userId, addressId) {
      if (!GIFT_CODE_RE.test(code)) throw giftNotFound()
      await db.tx(async (q) => {
        // The gift row locked for the whole claim: two recipients racing for the last share
        // queue here, and the second sees the first's count (the unique keys back this up).
        const g = await giftByCode(q, code, true)
        if (!g) throw giftNotFound()
        if (g.status !== 'open') throw NOT_OPEN[g.status]
        if (g.expires_at && new Date(g.expires_at).getTime() <= deps.now().getTime()) throw NOT_OPEN.expired
        // The order refunded by hand meanwhile (no longer paid): nothing left to give.
        if ((await orderStatus(q, g.order_id)) !== 'paid') throw conflict('GIFT_NOT_OPEN', '这份礼物的订单已退款，不能领取')
        if (g.giver_id === userId) throw conflict('GIFT_OWN', '不能领取自己送出的礼物，请分享给好友')
        if (await q.maybeOne('SELECT 1 FROM gift_claims WHERE gift_id = $1 AND user_id = $2', [g.id, userId])) throw conflict('GIFT_ALREADY_CLAIMED', '你已经领取过这份礼物了')
        const a = await findAddress(q, userId, addressId)
        if (!a) throw notFound('收货地址', 'ADDRESS_NOT_FOUND')
        const address = { name: a.name, phone: a.phone, region: a.region, detail: a.detail }
        await insertClaim(q, g, userId, address, deps.now())
        // One recipient: the order itself ships to them, like any order.
        if (g.recipients === 1) await setAddressIn(q, g.order_id, address)
      })
      return toView(db, await byCode(code), userId)
    },

    async mine(userId, role) {
      const rows = await giftsOf(db, userId, role, MINE_LIMIT)
      return { items: await Promise.all(rows.map((g) => toView(db, g, userId))) }
    },

    async sweep() {
      let n = 0
      for (;;) {
        const due = await db.query<{ id: number }>("SELECT id FROM gifts WHERE status = 'open' AND expires_at <= $1 ORDER BY expires_at LIMIT 100", [deps.now()])
        let moved = 0
        for (const { id } of due.rows) if (await expire(id)) moved += 1
        n += moved
        // A full batch all held by another sweeper: that one finishes them; don't spin on it.
        if (due.rows.length < 100 || moved === 0) return n
      }
    },
  }
}
