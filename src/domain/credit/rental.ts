/**
 * Deposit-free rental (芝麻免押 / 微信支付分): the machine drawn in ./types and its money.
 *
 * Which part of the deposit pays the fee. A Sesame fund authorisation (and a Pay Score
 * order) covers the deposit partly with credit (waived) and partly with the shopper's own
 * frozen funds. The fee is always the shopper's to pay: at settlement the platform takes
 * it from the frozen funds first, and only what the frozen funds do not cover is collected
 * from the shopper's account (the waived credit is a guarantee, not money). So
 *   unfreeze = max(0, frozen - charge)       (own funds given back)
 *   release  = deposit - charge               (the whole authorisation not charged)
 *   release - unfreeze                        (the credit part released: ledger kind 'release')
 */
import { formatFen, type Fen } from '../money'
import { defineMachine } from './machine'
import { addDays, startedDays, toMs, type Instant } from './time'
import { RENTAL_STATES, type DepositCover, type MachineTransition, type RentalEvent, type RentalSettlement, type RentalState, type RentalTerms } from './types'

export const RENTAL_TRANSITIONS: Readonly<Record<RentalEvent, MachineTransition<RentalState>>> = {
  confirm: { from: ['created'], to: 'authorized', by: ['platform'] },
  // Pickup and return are the shop's word: staff hand the goods over and take them back (the
  // console, or the rental number the shop scans). A shopper only asks for return (below): if
  // the shopper could return alone, the fee would be charged and the deposit released with the
  // goods still at home.
  start: { from: ['authorized'], to: 'in_use', by: ['admin'] },
  overdue: { from: ['in_use'], to: 'overdue', by: ['system'] },
  return: { from: ['in_use', 'overdue'], to: 'settling', by: ['admin'] },
  // Usually from overdue; straight from in_use when the fee reaches the deposit on the due day itself.
  default: { from: ['in_use', 'overdue'], to: 'settling', by: ['system'] },
  charged: { from: ['settling'], to: 'completed', by: ['platform'] },
  cancel: { from: ['created', 'authorized'], to: 'cancelled', by: ['shopper', 'admin'] },
  expire: { from: ['created'], to: 'expired', by: ['system'] },
}

export const rentalMachine = defineMachine(RENTAL_STATES, RENTAL_TRANSITIONS)

export const RENTAL_STATE_LABEL: Record<RentalState, string> = {
  created: '待确认',
  authorized: '待取货',
  in_use: '租用中',
  overdue: '已逾期',
  settling: '结算中',
  completed: '已完成',
  cancelled: '已取消',
  expired: '已失效',
}

/**
 * States in which the shopper may ask for the return (申请归还). Asking changes no state: the
 * fee runs until the shop confirms it has the goods back (`return`), as at any rental counter.
 */
export const RETURN_REQUESTABLE: readonly RentalState[] = RENTAL_TRANSITIONS.return.from

export function canRequestReturn(state: RentalState): boolean {
  return RETURN_REQUESTABLE.includes(state)
}

/** The happy path, for a timeline. */
export const RENTAL_HAPPY_PATH: readonly RentalState[] = ['created', 'authorized', 'in_use', 'settling', 'completed']

