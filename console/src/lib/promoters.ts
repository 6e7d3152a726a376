import { fenToYuan, yuanToFen } from '@domain/money'
import {
  checkPromoterSettings,
  MAX_RATE_BP,
  type BasisPoints,
  type CommissionState,
  type ProductRates,
  type PromoterApplyMode,
  type PromoterSettings,
  type PromoterStatus,
  type WithdrawalStatus,
} from '@domain/promoters'

/**
 * The promoter screens' conversions: rates are basis points on the wire and per cent on the
 * screen (10 % = 1000 bp), amounts fen on the wire and yuan in the form. Pure, so tested alone.
 */

export const PROMOTER_STATUS: Record<PromoterStatus, { label: string; color: string }> = {
  pending: { label: '待审核', color: 'orange' },
  approved: { label: '已通过', color: 'green' },
  rejected: { label: '已拒绝', color: 'default' },
  disabled: { label: '已停用', color: 'red' },
}

export const APPLY_MODE_LABEL: Record<PromoterApplyMode, string> = {
  open: '无门槛，申请即成为',
  after_purchase: '完成一笔订单后可申请',
  approval: '申请后由商家审核',
}

export const COMMISSION_STATE: Record<CommissionState, { label: string; color: string }> = {
  pending: { label: '待结算', color: 'orange' },
  released: { label: '已结算', color: 'green' },
  reversed: { label: '已退回', color: 'default' },
}

export const WITHDRAWAL_STATUS: Record<WithdrawalStatus, { label: string; color: string }> = {
  reviewing: { label: '待审核', color: 'orange' },
  processing: { label: '打款中', color: 'blue' },
  waiting_confirm: { label: '待用户确认收款', color: 'cyan' },
  succeeded: { label: '已到账', color: 'green' },
  failed: { label: '失败', color: 'red' },
  rejected: { label: '已拒绝', color: 'default' },
}

/** 1000 bp -> 10 (per cent), for an input. */
export const bpToPercent = (bp: BasisPoints): number => bp / 100
/** 10.25 (per cent) -> 1025 bp; rounded so that 0.29 × 100 (28.999…) is 29, not 28. */
export const percentToBp = (percent: number): BasisPoints => Math.round(percent * 100)
/** 1025 bp -> "10.25%", for a table or a hint. */
export const percentText = (bp: BasisPoints): string => `${bpToPercent(bp)}%`
/** The largest rate a level may have, in per cent (the inputs' max). */
export const MAX_RATE_PERCENT = bpToPercent(MAX_RATE_BP)

/** The settings form: per cent and yuan as the merchant types them. */
export interface PromoterSettingsForm {
  enabled: boolean
  applyMode: PromoterApplyMode
  lockDays: number
  level1Percent: number
  level2Percent: number
  minWithdrawal: string
  dailyWithdrawalLimit: string
  reviewAbove: string
}

const YUAN_FIELDS = ['minWithdrawal', 'dailyWithdrawalLimit', 'reviewAbove'] as const

export function settingsToForm(s: PromoterSettings): PromoterSettingsForm {
  return {
    enabled: s.enabled,
    applyMode: s.applyMode,
    lockDays: s.lockDays,
    level1Percent: bpToPercent(s.level1RateBp),
    level2Percent: bpToPercent(s.level2RateBp),
    minWithdrawal: fenToYuan(s.minWithdrawal),
    dailyWithdrawalLimit: fenToYuan(s.dailyWithdrawalLimit),
    reviewAbove: fenToYuan(s.reviewAbove),
  }
}

/** A server (or checkPromoterSettings) field -> the form's field that shows it. */
export function settingsFormField(field: string): keyof PromoterSettingsForm | null {
  if (field === 'level1RateBp') return 'level1Percent'
  if (field === 'level2RateBp') return 'level2Percent'
  const known: string[] = ['enabled', 'applyMode', 'lockDays', ...YUAN_FIELDS]
  return known.includes(field) ? (field as keyof PromoterSettingsForm) : null
}

export type SettingsFromForm = { ok: true; settings: PromoterSettings } | { ok: false; field: keyof PromoterSettingsForm; message: string }

/**
 * The form's values as the PUT body, checked with the same rule the server applies
 * (checkPromoterSettings), so a bad value is marked on its field before anything is sent.
 */
export function formToSettings(v: PromoterSettingsForm): SettingsFromForm {
  const fen: Partial<Record<(typeof YUAN_FIELDS)[number], number>> = {}
  for (const f of YUAN_FIELDS) {
    try {
      fen[f] = yuanToFen(String(v[f] ?? ''))
    } catch {
      return { ok: false, field: f, message: '请输入金额，如 10 或 0.50（最多两位小数）' }
    }
  }
  const settings: PromoterSettings = {
    enabled: !!v.enabled,
    applyMode: v.applyMode,
    lockDays: Number(v.lockDays),
    level1RateBp: percentToBp(Number(v.level1Percent)),
    level2RateBp: percentToBp(Number(v.level2Percent)),
    minWithdrawal: fen.minWithdrawal!,
    dailyWithdrawalLimit: fen.dailyWithdrawalLimit!,
    reviewAbove: fen.reviewAbove!,
  }
  const check = checkPromoterSettings(settings)
  if (!check.ok) return { ok: false, field: settingsFormField(check.field) ?? 'enabled', message: check.message }
  return { ok: true, settings }
}

/** A product's 佣金 section: per level, the shop's rate or its own (in per cent). */
export interface ProductRatesForm {
  level1Own: boolean
  level1Percent?: number | null
  level2Own: boolean
  level2Percent?: number | null
}

export function ratesToForm(r: ProductRates): ProductRatesForm {
  return {
    level1Own: r.level1RateBp !== null,
    level1Percent: r.level1RateBp === null ? null : bpToPercent(r.level1RateBp),
    level2Own: r.level2RateBp !== null,
    level2Percent: r.level2RateBp === null ? null : bpToPercent(r.level2RateBp),
  }
}

export type RatesFromForm = { ok: true; rates: ProductRates } | { ok: false; field: 'level1Percent' | 'level2Percent'; message: string }

/** The PUT body: null for a level on the shop's rate; an own rate within 0–50 %, both together at most 50 %. */
export function formToRates(v: ProductRatesForm): RatesFromForm {
  const rates: ProductRates = { level1RateBp: null, level2RateBp: null }
  for (const level of [1, 2] as const) {
    const field = `level${level}Percent` as const
    if (!v[`level${level}Own`]) continue
    const p = v[field]
    if (p === null || p === undefined || !Number.isFinite(p)) return { ok: false, field, message: '请输入佣金比例' }
    const bp = percentToBp(p)
    if (bp < 0 || bp > MAX_RATE_BP) return { ok: false, field, message: `佣金比例须在 0–${MAX_RATE_PERCENT}% 之间` }
    rates[`level${level}RateBp`] = bp
  }
  if ((rates.level1RateBp ?? 0) + (rates.level2RateBp ?? 0) > MAX_RATE_BP) return { ok: false, field: 'level2Percent', message: `两级佣金合计不能超过 ${MAX_RATE_PERCENT}%` }
  return { ok: true, rates }
}

