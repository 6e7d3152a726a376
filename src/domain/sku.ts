/**
 * SKU choice rules for the spec sheet: which spec values can still be picked given the
 * values already picked (a value is disabled when every SKU that has it is sold out or
 * does not exist), and which SKU a full choice names.
 */
export interface SpecGroup {
  name: string
  values: string[]
}

export interface SkuLike {
  id: number
  specs: Record<string, string>
  stock: number
}

export type SpecChoice = Record<string, string | undefined>

function matches(sku: SkuLike, choice: SpecChoice, ignore?: string): boolean {
  return Object.entries(choice).every(([name, value]) => name === ignore || value === undefined || sku.specs[name] === value)
}

/** True when some SKU in stock has this value together with the other values already chosen. */
export function isSpecValueAvailable(
  skus: readonly SkuLike[],
  choice: SpecChoice,
  name: string,
  value: string,
): boolean {
  return skus.some((s) => s.stock > 0 && s.specs[name] === value && matches(s, choice, name))
}

/** The SKU a complete choice names, or undefined while a group is still open. */
export function findSku<T extends SkuLike>(skus: readonly T[], groups: readonly SpecGroup[], choice: SpecChoice): T | undefined {
  if (groups.some((g) => choice[g.name] === undefined)) return undefined
  return skus.find((s) => groups.every((g) => s.specs[g.name] === choice[g.name]))
}

/** Picking a value again clears it; picking another value replaces it. */
export function toggleSpec(choice: SpecChoice, name: string, value: string): SpecChoice {
  return { ...choice, [name]: choice[name] === value ? undefined : value }
}

/** The groups still to choose, for the "请选择 颜色 尺码" hint. */
export function missingSpecs(groups: readonly SpecGroup[], choice: SpecChoice): string[] {
  return groups.filter((g) => choice[g.name] === undefined).map((g) => g.name)
}

/** Keeps a wanted quantity inside [1, min(stock, max)]; 0 stock gives 0. */
export function clampQuantity(wanted: number, stock: number, max = 99): number {
  const upper = Math.min(stock, max)
  if (upper < 1) return 0
  if (!Number.isFinite(wanted)) return 1
  return Math.min(Math.max(1, Math.floor(wanted)), upper)
}

/**
 * A line's specs as the shopper reads them: "浅灰 / XL". With `order` (the product's spec
 * group names) the values follow that order; names not in it keep their own order after
 * them. Empty values are left out so no dangling " / " shows.
 */
export function formatSpecs(specs: Readonly<Record<string, string>>, order?: readonly string[]): string {
  const names = Object.keys(specs)
  const sorted = order ? [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))] : names
  return sorted
    .map((n) => specs[n])
    .filter((v) => v !== '')
    .join(' / ')
}

/** A problem with a product's spec groups or SKUs, for the editor's form: where and what. */
export interface SpecProblem {
  /** 'specs.1.values.0', 'skus.2.specs', … */
  field: string
  message: string
}

/**
 * The editor's rule for a product's specs: group names and each group's values are unique
 * and non-empty; every SKU names exactly one value of every group (and nothing else); no two
 * SKUs name the same combination. A product without groups has exactly one SKU.
 */
export function checkSkuSpecs(groups: readonly SpecGroup[], skus: readonly { specs: Readonly<Record<string, string>> }[]): SpecProblem | null {
  const names = new Set<string>()
  for (const [gi, g] of groups.entries()) {
    if (!g.name) return { field: `specs.${gi}.name`, message: '规格名不能为空' }
    if (names.has(g.name)) return { field: `specs.${gi}.name`, message: `规格「${g.name}」重复` }
    names.add(g.name)
    if (g.values.length === 0) return { field: `specs.${gi}.values`, message: `规格「${g.name}」至少要有一个值` }
    const seen = new Set<string>()
    for (const [vi, v] of g.values.entries()) {
      if (!v) return { field: `specs.${gi}.values.${vi}`, message: '规格值不能为空' }
      if (seen.has(v)) return { field: `specs.${gi}.values.${vi}`, message: `规格「${g.name}」的值「${v}」重复` }
      seen.add(v)
    }
  }
  if (skus.length === 0) return { field: 'skus', message: '请至少添加一个 SKU' }
  if (groups.length === 0 && skus.length > 1) return { field: 'skus', message: '没有规格的商品只能有一个 SKU' }
  const combos = new Set<string>()
  for (const [si, s] of skus.entries()) {
    const field = `skus.${si}.specs`
    for (const key of Object.keys(s.specs)) if (!names.has(key)) return { field, message: `没有名为「${key}」的规格` }
    for (const g of groups) {
      const v = s.specs[g.name]
      if (v === undefined) return { field, message: `请选择「${g.name}」` }
      if (!g.values.includes(v)) return { field, message: `「${g.name}」没有「${v}」这个值` }
    }
    const combo = JSON.stringify(groups.map((g) => s.specs[g.name]))
    if (combos.has(combo)) return { field, message: `规格组合「${groups.map((g) => s.specs[g.name]).join(' / ')}」重复` }
    combos.add(combo)
  }
  return null
}

/** A SKU's specs in the groups' order (the json column keeps key order: "白色 / L", not "L / 白色"). */
export function orderedSpecs(groups: readonly SpecGroup[], specs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(groups.map((g) => [g.name, specs[g.name]]))
}
