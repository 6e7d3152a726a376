import { describe, expect, it } from 'vitest'
import { checkSkuSpecs, clampQuantity, findSku, formatSpecs, isSpecValueAvailable, missingSpecs, orderedSpecs, toggleSpec, type SpecGroup } from '../sku'

const groups: SpecGroup[] = [
  { name: '颜色', values: ['白', '黑'] },
  { name: '尺码', values: ['M', 'L'] },
]
const skus = [
  { id: 1, specs: { 颜色: '白', 尺码: 'M' }, stock: 3 },
  { id: 2, specs: { 颜色: '白', 尺码: 'L' }, stock: 0 },
  { id: 3, specs: { 颜色: '黑', 尺码: 'M' }, stock: 0 },
  // 黑 / L does not exist at all
]

describe('sku choice', () => {
  it('disables a value whose every combination is sold out or missing', () => {
    expect(isSpecValueAvailable(skus, {}, '颜色', '黑')).toBe(false)
    expect(isSpecValueAvailable(skus, {}, '颜色', '白')).toBe(true)
    expect(isSpecValueAvailable(skus, {}, '尺码', 'L')).toBe(false)
  })

  it('judges a value together with what is already chosen in other groups', () => {
    expect(isSpecValueAvailable(skus, { 颜色: '白' }, '尺码', 'M')).toBe(true)
    expect(isSpecValueAvailable(skus, { 颜色: '白' }, '尺码', 'L')).toBe(false)
    // the group's own current value does not block switching to another value
    expect(isSpecValueAvailable(skus, { 颜色: '黑' }, '颜色', '白')).toBe(true)
  })

  it('finds the SKU only for a complete choice', () => {
    expect(findSku(skus, groups, { 颜色: '白' })).toBeUndefined()
    expect(findSku(skus, groups, { 颜色: '白', 尺码: 'L' })?.id).toBe(2)
    expect(findSku(skus, groups, { 颜色: '黑', 尺码: 'L' })).toBeUndefined()
  })

  it('toggles a value off when picked again', () => {
    expect(toggleSpec({ 颜色: '白' }, '颜色', '白')).toEqual({ 颜色: undefined })
    expect(toggleSpec({ 颜色: '白' }, '颜色', '黑')).toEqual({ 颜色: '黑' })
  })

  it('names the groups still to choose', () => {
    expect(missingSpecs(groups, { 尺码: 'M' })).toEqual(['颜色'])
  })

  it.each([
    [5, 3, 99, 3],
    [0, 3, 99, 1],
    [2.7, 10, 99, 2],
    [500, 1000, 99, 99],
    [1, 0, 99, 0],
    [Number.NaN, 4, 99, 1],
  ])('clampQuantity(%s, stock %s, max %s) = %s', (wanted, stock, max, expected) => {
    expect(clampQuantity(wanted, stock, max)).toBe(expected)
  })
})

describe('formatSpecs', () => {
  it('joins the values with " / " in the specs\' own order', () => {
    expect(formatSpecs({ 颜色: '浅灰', 尺码: 'XL' })).toBe('浅灰 / XL')
    expect(formatSpecs({ 尺码: 'XL', 颜色: '浅灰' })).toBe('XL / 浅灰')
  })

  it('follows the spec group order when given, unknown names last', () => {
    expect(formatSpecs({ 尺码: 'XL', 颜色: '浅灰' }, ['颜色', '尺码'])).toBe('浅灰 / XL')
    expect(formatSpecs({ 款式: '短袖', 尺码: 'XL', 颜色: '浅灰' }, ['颜色', '尺码', '材质'])).toBe('浅灰 / XL / 短袖')
  })

  it('gives an empty text for no specs and skips empty values', () => {
    expect(formatSpecs({})).toBe('')
    expect(formatSpecs({ 颜色: '', 尺码: 'M' })).toBe('M')
  })
})

describe('checkSkuSpecs (the catalog editor)', () => {
  const groups = [
    { name: '颜色', values: ['白', '黑'] },
    { name: '尺码', values: ['M', 'L'] },
  ]

  it('accepts one value of every group per SKU, in any key order', () => {
    expect(checkSkuSpecs(groups, [{ specs: { 颜色: '白', 尺码: 'M' } }, { specs: { 尺码: 'L', 颜色: '黑' } }])).toBeNull()
    expect(checkSkuSpecs([], [{ specs: {} }])).toBeNull()
  })

  it('names the field of the first problem', () => {
    expect(checkSkuSpecs(groups, [{ specs: { 颜色: '白' } }])).toEqual({ field: 'skus.0.specs', message: '请选择「尺码」' })
    expect(checkSkuSpecs(groups, [{ specs: { 颜色: '红', 尺码: 'M' } }])?.message).toBe('「颜色」没有「红」这个值')
    expect(checkSkuSpecs(groups, [{ specs: { 颜色: '白', 尺码: 'M', 款式: 'A' } }])?.message).toBe('没有名为「款式」的规格')
    expect(checkSkuSpecs(groups, [{ specs: { 颜色: '白', 尺码: 'M' } }, { specs: { 尺码: 'M', 颜色: '白' } }])).toEqual({ field: 'skus.1.specs', message: '规格组合「白 / M」重复' })
    expect(checkSkuSpecs([groups[0], { name: '颜色', values: ['x'] }], [])?.field).toBe('specs.1.name')
    expect(checkSkuSpecs([{ name: '颜色', values: ['白', '白'] }], [])?.field).toBe('specs.0.values.1')
    expect(checkSkuSpecs(groups, [])?.field).toBe('skus')
    expect(checkSkuSpecs([], [{ specs: {} }, { specs: {} }])?.message).toBe('没有规格的商品只能有一个 SKU')
  })

  it('orders a SKU\'s specs by the groups', () => {
    expect(Object.keys(orderedSpecs(groups, { 尺码: 'M', 颜色: '白' }))).toEqual(['颜色', '尺码'])
  })
})
