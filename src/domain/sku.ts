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
