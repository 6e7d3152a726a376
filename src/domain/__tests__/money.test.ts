import { describe, expect, it } from 'vitest'
import { fenToYuan, formatFen, priceParts, yuanToFen } from '../money'

describe('money', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [1234, '12.34'],
    [100000, '1000.00'],
    [-50, '-0.50'],
  ])('fenToYuan(%i) = %s', (fen, text) => expect(fenToYuan(fen)).toBe(text))

  it('formats with the yuan sign, minus first', () => {
    expect(formatFen(1999)).toBe('¥19.99')
    expect(formatFen(-1999)).toBe('-¥19.99')
  })

  it('splits for the price tag', () => expect(priceParts(9900)).toEqual({ yuan: '99', cents: '00' }))

  it('rejects fractions of a fen', () => expect(() => fenToYuan(1.5)).toThrow(RangeError))

  it.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.34', 1234],
    [' 0.05 ', 5],
  ])('yuanToFen(%s) = %i', (text, fen) => expect(yuanToFen(text)).toBe(fen))

  it.each(['', '-1', '1.234', 'abc', '1e3'])('yuanToFen rejects %j', (text) => expect(() => yuanToFen(text)).toThrow(RangeError))
})
