import { describe, expect, it } from 'vitest'
import { fieldPath } from '../errors'
import { clockTime, dateTime, moneyGrouped } from '../format'
import { combinations, mergeMatrix, type SkuRow } from '../sku-matrix'
import { toFen, yuanRule } from '../money-input'

describe('console: the SKU matrix', () => {
  it('is every combination of the groups, in their order; no groups is one default SKU', () => {
    expect(combinations([])).toEqual([{}])
    expect(
      combinations([
        { name: '颜色', values: ['红', '蓝'] },
        { name: '尺码', values: ['M', 'L'] },
      ]),
    ).toEqual([
      { 颜色: '红', 尺码: 'M' },
      { 颜色: '红', 尺码: 'L' },
      { 颜色: '蓝', 尺码: 'M' },
      { 颜色: '蓝', 尺码: 'L' },
    ])
    // A group without a name or values doesn't multiply anything yet.
    expect(combinations([{ name: '颜色', values: ['红'] }, { name: '', values: ['M'] }, { name: '尺码', values: [] }])).toEqual([{ 颜色: '红' }])
  })

  it('keeps what was typed (and the ids) for combinations that stay, and adds empty rows for new ones', () => {
    const red: SkuRow = { id: 7, specs: { 颜色: '红' }, price: '19.90', originalPrice: '', code: 'R', currentStock: 3 }
    const rows = mergeMatrix([{ name: '颜色', values: ['红', '绿'] }], [red, { specs: { 颜色: '蓝' }, price: '1', originalPrice: '', code: '' }])
    expect(rows).toEqual([red, { specs: { 颜色: '绿' }, price: '', originalPrice: '', stock: 0, code: '' }])
  })
})

describe('console: money and errors', () => {
  it('takes yuan exactly (no floats) and refuses a third decimal', async () => {
    expect(toFen('19.9')).toBe(1990)
    expect(toFen('0.07')).toBe(7)
    expect(toFen('')).toBeNull()
    await expect(yuanRule('售价').validator(null, '1.005')).rejects.toThrow('最多两位小数')
    await expect(yuanRule('售价').validator(null, '')).rejects.toThrow('请输入售价')
    await expect(yuanRule('划线价', false).validator(null, '')).resolves.toBeUndefined()
  })

  it('groups big totals by thousands', () => {
    expect(moneyGrouped(1289340)).toBe('¥12,893.40')
    expect(moneyGrouped(99999)).toBe('¥999.99')
    expect(moneyGrouped(5)).toBe('¥0.05')
  })

  it("turns a server field ('skus.1.price') into the form's path", () => {
    expect(fieldPath('skus.1.price')).toEqual(['skus', 1, 'price'])
    expect(fieldPath('title')).toEqual(['title'])
  })
})

describe('console: times in the shop’s time zone', () => {
  it('shows Beijing time whatever the browser’s zone (the dashboard’s days are Beijing days)', () => {
    expect(dateTime('2026-12-04T16:30:00Z')).toBe('2026-12-05 00:30')
    expect(dateTime('2026-12-05T03:05:00.000Z')).toBe('2026-12-05 11:05')
    expect(dateTime(null)).toBe('—')
    expect(clockTime('2026-12-04T23:59:00Z')).toBe('07:59')
  })
})
