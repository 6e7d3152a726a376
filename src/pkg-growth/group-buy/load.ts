import type { GroupChoice } from '@/components/group-deal-section'
import type { ProductDetail, Sku } from '@/domain/contract'
import type { GroupDealView, GroupView } from '@/domain/groups'
import { getProduct } from '@/services/catalog'
import { fetchGroup, fetchGroupDeals } from '@/services/groups'
import { ApiError } from '@/services/http'

/** The page query: start a group of a deal, or join a group; always with the SKU chosen on the product or group page. */
export type GroupBuyQuery = GroupChoice

const positive = (v: string | undefined) => {
  const n = Number(v)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

export function parseGroupBuyQuery(params: Record<string, string | undefined>): GroupBuyQuery | null {
  const skuId = positive(params.skuId)
  if (skuId === null) return null
  const groupId = positive(params.groupId)
  if (groupId !== null) return { groupId, skuId }
  const promotionId = positive(params.promotionId)
  return promotionId !== null ? { promotionId, skuId } : null
}

export interface GroupBuyLine {
  deal: GroupDealView
  /** The group being joined; null when starting one. */
  group: GroupView | null
  sku: Sku | null
  product: ProductDetail | null
  /** The chosen SKU's group price. */
  price: number
}

const gone = (message: string) => new ApiError(404, 'NOT_FOUND', message)

/** What the confirm page shows: the deal (live), the group joined, and the SKU at its group price. */
export async function loadGroupBuy(q: GroupBuyQuery): Promise<GroupBuyLine> {
  const group = 'groupId' in q ? await fetchGroup(q.groupId) : null
  const promotionId = group ? group.promotionId : (q as { promotionId: number }).promotionId
  const deals = await fetchGroupDeals(group?.productId)
  const deal = deals.find((d) => d.promotionId === promotionId)
  if (!deal) throw gone('拼团活动已结束')
  const dealSku = deal.skus.find((s) => s.skuId === q.skuId)
  if (!dealSku) throw gone('该规格不参加拼团')
  // The specs and picture of the SKU; without the product the deal's title and image still do.
  const product = await getProduct(deal.productId).catch(() => null)
  const sku = product?.skus.find((s) => s.id === q.skuId) ?? null
  return { deal, group, sku, product, price: dealSku.price }
}
