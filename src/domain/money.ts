/** Money is always an integer number of fen (0.01 CNY). Arithmetic happens only here and in pricing. */
export type Fen = number

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

export function assertFen(value: number, what = 'amount'): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be an integer number of fen, got ${value}`)
  return value
}

/** 1234 -> "12.34"; negative amounts keep their sign ("-0.50"). */
export function fenToYuan(fen: Fen): string {
  assertFen(fen)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${sign}${yuan}.${cents}`
}

/** 1234 -> "¥12.34" */
export function formatFen(fen: Fen): string {
  return fen < 0 ? `-¥${fenToYuan(-fen)}` : `¥${fenToYuan(fen)}`
}

/** Splits "12.34" into the parts a price tag shows in different sizes. */
export function priceParts(fen: Fen): { yuan: string; cents: string } {
  const [yuan, cents] = fenToYuan(fen).split('.')
  return { yuan, cents }
}

/** "12.3" / "12.30" / "12" -> 1230. Throws on anything that is not a plain non-negative amount. */
export function yuanToFen(yuan: string): Fen {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(yuan.trim())
  if (!m) throw new RangeError(`not an amount in yuan: "${yuan}"`)
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
