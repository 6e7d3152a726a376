import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { money, parse } from '../validate'

const Form = z.object({ price: money('价格') })
const fen = (price: unknown) => parse(Form, { price }).price
const refusal = (price: unknown) => {
  try {
    parse(Form, { price })
  } catch (err) {
    return (err as Error).message
  }
  throw new Error(`accepted ${JSON.stringify(price)}`)
}

describe('money(label): a price in fen or an exact yuan string', () => {
  it('takes integer fen and yuan strings, converted without floats', () => {
    expect(fen(1990)).toBe(1990)
    expect(fen(0)).toBe(0)
    expect(fen('19.90')).toBe(1990)
    expect(fen('19.9')).toBe(1990)
    expect(fen(' 19 ')).toBe(1900)
    expect(fen('0.01')).toBe(1)
    // 0.1 + 0.2 style float errors can't happen: the digits are read, not multiplied.
    expect(fen('1.15')).toBe(115)
    expect(fen('4.35')).toBe(435)
    expect(fen('007.50')).toBe(750)
    expect(fen('10000000.00')).toBe(1_000_000_000)
  })

  it('refuses more than two decimals, negatives, too big, and non-amounts with a message naming the field', () => {
    expect(refusal('19.999')).toBe('price: 价格最多两位小数')
    expect(refusal('-1')).toBe('price: 价格不能为负数')
    expect(refusal(-1)).toBe('price: 价格不能为负数')
    expect(refusal('10000000.01')).toMatch(/价格不能超过 10000000 元/)
    expect(refusal('99999999999')).toMatch(/价格不能超过/)
    expect(refusal(1_000_000_001)).toMatch(/价格不能超过/)
    expect(refusal(19.9)).toMatch(/价格以分为单位时必须是整数/)
    expect(refusal('1e3')).toMatch(/价格必须是金额/)
    expect(refusal('')).toMatch(/价格必须是金额/)
    expect(refusal(null)).toMatch(/价格必须是金额/)
    expect(refusal(Number.NaN)).toMatch(/价格必须是金额/)
  })
})
