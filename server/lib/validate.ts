import { z } from 'zod'
import { yuanToFen } from '../../src/domain/money'
import { MAX_QUANTITY_PER_LINE } from '../../src/domain/pricing'
import { badInput } from './errors'

/** Parses input with a zod schema; the first problem becomes 400 {code:'BAD_INPUT', message}. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data)
  if (r.success) return r.data
  const issue = r.error.issues[0]
  const field = issue.path.length ? issue.path.join('.') : undefined
  throw badInput(field ? `${field}: ${issue.message}` : issue.message, field)
}

/** A positive safe integer id, from JSON. */
export const id = z
  .number({ error: '必须是正整数 id' })
  .int('必须是正整数 id')
  .positive('必须是正整数 id')
  .max(Number.MAX_SAFE_INTEGER, 'id 过大')
  // Our ids are int4 in the database: a larger one can't exist, and 0 is never issued, so
  // it becomes 0 and the lookup answers 404 instead of an out-of-range database error.
  .transform((n) => (n > 2_147_483_647 ? 0 : n))

/** A positive id from the URL or query string ("12"). */
export const idText = z
  .string()
  .regex(/^[1-9]\d{0,15}$/, '必须是正整数 id')
  .transform(Number)
  .pipe(id)

export const quantity = z
  .number({ error: `数量必须是 1 到 ${MAX_QUANTITY_PER_LINE} 的整数` })
  .int(`数量必须是 1 到 ${MAX_QUANTITY_PER_LINE} 的整数`)
  .min(1, `数量必须是 1 到 ${MAX_QUANTITY_PER_LINE} 的整数`)
  .max(MAX_QUANTITY_PER_LINE, `每件商品最多买 ${MAX_QUANTITY_PER_LINE} 件`)

/** Text capped by code points (an emoji counts as one), trimmed. */
export function text(max: number, label: string, opts: { min?: number } = {}) {
  const min = opts.min ?? 0
  return z
    .string({ error: `${label}必须是文字` })
    .transform((s) => s.trim())
    .refine((s) => [...s].length >= min, min > 0 ? `请填写${label}` : `${label}不能为空`)
    .refine((s) => [...s].length <= max, `${label}最多 ${max} 个字`)
    // Control characters have no place in shop text (NUL also breaks PostgreSQL text).
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), `${label}含有不可见字符`)
}

export const pageQuery = {
  page: z
    .string()
    .regex(/^\d{1,6}$/, 'page 必须是正整数')
    .transform(Number)
    .pipe(z.number().int().min(1, 'page 从 1 开始'))
    .optional(),
  pageSize: z
    .string()
    .regex(/^\d{1,3}$/, 'pageSize 必须是 1 到 50 的整数')
    .transform(Number)
    .pipe(z.number().int().min(1, 'pageSize 必须是 1 到 50 的整数').max(50, 'pageSize 最大 50'))
    .optional(),
}

export const idParams = z.object({ id: idText })

/** The largest price a form may set: ¥10,000,000.00 (int4 fen holds ~¥21 million). */
export const MAX_PRICE_FEN = 1_000_000_000

/**
 * A price from a form: integer fen (1990) or a yuan string ("19.90"), converted exactly with
 * yuanToFen (no float ever touches it). More than two decimals, a negative or a too large
 * amount is refused with a message naming the field (`label`).
 */
export function money(label: string) {
  return z.unknown().transform((v, ctx): number => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    let fen: number
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return fail(`${label}必须是金额`)
      if (v < 0) return fail(`${label}不能为负数`)
      if (!Number.isInteger(v)) return fail(`${label}以分为单位时必须是整数（或写成元的文字，如 "19.90"）`)
      fen = v
    } else if (typeof v === 'string') {
      const t = v.trim()
      if (/^-/.test(t)) return fail(`${label}不能为负数`)
      if (/^\d+\.\d{3,}$/.test(t)) return fail(`${label}最多两位小数`)
      if (!/^\d+(?:\.\d{1,2})?$/.test(t)) return fail(`${label}必须是金额，如 19.90`)
      const digits = t.replace(/^0+(?=\d)/, '')
      if (/^\d{10,}/.test(digits)) return fail(`${label}不能超过 ${MAX_PRICE_FEN / 100} 元`)
      fen = yuanToFen(digits)
    } else return fail(`${label}必须是金额（分，或元如 "19.90"）`)
    if (fen > MAX_PRICE_FEN) return fail(`${label}不能超过 ${MAX_PRICE_FEN / 100} 元`)
    return fen
  })
}
