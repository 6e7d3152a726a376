import type { SpecGroup } from '../api/catalog'

/** One row of the SKU matrix as the form holds it: money as the yuan text the merchant typed. */
export interface SkuRow {
  id?: number
  specs: Record<string, string>
  price: string
  originalPrice: string
  stock?: number | null
  code: string
  /** Existing SKUs only: their stock moves through the stock route, not the form. */
  currentStock?: number
  archived?: boolean
}

export const specKey = (specs: Record<string, string>) => JSON.stringify(Object.entries(specs).sort(([a], [b]) => a.localeCompare(b)))

/** Every combination of the groups' values, in the groups' order ({} for a product without specs). */
export function combinations(groups: SpecGroup[]): Record<string, string>[] {
  const usable = groups.filter((g) => g.name?.trim() && g.values?.length)
  let out: Record<string, string>[] = [{}]
  for (const g of usable) {
    const name = g.name.trim()
    out = out.flatMap((combo) => g.values.map((v) => ({ ...combo, [name]: v })))
  }
  return out
}

/**
 * The matrix for the groups, keeping what was typed for combinations that still exist (and
 * their ids); a combination that disappears drops out (the server archives or deletes it).
 */
export function mergeMatrix(groups: SpecGroup[], previous: SkuRow[]): SkuRow[] {
  const byKey = new Map(previous.map((r) => [specKey(r.specs), r]))
  return combinations(groups).map((specs) => byKey.get(specKey(specs)) ?? { specs, price: '', originalPrice: '', stock: 0, code: '' })
}
