/**
 * Promoters (推客 / 分销员): who may become one, which promoter a customer is bound to, what
 * each earns on an order and how a commission moves from pending to released or reversed.
 * Shared by the server (which decides and records) and the app / console (which show it).
 * Pure: integer fen, basis points, no I/O.
 *
 *   commission line:   pending ──after-sales window ends──▶ released
 *                         │  (refunds take back part or all: reversed grows, never below 0)
 *                         └── everything refunded ──▶ reversed
 *   invariant per line: released + reversed + pending = accrued, each ≥ 0.
 *
 *   withdrawal:  reviewing ──approve──▶ processing ──paid──▶ succeeded
 *                    │                     │  (WeChat: waiting_confirm until the shopper
 *                    └──reject──▶ rejected  │   confirms with wx.requestMerchantTransfer)
 *                                          └──fail──▶ failed   (money back in the balance)
 */
import type { Fen } from './money'

export const PROMOTER_STATUSES = ['pending', 'approved', 'rejected', 'disabled'] as const
export type PromoterStatus = (typeof PROMOTER_STATUSES)[number]

/** How a shopper becomes a promoter (the shop's choice): anyone at once, after one paid order, or staff approve each. */
export const PROMOTER_APPLY_MODES = ['open', 'after_purchase', 'approval'] as const
export type PromoterApplyMode = (typeof PROMOTER_APPLY_MODES)[number]

/** Basis points: 1 % = 100 bp. Rates are kept in bp so every computation stays in integers. */
export type BasisPoints = number
export const MAX_RATE_BP: BasisPoints = 5000

/** The shop's promoter programme (console › 推广员 › 设置); stored in promoter_settings, one row. */
export interface PromoterSettings {
  enabled: boolean
  applyMode: PromoterApplyMode
  /** How long a customer stays bound to the promoter who brought them (default 30). */
  lockDays: number
  /** Shop-wide rates; a product may set its own (product_commission_rates). */
  level1RateBp: BasisPoints
  level2RateBp: BasisPoints
  /** Withdrawals: the smallest, the most per promoter per day (shop time zone), and above which staff review. */
  minWithdrawal: Fen
  dailyWithdrawalLimit: Fen
  reviewAbove: Fen
}

export const DEFAULT_PROMOTER_SETTINGS: PromoterSettings = {
  enabled: true,
  applyMode: 'approval',
  lockDays: 30,
  level1RateBp: 1000,
  level2RateBp: 300,
  minWithdrawal: 100,
  dailyWithdrawalLimit: 200_000,
  reviewAbove: 50_000,
}

/** A settings change from the console: a clear message per bad field, nothing saved on any. */
export function checkPromoterSettings(s: PromoterSettings): { ok: true } | { ok: false; field: keyof PromoterSettings; message: string } {
  if (!PROMOTER_APPLY_MODES.includes(s.applyMode)) return { ok: false, field: 'applyMode', message: '成为推广员的方式无效' }
  if (!Number.isInteger(s.lockDays) || s.lockDays < 1 || s.lockDays > 365) return { ok: false, field: 'lockDays', message: '锁客天数须在 1–365 之间' }
  for (const f of ['level1RateBp', 'level2RateBp'] as const)
    if (!Number.isInteger(s[f]) || s[f] < 0 || s[f] > MAX_RATE_BP) return { ok: false, field: f, message: `佣金比例须在 0–${MAX_RATE_BP / 100}% 之间` }
  if (s.level1RateBp + s.level2RateBp > MAX_RATE_BP) return { ok: false, field: 'level2RateBp', message: `两级佣金合计不能超过 ${MAX_RATE_BP / 100}%` }
  for (const f of ['minWithdrawal', 'dailyWithdrawalLimit', 'reviewAbove'] as const)
    if (!Number.isInteger(s[f]) || s[f] < 1 || s[f] > 100_000_000) return { ok: false, field: f, message: '金额须为 1 分到 100 万元之间的整数（分）' }
  // WeChat's transfer-bills takes 0.1 yuan at least; Alipay's uni.transfer 0.1 yuan too.
  if (s.minWithdrawal < 10) return { ok: false, field: 'minWithdrawal', message: '最低提现金额不能低于 0.10 元（平台限制）' }
  if (s.dailyWithdrawalLimit < s.minWithdrawal) return { ok: false, field: 'dailyWithdrawalLimit', message: '每日提现上限不能低于最低提现金额' }
  return { ok: true }
}

