import { useMemo } from 'react'
import SkuSheet from '@/components/sku-sheet'
import type { ProductDetail, Sku } from '@/domain/contract'
import type { GroupDealView } from '@/domain/groups'
import { dealProduct } from './deal-product'

interface DealSkuSheetProps {
  open: boolean
  product: ProductDetail
  deal: GroupDealView
  onClose: () => void
  /** A SKU of the deal (a group order is one piece: the quantity is not asked). */
  onChoose: (sku: Sku) => void
}

/** The SKU sheet over the deal's SKUs at their group prices: what 发起拼团 and 去参团 open. */
export default function DealSkuSheet({ open, product, deal, onClose, onChoose }: DealSkuSheetProps) {
  const sold = useMemo(() => dealProduct(product, deal), [product, deal])
  return <SkuSheet key={`deal-${deal.promotionId}`} open={open} product={sold} mode="choose" onClose={onClose} onConfirm={(sku) => onChoose(sku)} />
}
