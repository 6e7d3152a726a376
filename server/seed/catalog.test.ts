import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { catalog } from './catalog'
import type { SeedCatalog } from './types'

const IMAGES = path.join(__dirname, 'images')
const TABS = path.join(__dirname, '../../src/assets/tab')

/** Everything wrong with a seed catalog, given the image files that exist. Empty = valid. */
function catalogProblems(data: SeedCatalog, files: Set<string>): string[] {
  const problems: string[] = []
  const need = (file: string, what: string): void => {
    if (!files.has(file)) problems.push(`${what}: missing image ${file}`)
  }
  const categoryKeys = new Set<string>()
  for (const c of data.categories) {
    if (categoryKeys.has(c.key)) problems.push(`category ${c.key}: duplicate key`)
    categoryKeys.add(c.key)
    need(c.icon, `category ${c.key}`)
  }
  const productKeys = new Set<string>()
  for (const p of data.products) {
    const at = `product ${p.key}`
    if (productKeys.has(p.key)) problems.push(`${at}: duplicate key`)
    productKeys.add(p.key)
    if (!categoryKeys.has(p.categoryKey)) problems.push(`${at}: unknown category ${p.categoryKey}`)
    if (p.images.length < 3) problems.push(`${at}: ${p.images.length} images, needs 3`)
    p.images.forEach((img) => need(img, at))
    if (!p.title.trim() || !p.subtitle.trim() || !p.description.trim()) problems.push(`${at}: empty text`)
    if (p.skus.length === 0) problems.push(`${at}: no SKUs`)
    if (!Number.isInteger(p.sales) || p.sales < 0) problems.push(`${at}: bad sales ${p.sales}`)
    if (!Number.isInteger(p.listedDaysAgo) || p.listedDaysAgo < 0) problems.push(`${at}: bad listedDaysAgo`)
    const groupNames = p.specGroups.map((g) => g.name)
    if (new Set(groupNames).size !== groupNames.length) problems.push(`${at}: duplicate spec group`)
    for (const g of p.specGroups) {
      if (g.values.length === 0 || new Set(g.values).size !== g.values.length) {
        problems.push(`${at}: spec group ${g.name} empty or with duplicate values`)
      }
    }
    const combos = new Set<string>()
    for (const sku of p.skus) {
      const names = Object.keys(sku.specs)
      const label = `${at} SKU ${JSON.stringify(sku.specs)}`
      if (names.length !== groupNames.length || !groupNames.every((n) => names.includes(n))) {
        problems.push(`${label}: specs must name exactly ${groupNames.join(', ')}`)
      }
      for (const g of p.specGroups) {
        if (!g.values.includes(sku.specs[g.name])) problems.push(`${label}: ${g.name} value not in its group`)
      }
      const combo = groupNames.map((n) => sku.specs[n]).join('/')
      if (combos.has(combo)) problems.push(`${label}: duplicate combination`)
      combos.add(combo)
      if (!Number.isSafeInteger(sku.price) || sku.price <= 0) problems.push(`${label}: price ${sku.price} not a positive integer`)
      if (!Number.isSafeInteger(sku.stock) || sku.stock < 0) problems.push(`${label}: stock ${sku.stock} not a non-negative integer`)
      if (sku.image) need(sku.image, label)
    }
    if (p.originalPrice !== undefined) {
      const top = Math.max(...p.skus.map((s) => s.price))
      if (!Number.isSafeInteger(p.originalPrice) || p.originalPrice <= top) {
        problems.push(`${at}: originalPrice ${p.originalPrice} must be an integer above every SKU price`)
      }
    }
  }
  for (const b of data.banners) {
    need(b.image, `banner ${b.title}`)
    if (b.productKey && !productKeys.has(b.productKey)) problems.push(`banner ${b.title}: unknown product ${b.productKey}`)
  }
  return problems
}

const files = new Set(readdirSync(IMAGES))
const clone = (): SeedCatalog => structuredClone(catalog)

function jpegSize(buf: Buffer): { width: number; height: number } | null {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) return null
  let i = 2
  while (i + 9 < buf.length) {
    const marker = buf[i + 1]
    if (marker >= 0xc0 && marker <= 0xc2) return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) }
    i += 2 + buf.readUInt16BE(i + 2)
  }
  return null
}

function pngSize(buf: Buffer): { width: number; height: number } | null {
  if (buf.readUInt32BE(0) !== 0x89504e47) return null
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
}

