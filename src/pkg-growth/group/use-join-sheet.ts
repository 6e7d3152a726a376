import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { ProductDetail, Sku } from '@/domain/contract'
import type { GroupDealView, GroupView } from '@/domain/groups'
import { route } from '@/routes'
import { getProduct } from '@/services/catalog'
import { fetchGroupDeals } from '@/services/groups'
import { errorMessage } from '@/services/http'
import { currentToken } from '@/store/session'

/**
 * 我也要参团: log in first (and come back to this group), then choose a SKU of the group's deal
 * and confirm on the group-buy page. The product and the deal are read on the tap only: a
 * shopper who just looks costs nothing.
 */
export function useJoinSheet(group: GroupView | null) {
  const [sheet, setSheet] = useState<{ product: ProductDetail; deal: GroupDealView } | null>(null)
  const [open, setOpen] = useState(false)

  const start = async () => {
    if (!group) return
    if (!currentToken()) {
      void Taro.redirectTo({ url: route.login(route.group(group.id)) })
      return
    }
    try {
      const [product, deals] = await Promise.all([getProduct(group.productId), fetchGroupDeals(group.productId)])
      const deal = deals.find((d) => d.promotionId === group.promotionId)
      if (!deal) throw new Error('deal ended')
      setSheet({ product, deal })
      setOpen(true)
    } catch (err) {
      void Taro.showToast({ title: err instanceof Error && err.message === 'deal ended' ? '拼团活动已结束' : errorMessage(err), icon: 'none' })
    }
  }

  const choose = (sku: Sku) => {
    setOpen(false)
    if (group) void Taro.navigateTo({ url: route.groupBuy({ groupId: group.id, skuId: sku.id }) })
  }

  return { sheet, open, start, choose, close: () => setOpen(false) }
}