/** May this shopper apply now? `paidOrders`: their paid (not fully refunded) orders. */
export function canApply(mode: PromoterApplyMode, paidOrders: number): { ok: true; status: 'pending' | 'approved' } | { ok: false; code: 'NEEDS_PURCHASE'; message: string } {
  if (mode === 'after_purchase' && paidOrders < 1) return { ok: false, code: 'NEEDS_PURCHASE', message: '完成一笔订单后即可申请成为推广员' }
  return { ok: true, status: mode === 'approval' ? 'pending' : 'approved' }
}

// ─── Binding (锁客) ───────────────────────────────────────────────────────────────────────

export interface Binding {
  promoterId: number
  boundAt: Date
  /** boundAt + lockDays: inside it no other promoter takes the customer. */
  lockedUntil: Date
}

export type BindingDecision =
  | { kind: 'bind'; lockedUntil: Date } // no binding yet, or the old one's lock ran out: the new promoter gets them
  | { kind: 'keep'; reason: 'locked' | 'same' } // bound inside the lock (or to this promoter already): nothing changes
  | { kind: 'ignore'; reason: 'self' | 'not_promoter' } // a promoter's own scene, or a scene of no active promoter

/**
 * What a visit through a promoter's scene does to the customer's binding. `promoterUserId` is
 * the promoter's own user (a promoter never binds themselves); `active` whether the promoter is
 * approved now. The same promoter visiting again inside the lock does not extend it (first
 * touch wins: the lock counts from the visit that bound them).
 */
export function decideBinding(
  current: Binding | null,
  visit: { customerId: number; promoterId: number; promoterUserId: number; active: boolean },
  now: Date,
  lockDays: number,
): BindingDecision {
  if (!visit.active) return { kind: 'ignore', reason: 'not_promoter' }
  if (visit.customerId === visit.promoterUserId) return { kind: 'ignore', reason: 'self' }
  if (current && current.lockedUntil.getTime() > now.getTime()) return { kind: 'keep', reason: current.promoterId === visit.promoterId ? 'same' : 'locked' }
  return { kind: 'bind', lockedUntil: new Date(now.getTime() + lockDays * 86_400_000) }
}

/** The promoter an order earns for: the binding in force when it was paid, never the buyer themselves. */
export function bindingAt(current: Binding | null, buyerPromoterId: number | null, at: Date): number | null {
  if (!current || current.lockedUntil.getTime() <= at.getTime()) return null
  if (buyerPromoterId !== null && current.promoterId === buyerPromoterId) return null
  return current.promoterId
}

// ─── Commission ───────────────────────────────────────────────────────────────────────────

export type CommissionLevel = 1 | 2

export interface CommissionLineInput {
  orderItemId: number
  productId: number
  /** What the shopper paid for the line: line total less its discount share (refund.ts paidPerLine). */
  paid: Fen
}

export interface ProductRates {
  level1RateBp: BasisPoints | null
  level2RateBp: BasisPoints | null
}

export interface CommissionAccrual {
  orderItemId: number
  level: CommissionLevel
  rateBp: BasisPoints
  base: Fen
  amount: Fen
}

/** floor(paid × rate): never more than the rate on what was paid, never negative. */
export function commissionOf(paid: Fen, rateBp: BasisPoints): Fen {
  if (paid <= 0 || rateBp <= 0) return 0
  return Math.floor((paid * Math.min(rateBp, MAX_RATE_BP)) / 10_000)
}

/**
 * The commission rows of an order, per line and level: level 1 for the bound promoter, level 2
 * for whoever recruited them (when `hasLevel2`). A product's own rate replaces the shop's for
 * that level; rows of 0 are left out.
 */
export function accrueCommission(
  lines: readonly CommissionLineInput[],
  shop: Pick<PromoterSettings, 'level1RateBp' | 'level2RateBp'>,
  productRates: ReadonlyMap<number, ProductRates>,
  hasLevel2: boolean,
): CommissionAccrual[] {
  const out: CommissionAccrual[] = []
  for (const l of lines) {
    const own = productRates.get(l.productId)
    const levels: CommissionLevel[] = hasLevel2 ? [1, 2] : [1]
    for (const level of levels) {
      const rateBp = (level === 1 ? own?.level1RateBp : own?.level2RateBp) ?? (level === 1 ? shop.level1RateBp : shop.level2RateBp)
      const amount = commissionOf(l.paid, rateBp)
      if (amount > 0) out.push({ orderItemId: l.orderItemId, level, rateBp, base: l.paid, amount })
    }
  }
  return out
}