function fen(value: number, what: string): Fen {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative integer number of fen, got ${value}`)
  return value
}

/** How the platform covered the deposit: waived = deposit is a full waiver, 0 means the shopper freezes it all. */
export function depositCover(deposit: Fen, waived: Fen): DepositCover {
  fen(deposit, 'deposit')
  fen(waived, 'waived')
  if (waived > deposit) throw new RangeError(`waived ${waived} exceeds the deposit ${deposit}`)
  return { deposit, waived, frozen: deposit - waived }
}

/**
 * The longest rental whose fee has not passed the deposit before its last day: past it the
 * shopper would pay the whole deposit and keep the goods, which is a sale, not a rental.
 */
export function maxRentDaysWithinDeposit(terms: RentalTerms): number {
  return Math.max(1, Math.ceil(terms.deposit / terms.dailyRate))
}

/** A product's rental terms as the admin sets them; a Chinese message, or null when fine. */
export function checkRentalTerms(terms: RentalTerms): string | null {
  const { deposit, dailyRate, minDays, maxDays } = terms
  if (!Number.isSafeInteger(deposit) || deposit <= 0) return '押金须为正数'
  if (!Number.isSafeInteger(dailyRate) || dailyRate <= 0) return '日租金须为正数'
  if (!Number.isSafeInteger(minDays) || minDays < 1) return '最短租期至少 1 天'
  if (!Number.isSafeInteger(maxDays) || maxDays < minDays) return '最长租期不能短于最短租期'
  if (minDays > maxRentDaysWithinDeposit(terms)) return '最短租期的租金已超过押金'
  return null
}

/** The days a shopper chose; a Chinese message, or null when fine. */
export function validateRentDays(terms: RentalTerms, days: number): string | null {
  if (!Number.isSafeInteger(days) || days < 1) return '请选择租期天数'
  if (days < terms.minDays) return `最短租 ${terms.minDays} 天`
  const longest = Math.min(terms.maxDays, maxRentDaysWithinDeposit(terms))
  if (days > longest) return `最长租 ${longest} 天`
  return null
}

/** When the rental is due back: days whole 24 h days after the start. */
export function rentalDueAt(startedAt: Instant, days: number): string {
  return addDays(startedAt, days)
}

/**
 * When 'default' fires: the end of the first started day whose fee reaches the deposit
 * (start + ceil(deposit / dailyRate) days). From the moment that day starts the charge is
 * already the whole deposit, so waiting for the day to run out costs the shopper nothing and
 * gives a late returner the whole day. With validateRentDays' limit it is never before the due time.
 */
export function defaultDue(terms: RentalTerms, startedAt: Instant): string {
  return addDays(startedAt, maxRentDaysWithinDeposit(terms))
}

/** What the server's timer should do with a rental now: 'default' wins over 'overdue'. */
export function rentalTimerEvent(state: RentalState, terms: RentalTerms, startedAt: Instant, dueAt: Instant, now: Instant): 'overdue' | 'default' | null {
  if (state !== 'in_use' && state !== 'overdue') return null
  const t = toMs(now, 'now')
  if (t >= toMs(defaultDue(terms, startedAt))) return 'default'
  if (state === 'in_use' && t > toMs(dueAt, 'dueAt')) return 'overdue'
  return null
}

/**
 * The figures when the rental ends at endedAt (return or default), or so far when endedAt is now.
 * Days are started 24 h days from the start, at least 1; the charge never passes the deposit.
 */
export function rentalSettlement(terms: RentalTerms, startedAt: Instant, dueAt: Instant, endedAt: Instant, cover: DepositCover): RentalSettlement {
  fen(terms.dailyRate, 'dailyRate')
  if (cover.deposit !== terms.deposit) throw new RangeError(`the cover's deposit ${cover.deposit} is not the terms' ${terms.deposit}`)
  if (cover.waived + cover.frozen !== cover.deposit) throw new RangeError('waived + frozen must equal the deposit')
  fen(cover.waived, 'waived')
  fen(cover.frozen, 'frozen')
  const start = toMs(startedAt, 'startedAt')
  const end = toMs(endedAt, 'endedAt')
  const due = toMs(dueAt, 'dueAt')
  if (end < start) throw new RangeError('a rental cannot end before it started')
  if (due < start) throw new RangeError('a rental cannot be due before it started')
  const days = Math.max(1, startedDays(start, end))
  const overdueDays = startedDays(due, end)
  const fee = days * terms.dailyRate
  const charge = Math.min(fee, terms.deposit)
  return { days, overdueDays, fee, charge, release: terms.deposit - charge, unfreeze: Math.max(0, cover.frozen - charge) }
}

/** The credit part of the release (ledger kind 'release'): the release beyond the shopper's own funds. */
export function creditRelease(s: RentalSettlement): Fen {
  return s.release - s.unfreeze
}

/** The ledger amounts when the shopper confirms: what credit waived and what was frozen (zero amounts left out). */
export function coverLedger(cover: DepositCover): { kind: 'deposit_waived' | 'deposit_frozen'; amount: Fen }[] {
  const out: { kind: 'deposit_waived' | 'deposit_frozen'; amount: Fen }[] = []
  if (cover.waived > 0) out.push({ kind: 'deposit_waived', amount: cover.waived })
  if (cover.frozen > 0) out.push({ kind: 'deposit_frozen', amount: cover.frozen })
  return out
}

/** The ledger amounts at settlement: charge, own funds unfrozen, credit released; they add up to the deposit (zero amounts left out). */
export function settlementLedger(s: RentalSettlement): { kind: 'charge' | 'unfreeze' | 'release'; amount: Fen }[] {
  const all: { kind: 'charge' | 'unfreeze' | 'release'; amount: Fen }[] = [
    { kind: 'charge', amount: s.charge },
    { kind: 'unfreeze', amount: s.unfreeze },
    { kind: 'release', amount: creditRelease(s) },
  ]
  return all.filter((e) => e.amount > 0)
}

/** The platform's own name for its credit service, as the shopper knows it. */
export const CREDIT_SERVICE_LABEL: Record<'weapp' | 'alipay' | 'h5', string> = { alipay: '芝麻信用', weapp: '微信支付分', h5: '信用' }

/** What the shopper is told about the deposit once credit has decided. */
export function rentalWaiverMessage(cover: DepositCover, service: string = CREDIT_SERVICE_LABEL.alipay): string {
  if (cover.deposit === 0) return '无需押金'
  if (cover.waived === cover.deposit) return `${service}已为你免除全部押金`
  if (cover.waived === 0) return `${service}暂不支持免押，需冻结押金 ${formatFen(cover.frozen)}`
  return `已免押 ${formatFen(cover.waived)}，还需冻结 ${formatFen(cover.frozen)}`
}

