import crypto from 'node:crypto'
import type { OrderStatus } from '../../../src/domain/order-state'
import { DEFAULT_POINTS_SETTINGS, type PointsLedgerApi, type PointsSettings, type ReferralView } from '../../../src/domain/points'
import { INVITE_CODE_RE, inviteCodeFrom } from '../../../src/domain/referral'
import type { Refund } from '../../../src/domain/contract'
import type { Db, Tx } from '../../db'
import { eachIsolated } from '../../lib/each-isolated'
import { afterSalesSettled } from '../after-sales'
import { bind, codeOf, dueReferrals, friendsOf, hasPaidOrder, inviterOf, saveCode } from './repository'

export interface ReferralDeps {
  now: () => Date
  /** The points ledger (modules/points): both rewards commit with the referral's move to rewarded. */
  ledger: PointsLedgerApi
  /** The after-sales window (config.afterSales.windowDays): the reward waits until it ends after receipt. */
  windowDays: number
  /** The reward's points, from the points settings (default: DEFAULT_POINTS_SETTINGS.referral). */
  reward?: () => Promise<PointsSettings['referral']>
  onBackgroundError?: (err: unknown, what: string) => void
}

export interface ReferralService {
  /** The shopper's code (made on first ask) and friends. */
  me(userId: number): Promise<ReferralView>
  /** Binds a new shopper to the code's owner; false when it doesn't apply (never an error). */
  accept(friendId: number, code: string): Promise<{ accepted: boolean }>
  /** orders' onTransition: the friend's first paid order (with money paid) → ordered. */
  onOrderTransition(q: Tx, orderId: number, to: OrderStatus, at: Date): Promise<void>
  /** payments' onRefundFinished: a first order refunded in full before the reward → void. */
  onRefundFinished(q: Tx, refund: Pick<Refund, 'orderId'>): Promise<void>
  /** Rewards referrals whose order's after-sales window ended; answers how many. Once per friend, also with two servers. */
  sweep(): Promise<number>
}

export function referralService(db: Db, deps: ReferralDeps): ReferralService {
  const { now, ledger, windowDays } = deps
  const reward = deps.reward ?? (async () => DEFAULT_POINTS_SETTINGS.referral)

  async function codeFor(userId: number): Promise<string> {
    const have = await codeOf(db, userId)
    if (have) return have
    for (let i = 0; i < 5; i++) {
      const code = inviteCodeFrom(crypto.randomBytes(16))
      if (!code) continue
      if (await saveCode(db, userId, code, now())) return code
      // Either our own row came first from a second ask (keep it) or the code is taken (draw again).
      const mine = await codeOf(db, userId)
      if (mine) return mine
    }
    throw new Error('could not make an invite code')
  }

  /** One referral, in its own transaction: locked (SKIP LOCKED: another server on it leaves it), checked again, both rewarded. */
  async function rewardOne(friendId: number): Promise<boolean> {
    const points = await reward()
    return db.tx(async (q) => {
      const at = now()
      const r = await q.maybeOne<{ inviter_id: number; order_id: number; status: string }>(
        `SELECT r.inviter_id, r.order_id, o.status FROM referrals r JOIN orders o ON o.id = r.order_id
         WHERE r.friend_id = $1 AND r.status = 'ordered' FOR UPDATE OF r SKIP LOCKED`,
        [friendId],
      )
      if (!r) return false
      if (r.status === 'refunded') {
        await q.query("UPDATE referrals SET status = 'void' WHERE friend_id = $1 AND status = 'ordered'", [friendId])
        return false
      }
      // An after-sales request still open (a refund may come) waits for the next sweep.
      if (!(await afterSalesSettled(q, r.order_id, at, windowDays))) return false
      const moved = await q.maybeOne("UPDATE referrals SET status = 'rewarded', rewarded_at = $2 WHERE friend_id = $1 AND status = 'ordered' RETURNING friend_id", [friendId, at])
      if (!moved) return false
      if (points.inviter > 0) await ledger.creditIn(q, { userId: r.inviter_id, points: points.inviter, kind: 'referral', key: `referral:${friendId}:inviter`, title: '邀请好友下单奖励', at })
      if (points.friend > 0) await ledger.creditIn(q, { userId: friendId, points: points.friend, kind: 'referral', key: `referral:${friendId}:friend`, title: '受邀首单奖励', at })
      return true
    })
  }

  return {
    async me(userId) {
      const [code, friends, points] = await Promise.all([codeFor(userId), friendsOf(db, userId), reward()])
      return { code, reward: points, friends }
    },

    async accept(friendId, code) {
      if (!INVITE_CODE_RE.test(code)) return { accepted: false }
      const inviterId = await inviterOf(db, code)
      if (inviterId === null || inviterId === friendId) return { accepted: false }
      if (await hasPaidOrder(db, friendId)) return { accepted: false }
      return { accepted: await bind(db, friendId, inviterId, now()) }
    },

    async onOrderTransition(q, orderId, to, at) {
      if (to !== 'paid') return
      // Only from 'invited': the first paid order after the invite, and a zero-total (points-only) order doesn't count.
      await q.query(
        `UPDATE referrals r SET status = 'ordered', order_id = o.id, ordered_at = $2 FROM orders o
         WHERE o.id = $1 AND o.total > 0 AND r.friend_id = o.user_id AND r.status = 'invited'`,
        [orderId, at],
      )
    },

    async onRefundFinished(q, refund) {
      await q.query(
        `UPDATE referrals r SET status = 'void' FROM orders o
         WHERE r.order_id = $1 AND r.status = 'ordered' AND o.id = r.order_id AND (o.status = 'refunded' OR o.refunded_total >= o.total)`,
        [refund.orderId],
      )
    },

    async sweep() {
      // One batch a tick: referrals still waiting (a request open) come again next tick, not in a loop now.
      const ids = await dueReferrals(db, now(), windowDays, 200)
      return eachIsolated(ids, rewardOne, (err, id) => (deps.onBackgroundError ?? (() => {}))(err, `referral reward of friend ${id}`))
    },
  }
}
