import { useState } from 'react'
import type { ProductDetail, Sku } from '@/domain/contract'
import { clampQuantity, findSku, missingSpecs, toggleSpec, type SpecChoice } from '@/domain/sku'

/** The sheet's state: chosen spec values and quantity, always kept inside the chosen SKU's stock. */
export function useSkuChoice(product: ProductDetail) {
  // A product with exactly one SKU is chosen from the start: nothing to pick.
  const [choice, setChoice] = useState<SpecChoice>(() => (product.skus.length === 1 ? { ...product.skus[0].specs } : {}))
  const [wanted, setWanted] = useState(1)
  const sku: Sku | undefined = findSku(product.skus, product.specGroups, choice)
  const stock = sku ? sku.stock : product.stock
  const quantity = Math.max(1, clampQuantity(wanted, stock))
  return {
    choice,
    sku,
    stock,
    quantity,
    missing: missingSpecs(product.specGroups, choice),
    toggle: (name: string, value: string) => setChoice((c) => toggleSpec(c, name, value)),
    setQuantity: (n: number) => setWanted(clampQuantity(n, stock)),
  }
}