export const COMMISSION_STATES = ['pending', 'released', 'reversed'] as const
export type CommissionState = (typeof COMMISSION_STATES)[number]

export interface CommissionLine {
  accrued: Fen
  reversed: Fen
  released: Fen
  /** What the line's order paid for it (the base): reversals are proportional to refunds of it. */
  base: Fen
  /** Fen of the base refunded so far (cumulative). */
  refundedBase: Fen
}

export function pendingOf(l: Pick<CommissionLine, 'accrued' | 'reversed' | 'released'>): Fen {
  return l.accrued - l.reversed - l.released
}

export function stateOf(l: Pick<CommissionLine, 'accrued' | 'reversed' | 'released'>): CommissionState {
  if (l.released > 0) return 'released'
  if (l.reversed >= l.accrued) return 'reversed'
  return 'pending'
}

/**
 * A refund of `refunded` fen more of the line's base: the reversal is the difference of two
 * cumulative floors (like refunds), so refunding a line piece by piece reverses exactly what a
 * whole refund would, and a full refund reverses everything. Only pending commission can be
 * reversed (a released one was earned: refunds after the window don't claw it back).
 * Returns the new line and how much this refund reversed.
 */
export function reverseForRefund(l: CommissionLine, refunded: Fen): { line: CommissionLine; reversedNow: Fen } {
  if (refunded <= 0 || l.released > 0 || l.base <= 0) return { line: l, reversedNow: 0 }
  const refundedBase = Math.min(l.base, l.refundedBase + refunded)
  const target = refundedBase >= l.base ? l.accrued : Math.min(l.accrued, Math.floor((l.accrued * refundedBase) / l.base))
  const reversedNow = Math.max(0, Math.min(target - l.reversed, pendingOf(l)))
  return { line: { ...l, refundedBase, reversed: l.reversed + reversedNow }, reversedNow }
}

/** The window ended with nothing open: whatever is still pending becomes withdrawable. */
export function releaseLine(l: CommissionLine): { line: CommissionLine; releasedNow: Fen } {
  const p = pendingOf(l)
  if (p <= 0 || l.released > 0) return { line: l, releasedNow: 0 }
  return { line: { ...l, released: p }, releasedNow: p }
}

/** A buyer or customer as a promoter may see them: the first character and two stars (张**). */
export function maskNickname(nickname: string): string {
  const first = [...nickname.trim()][0]
  return first ? `${first}**` : '**'
}

// ─── Withdrawals ──────────────────────────────────────────────────────────────────────────

export const WITHDRAWAL_STATUSES = ['reviewing', 'processing', 'waiting_confirm', 'succeeded', 'failed', 'rejected'] as const
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number]

export type WithdrawalEvent = 'approve' | 'reject' | 'submit' | 'await_confirm' | 'succeed' | 'fail'

/** The machine as a table: event → statuses it may start from → where it goes. */
export const WITHDRAWAL_TRANSITIONS: Record<WithdrawalEvent, { from: readonly WithdrawalStatus[]; to: WithdrawalStatus }> = {
  approve: { from: ['reviewing'], to: 'processing' },
  reject: { from: ['reviewing'], to: 'rejected' },
  // A small withdrawal skips review: created straight into processing by 'submit'.
  submit: { from: ['processing'], to: 'processing' },
  await_confirm: { from: ['processing'], to: 'waiting_confirm' },
  succeed: { from: ['processing', 'waiting_confirm'], to: 'succeeded' },
  fail: { from: ['processing', 'waiting_confirm'], to: 'failed' },
}

export function nextWithdrawalStatus(from: WithdrawalStatus, event: WithdrawalEvent): WithdrawalStatus | null {
  const t = WITHDRAWAL_TRANSITIONS[event]
  return t.from.includes(from) ? t.to : null
}

export function withdrawalStatusesAllowing(event: WithdrawalEvent): readonly WithdrawalStatus[] {
  return WITHDRAWAL_TRANSITIONS[event].from
}

/** Statuses whose money has left the balance (held or paid); failed and rejected gave it back. */
export const WITHDRAWAL_HOLDING: readonly WithdrawalStatus[] = ['reviewing', 'processing', 'waiting_confirm', 'succeeded']

export type WithdrawalCheck =
  | { ok: true; review: boolean }
  | { ok: false; status: 400 | 409; code: 'BELOW_MINIMUM' | 'OVER_BALANCE' | 'DAILY_LIMIT' | 'BAD_AMOUNT' | 'OVER_SINGLE_LIMIT'; message: string }

