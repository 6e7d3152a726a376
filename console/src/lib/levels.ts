import { fenToYuan, yuanToFen } from '@domain/money'
import type { Level, LevelLadder } from '@domain/levels'
import type { Checked, Path } from './points'

/**
 * The 会员等级 screen's rules: the ladder as rows (the free-shipping threshold in yuan as typed,
 * '' = the shop's usual), checked as the levels module does (rank 0 from 0, thresholds rising),
 * where the server's field lands, and the 会员卡 colour. Pure, so tested alone.
 */

export const MAX_LEVELS = 10
export const MULTIPLIER_RANGE = [1, 10] as const

export interface LevelRow {
  name: string
  threshold?: number | null
  /** Yuan as typed; '' = the shop's usual threshold (null). */
  freeShipping: string
  pointsMultiplier?: number | null
  birthdayCouponBatchId?: number | null
}

export const ladderToRows = (l: LevelLadder): LevelRow[] =>
  l.levels.map((x) => ({
    name: x.name,
    threshold: x.threshold,
    freeShipping: x.benefits.freeShippingThreshold === null ? '' : fenToYuan(x.benefits.freeShippingThreshold),
    pointsMultiplier: x.benefits.pointsMultiplier,
    birthdayCouponBatchId: x.benefits.birthdayCouponBatchId,
  }))

/** The rows as the PUT body (rank = position), or the first wrong row and field. */
export function rowsToLadder(rows: LevelRow[]): Checked<LevelLadder> {
  const fail = (field: Path, message: string): Checked<LevelLadder> => ({ ok: false, field, message })
  if (rows.length === 0) return fail(['levels'], '至少需要一个等级')
  if (rows.length > MAX_LEVELS) return fail(['levels'], `最多 ${MAX_LEVELS} 个等级`)
  const levels: Level[] = []
  const names = new Set<string>()
  for (const [i, r] of rows.entries()) {
    const name = (r.name ?? '').trim()
    if (!name || name.length > 10) return fail(['levels', i, 'name'], '请输入等级名称（10 字以内）')
    if (names.has(name)) return fail(['levels', i, 'name'], `「${name}」重名了`)
    names.add(name)
    const threshold = i === 0 ? 0 : r.threshold
    if (i === 0 && r.threshold !== 0 && r.threshold !== null && r.threshold !== undefined) return fail(['levels', 0, 'threshold'], '第一个等级是所有人的起点，成长值须为 0')
    if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < 0 || threshold > 100_000_000) return fail(['levels', i, 'threshold'], '成长值须为非负整数')
    const prev = levels[i - 1]
    if (prev && threshold <= prev.threshold) return fail(['levels', i, 'threshold'], `须高于上一级「${prev.name}」的 ${prev.threshold}`)
    let freeShippingThreshold: number | null = null
    const fs = (r.freeShipping ?? '').trim()
    if (fs) {
      try {
        freeShippingThreshold = yuanToFen(fs)
      } catch {
        return fail(['levels', i, 'freeShipping'], '金额格式不正确，如 69 或 69.00；不填 = 按店铺包邮规则')
      }
    }
    const m = r.pointsMultiplier
    if (typeof m !== 'number' || !Number.isFinite(m) || m < MULTIPLIER_RANGE[0] || m > MULTIPLIER_RANGE[1] || Math.round(m * 100) !== m * 100)
      return fail(['levels', i, 'pointsMultiplier'], `积分倍数须为 ${MULTIPLIER_RANGE[0]}–${MULTIPLIER_RANGE[1]}（最多两位小数）`)
    levels.push({ rank: i, name, threshold, benefits: { freeShippingThreshold, pointsMultiplier: m, birthdayCouponBatchId: r.birthdayCouponBatchId ?? null } })
  }
  return { ok: true, value: { levels } }
}

/** The server's 400 field ('levels.2.benefits.freeShippingThreshold') as the rows' name. */
export function levelFormField(field: string): Path | null {
  const m = /^levels[.[](\d+)\]?\.?(.*)$/.exec(field)
  if (!m) return field === 'levels' ? ['levels'] : null
  const i = Number(m[1])
  const rest = m[2].replace(/^benefits\./, '')
  const name = rest === 'freeShippingThreshold' ? 'freeShipping' : rest === 'rank' || rest === '' ? 'name' : rest
  return ['levels', i, name]
}

/** The select's value for the paid membership (a select can't hold null): minLevel null. */
export const PAID_MEMBERS = 'paid'

/** 会员价 applies to: the paid membership or a level and those above it (rank 0 is everyone: no 会员价 for all). */
export function minLevelOptions(levels: Pick<Level, 'rank' | 'name'>[]): { value: number | typeof PAID_MEMBERS; label: string }[] {
  return [{ value: PAID_MEMBERS, label: '付费会员' }, ...levels.filter((l) => l.rank > 0).map((l) => ({ value: l.rank, label: `${l.name}及以上` }))]
}

/** The select's value as the promotion's minLevel. */
export const minLevelOf = (v: number | string | undefined | null): number | null => (typeof v === 'number' && v > 0 ? v : null)

export const isCardColor = (c: string) => /^#[0-9a-fA-F]{6}$/.test(c)

/** Black or white text, whichever reads on the card's colour (WCAG relative luminance). */
export function cardTextColor(bg: string): '#000000' | '#ffffff' {
  if (!isCardColor(bg)) return '#ffffff'
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(bg.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#000000' : '#ffffff'
}
