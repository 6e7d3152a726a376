import { eachIsolated } from '../../lib/each-isolated'
import type { CreditStart, MembershipView } from '../../../src/domain/contract'
import { MEMBERSHIP_PLAN, membershipMachine, membershipSettlement, nextPeriod, periodEnd, savingsFromDiscounts, settledEvent } from '../../../src/domain/credit'
import type { Queryable } from '../../db'
import { AppError, conflict } from '../../lib/errors'
import { iso } from '../../lib/rows'
import { membersRepository as members } from '../members'
import { paidOrderDiscounts } from '../orders'
import { CHANNEL_OF, payerOf, providerById, requestOf, type CreditCtx } from './context'
import { ProviderError } from '../../platforms/types'
import { addLedger, enqueueCredit, insertCreditOrder, ledgerOf, move, type CreditRow } from './store'

interface MemberRow {
  status: string
  period_start: Date | null
  period_end: Date | null
  auto_renew: boolean
  credit_order_id: number | null
  fee: number | null
}

/**
 * Light membership (轻会员): one credit order per member (agreement / Pay Score order), the
 * memberships row carrying the period. Member prices read memberships.status, so an active
 * light membership is a member (MEMBER_SQL) with nothing else to change.
 */
export function membershipService(ctx: CreditCtx) {
  const { db, now } = ctx

  async function current(q: Queryable, userId: number): Promise<{ m: MemberRow | null; c: CreditRow | null }> {
    const m = await q.maybeOne<MemberRow>('SELECT status, period_start, period_end, auto_renew, credit_order_id, fee FROM memberships WHERE user_id = $1', [userId])
    const c = await q.maybeOne<CreditRow>("SELECT * FROM credit_orders WHERE user_id = $1 AND kind = 'membership' ORDER BY id DESC LIMIT 1", [userId])
    return { m, c }
  }

  /** What member prices took off this member's orders paid in [from, to) and not refunded. */
  async function savings(q: Queryable, userId: number, from: Date, to: Date, creditOrderId: number | null = null): Promise<number> {
    // Counted by pricing time (orders/repository.ts paidOrderDiscounts): a payment opened while
    // a member that lands after the period's end, or after a cancel's settlement is computed,
    // still belongs to the period that gave the price. Those paid after the previous period was
    // settled are carried into this one, so a renewing member's late payment isn't lost. (A
    // payment that lands after the *last* settlement, e.g. an attempt opened before a cancel and
    // paid after it, stays paid and uncounted: payments can't be refused once the platform has
    // taken them, and pay() refuses new attempts once the membership has ended.)
    const last = creditOrderId
      ? await q.maybeOne<{ settled_at: Date }>('SELECT settled_at FROM membership_settlements WHERE credit_order_id = $1 AND period_end <= $2 ORDER BY period_start DESC LIMIT 1', [creditOrderId, from])
      : null
    const paid = await paidOrderDiscounts(q, userId, from, to, last?.settled_at ?? null)
    return paid.reduce((sum, discounts) => sum + savingsFromDiscounts(discounts), 0)
  }

  async function view(userId: number): Promise<MembershipView> {
    const { m, c } = await current(db, userId)
    const plan = { name: MEMBERSHIP_PLAN.name, fee: MEMBERSHIP_PLAN.fee, periodDays: MEMBERSHIP_PLAN.periodDays }
    const settlements = c
      ? (
          await db.query<{ period_start: Date; period_end: Date; fee: number; savings: number; charge: number; settled_at: Date }>(
            'SELECT * FROM membership_settlements WHERE credit_order_id = $1 ORDER BY period_start DESC',
            [c.id],
          )
        ).rows.map((s) => ({ periodStart: iso(s.period_start), periodEnd: iso(s.period_end), fee: s.fee, savings: s.savings, charge: s.charge, settledAt: iso(s.settled_at) }))
      : []
    const active = c && (c.state === 'active' || c.state === 'settling') && m?.period_start
    const saved = active ? await savings(db, userId, m.period_start as Date, now(), c.id) : 0
    const fee = m?.fee ?? MEMBERSHIP_PLAN.fee
    return {
      state: (c?.state as MembershipView['state']) ?? null,
      plan,
      periodStart: active ? iso(m.period_start as Date) : null,
      periodEnd: active && m.period_end ? iso(m.period_end) : null,
      savings: saved,
      willPay: membershipSettlement(fee, saved).charge,
      autoRenew: m?.auto_renew ?? true,
      settlements,
      ledger: c ? ((await ledgerOf(db, [c.id])).get(c.id) ?? []) : [],
    }
  }

  async function join(userId: number): Promise<CreditStart<MembershipView>> {
    const { c } = await current(db, userId)
    const { payer, provider } = await payerOf(ctx, userId)
    let row = c
    if (row && (row.state === 'active' || row.state === 'settling')) throw conflict('ALREADY_MEMBER', '你已是轻会员')
    if (!row || row.state !== 'signing') {
      row = await db.tx((q) => insertCreditOrder(q, { kind: 'membership', userId, state: 'signing', provider: provider.id, channel: CHANNEL_OF[provider.id], prefix: 'MB', key: null, amount: MEMBERSHIP_PLAN.fee, terms: { cancelled: false }, orderId: null, at: now() }))
    }
    const r = row as CreditRow
    const req = requestOf(r, `${MEMBERSHIP_PLAN.name}（先享后付）`)
    let confirm
    if (r.confirm_ref && r.provider === provider.id) confirm = provider.confirmFor(req, r.confirm_ref, payer)
    else {
      try {
        const created = await provider.create(req, payer)
        await db.query('UPDATE credit_orders SET confirm_ref = $2, updated_at = $3 WHERE id = $1', [r.id, created.confirmRef, now()])
        confirm = created.confirm
      } catch (err) {
        if (err instanceof ProviderError) throw new AppError(502, 'CREDIT_PROVIDER_ERROR', '信用服务暂时无法开通，请稍后再试')
        throw err
      }
    }
    return { credit: await view(userId), confirm }
  }

  async function confirmed(q: Queryable, c: CreditRow, platformId: string | undefined, at: Date): Promise<'applied' | 'duplicate'> {
    const moved = await move(q, membershipMachine, c.id, 'confirm', 'platform', at, 'agreement_no = COALESCE($4, agreement_no), confirmed_at = $3', [platformId ?? null])
    if (!moved) return 'duplicate'
    await members.startCreditMembership(q, c.user_id, { at, periodEnd: periodEnd(at), creditOrderId: c.id, fee: c.amount })
    return 'applied'
  }

  async function denied(q: Queryable, c: CreditRow, at: Date): Promise<'applied' | 'duplicate'> {
    return (await move(q, membershipMachine, c.id, 'deny', 'platform', at, 'ended_at = $3')) ? 'applied' : 'duplicate'
  }

  async function setAutoRenew(userId: number, autoRenew: boolean): Promise<MembershipView> {
    await members.setAutoRenew(db, userId, autoRenew)
    return view(userId)
  }

  /** active → settling (period end or cancel), then the charge of min(fee, savings) and the next period or the end. */
  async function close(userId: number, event: 'period_end' | 'cancel', actor: 'system' | 'shopper'): Promise<boolean> {
    const { m, c } = await current(db, userId)
    if (!c || !m?.period_start || !m.period_end) return false
    const at = now()
    const to = event === 'cancel' ? at : m.period_end
    const s = membershipSettlement(m.fee ?? c.amount, await savings(db, userId, m.period_start, to, c.id))
    const terms = { cancelled: event === 'cancel', periodStart: iso(m.period_start), periodEnd: iso(to), fee: s.fee, savings: s.savings, charge: s.charge }
    const moved = await move(db, membershipMachine, c.id, event, actor, at, 'terms = $4::jsonb', [JSON.stringify(terms)])
    if (!moved) return false
    await charge(c.id)
    return true
  }

  async function charge(id: number): Promise<void> {
    const c = await db.maybeOne<CreditRow>('SELECT * FROM credit_orders WHERE id = $1', [id])
    if (!c || c.state !== 'settling') return
    const t = (typeof c.terms === 'string' ? JSON.parse(c.terms) : c.terms) as { charge: number; periodStart: string }
    await db.query('UPDATE credit_orders SET charge_requested_at = $2 WHERE id = $1', [id, now()])
    const answer = await providerById(ctx, c.provider)
      .charge({ kind: 'membership', outOrderNo: c.out_order_no, platformId: c.agreement_no, authorized: c.amount, charge: t.charge, outRequestNo: `${c.out_order_no}P${Date.parse(t.periodStart)}`, description: `${MEMBERSHIP_PLAN.name}本期结算` })
      .catch((err: unknown) => {
        ctx.background(err, `settling ${c.out_order_no}`)
        return null
      })
    if (answer?.state === 'done') await db.tx((q) => settled(q, c, t.charge, now()))
  }

  /** settling → active (next period) or ended; the settlement row and its ledger entry, once per period. */
  async function settled(q: Queryable, c: CreditRow, amount: number, at: Date): Promise<'applied' | 'duplicate' | 'mismatch'> {
    const t = (typeof c.terms === 'string' ? JSON.parse(c.terms) : c.terms) as { cancelled: boolean; periodStart: string; periodEnd: string; fee: number; savings: number; charge: number }
    if (amount !== t.charge) return 'mismatch'
    const m = await q.one<{ auto_renew: boolean; period_end: Date }>('SELECT auto_renew, period_end FROM memberships WHERE user_id = $1', [c.user_id])
    const event = settledEvent(m.auto_renew, t.cancelled)
    const moved = await move(q, membershipMachine, c.id, event, t.charge > 0 ? 'platform' : 'system', at, 'charged = charged + $4', [t.charge])
    if (!moved) return 'duplicate'
    await q.query('INSERT INTO membership_settlements (credit_order_id, period_start, period_end, fee, savings, charge, settled_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING', [
      c.id,
      t.periodStart,
      t.periodEnd,
      t.fee,
      t.savings,
      t.charge,
      at,
    ])
    const suffix = `:${Date.parse(t.periodStart)}`
    await addLedger(q, c.id, [{ kind: 'charge', amount: t.charge }], `${c.out_order_no}P${Date.parse(t.periodStart)}`, at)
    if (t.charge > 0) await enqueueCredit(q, c, 'credit_charged', at, suffix)
    await enqueueCredit(q, c, 'membership_settled', at, suffix)
    if (event === 'settled_renew') {
      const next = nextPeriod(m.period_end)
      await members.setPeriod(q, c.user_id, next.start, next.end)
    } else {
      await members.endAt(q, c.user_id, at)
      await q.query('UPDATE credit_orders SET ended_at = $2 WHERE id = $1', [c.id, at])
    }
    return 'applied'
  }

  async function cancel(userId: number): Promise<MembershipView> {
    if (!(await close(userId, 'cancel', 'shopper'))) throw conflict('INVALID_STATE', '只有生效中的会员可以取消')
    return view(userId)
  }

  async function sweep(onError: (err: unknown, what: string) => void): Promise<number> {
    const due = await db.query<{ user_id: number }>(
      "SELECT m.user_id FROM memberships m JOIN credit_orders c ON c.id = m.credit_order_id WHERE c.state = 'active' AND m.period_end <= $1 ORDER BY m.period_end LIMIT 200",
      [now()],
    )
    return eachIsolated(due.rows, (r) => close(r.user_id, 'period_end', 'system'), (err, r) => onError(err, `membership period end for user ${r.user_id}`))
  }

  return { view, join, confirmed, denied, setAutoRenew, cancel, charge, settled, sweep }
}

export type MembershipService = ReturnType<typeof membershipService>