describe('seed catalog', () => {
  it('is consistent: images exist, SKUs match spec groups, prices are positive integer fen', () => {
    expect(catalogProblems(catalog, files)).toEqual([])
  })

  it('is a realistic shop: enough categories, products, sold-out specs and both sides of the 99-yuan line', () => {
    const skus = catalog.products.flatMap((p) => p.skus)
    expect(catalog.categories.length).toBeGreaterThanOrEqual(6)
    expect(catalog.products.length).toBeGreaterThanOrEqual(36)
    for (const c of catalog.categories) {
      expect(catalog.products.filter((p) => p.categoryKey === c.key).length, c.key).toBeGreaterThanOrEqual(3)
    }
    expect(skus.filter((s) => s.stock === 0).length).toBeGreaterThanOrEqual(3)
    expect(skus.some((s) => s.stock > 0 && s.stock < 5)).toBe(true)
    expect(catalog.products.some((p) => p.skus.every((s) => s.stock === 0))).toBe(true)
    expect(catalog.products.some((p) => p.skus.every((s) => s.price < 9900))).toBe(true)
    expect(catalog.products.some((p) => p.skus.every((s) => s.price >= 9900))).toBe(true)
    expect(catalog.banners.length).toBeGreaterThanOrEqual(3)
  })

  it('has no image files that nothing refers to', () => {
    const used = new Set([
      ...catalog.categories.map((c) => c.icon),
      ...catalog.banners.map((b) => b.image),
      ...catalog.products.flatMap((p) => [...p.images, ...p.skus.flatMap((s) => (s.image ? [s.image] : []))]),
    ])
    expect([...files].filter((f) => !used.has(f))).toEqual([])
  })

  it('has images of the promised formats, sizes and byte budgets', () => {
    let total = 0
    for (const file of files) {
      const buf = readFileSync(path.join(IMAGES, file))
      total += buf.length
      if (file.startsWith('cat-')) {
        expect(pngSize(buf), file).toEqual({ width: 96, height: 96 })
      } else if (file.startsWith('banner-')) {
        expect(jpegSize(buf), file).toEqual({ width: 750, height: 300 })
      } else {
        expect(jpegSize(buf), file).toEqual({ width: 600, height: 600 })
        expect(buf.length, file).toBeLessThan(36 * 1024)
      }
    }
    expect(total).toBeLessThan(5 * 1024 * 1024)
  })

  it('has the tab bar icons: 81x81 PNG under 8 KB, normal and active', () => {
    for (const tab of ['home', 'category', 'cart', 'me']) {
      for (const name of [`${tab}.png`, `${tab}-active.png`]) {
        const buf = readFileSync(path.join(TABS, name))
        expect(pngSize(buf), name).toEqual({ width: 81, height: 81 })
        expect(buf.length, name).toBeLessThan(8 * 1024)
      }
    }
  })
})

describe('catalog check catches broken data', () => {
  it('reports a missing image', () => {
    const data = clone()
    data.products[0].images[1] = 'nope-2.jpg'
    expect(catalogProblems(data, files)).toEqual([`product ${data.products[0].key}: missing image nope-2.jpg`])
  })

  it('reports a product with fewer than 3 images', () => {
    const data = clone()
    data.products[2].images.pop()
    expect(catalogProblems(data, files)).toEqual([`product ${data.products[2].key}: 2 images, needs 3`])
  })

  it('reports a SKU naming an unknown spec group or value', () => {
    const data = clone()
    const sku = data.products[0].skus[0]
    sku.specs = { ...sku.specs, 材质: '棉' }
    data.products[1].skus[0].specs['颜色'] = '紫色'
    const problems = catalogProblems(data, files)
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/specs must name exactly/)
    expect(problems[1]).toMatch(/颜色 value not in its group/)
  })

  it('reports a SKU missing a spec group and duplicate combinations', () => {
    const data = clone()
    const p = data.products[0]
    delete p.skus[0].specs[p.specGroups[1].name]
    p.skus[2] = structuredClone(p.skus[1])
    const problems = catalogProblems(data, files)
    expect(problems.some((m) => /specs must name exactly/.test(m))).toBe(true)
    expect(problems.some((m) => /duplicate combination/.test(m))).toBe(true)
  })

  it.each([0, -100, 59.9, Number.NaN])('reports price %s', (price) => {
    const data = clone()
    data.products[3].skus[4].price = price
    const problems = catalogProblems(data, files)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/not a positive integer/)
  })

  it('reports negative stock, unknown category and a banner to nowhere', () => {
    const data = clone()
    data.products[5].skus[0].stock = -1
    data.products[6].categoryKey = 'toys'
    data.banners[0].productKey = 'ghost'
    const problems = catalogProblems(data, files)
    expect(problems).toHaveLength(3)
  })

  it('reports an original price that is not above the selling price', () => {
    const data = clone()
    const p = data.products.find((x) => x.originalPrice !== undefined)!
    p.originalPrice = Math.max(...p.skus.map((s) => s.price))
    expect(catalogProblems(data, files)).toHaveLength(1)
  })
})