/**
 * WeChat's transfer-bills wants the payee's encrypted real name (user_name) from 2,000 yuan on,
 * which the shop doesn't collect: a single WeChat withdrawal stays below it (the sandbox, which
 * plays WeChat, too). Alipay's uni.transfer has no such rule here.
 */
export const WECHAT_TRANSFER_MAX_WITHOUT_NAME: Fen = 199_999

/**
 * A withdrawal request against the balance (released − held by withdrawals) and what this
 * promoter already took today. Checked again under the promoter's row lock on the server.
 */
export function checkWithdrawal(
  amount: Fen,
  balance: Fen,
  takenToday: Fen,
  s: Pick<PromoterSettings, 'minWithdrawal' | 'dailyWithdrawalLimit' | 'reviewAbove'>,
  maxSingle: Fen = Infinity,
): WithdrawalCheck {
  // Said to the shopper as it is (the app shows the server's message): no API words like 分.
  if (!Number.isInteger(amount) || amount <= 0) return { ok: false, status: 400, code: 'BAD_AMOUNT', message: '请输入正确的提现金额' }
  if (amount < s.minWithdrawal) return { ok: false, status: 400, code: 'BELOW_MINIMUM', message: `最低提现 ${(s.minWithdrawal / 100).toFixed(2)} 元` }
  if (amount > maxSingle) return { ok: false, status: 400, code: 'OVER_SINGLE_LIMIT', message: `单笔提现不能超过 ${(maxSingle / 100).toFixed(2)} 元，请分次提现` }
  if (amount > balance) return { ok: false, status: 409, code: 'OVER_BALANCE', message: `可提现余额不足（${(balance / 100).toFixed(2)} 元）` }
  if (takenToday + amount > s.dailyWithdrawalLimit) return { ok: false, status: 409, code: 'DAILY_LIMIT', message: `今日最多还能提现 ${(Math.max(0, s.dailyWithdrawalLimit - takenToday) / 100).toFixed(2)} 元` }
  return { ok: true, review: amount > s.reviewAbove }
}

// ─── Wire shapes ──────────────────────────────────────────────────────────────────────────

/** GET /api/promoters/me (fixed: scene, level1Customers, pending, released, withdrawable; the rest beside it). */
export interface PromoterMe {
  /** null: not a promoter (never applied); the other fields are then 0. */
  status: PromoterStatus | null
  scene: string | null
  level1Customers: number
  /** Promoters this one recruited (their customers' orders pay level 2). */
  recruits: number
  pending: Fen
  /** Released in total (withdrawn or not). */
  released: Fen
  /** Released less what withdrawals hold or paid. */
  withdrawable: Fen
  withdrawn: Fen
  settings: Pick<PromoterSettings, 'applyMode' | 'lockDays' | 'level1RateBp' | 'level2RateBp' | 'minWithdrawal' | 'dailyWithdrawalLimit'>
}

/** GET /api/promoters/me/commissions items: one per order and level (the lines summed). */
export interface CommissionItem {
  orderId: number
  orderNo: string
  level: CommissionLevel
  /** The buyer as the promoter may see them: nickname, masked. */
  buyer: string
  base: Fen
  accrued: Fen
  reversed: Fen
  released: Fen
  pending: Fen
  state: CommissionState
  createdAt: string
  /** When the after-sales window ends (pending ones), or when it was released. */
  releaseAt: string | null
}

export interface PromoterCustomer {
  nickname: string
  boundAt: string
  lockedUntil: string
  orders: number
}

export interface WithdrawalView {
  id: number
  amount: Fen
  status: WithdrawalStatus
  channel: 'wechat' | 'alipay' | 'sandbox'
  /** WeChat: the package_info for wx.requestMerchantTransfer while waiting_confirm. */
  confirm: { mchId: string; appId: string; packageInfo: string } | null
  failure: string | null
  createdAt: string
  finishedAt: string | null
  /** Our transfer bill number (out_bill_no / out_biz_no): the sandbox transfer page confirms by it. */
  outBillNo: string
}

/** GET /api/admin/promoters items (fixed: id, userId, status; the rest beside it). */
export interface AdminPromoter {
  id: number
  userId: number
  status: PromoterStatus
  nickname: string
  platform: string
  scene: string
  parentId: number | null
  customers: number
  pending: Fen
  released: Fen
  withdrawable: Fen
  appliedAt: string
  decidedAt: string | null
}

export interface AdminWithdrawal extends WithdrawalView {
  promoterId: number
  nickname: string
  reviewedBy: string | null
}
