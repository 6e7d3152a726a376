import { useEffect, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Countdown from '@/components/countdown'
import DealSkuSheet from '@/components/group/deal-sku-sheet'
import { dealLabel, seatsLeftText } from '@/components/group/text'
import type { ProductDetail, Sku } from '@/domain/contract'
import type { GroupDealView, OpenGroupView } from '@/domain/groups'
import { fetchGroupDeals, fetchOpenGroups } from '@/services/groups'
import './index.scss'

/** What the SKU sheet was opened for: a new group of a deal, or a seat in an open group. */
type Intent = { deal: GroupDealView; groupId: number | null }

/** The shopper's choice: start a group of the deal, or join an open group, with a SKU (route.groupBuy's query). */
export type GroupChoice = { promotionId: number; skuId: number } | { groupId: number; skuId: number }

/**
 * The product page's group buying (拼团): each live deal's size and group price with 发起拼团,
 * and the open groups to join (去参团). Both choose a SKU of the deal; the page then opens the
 * group-buy page with `onChoose`'s choice. Nothing shows when the product has no live deal (or the deals can't be read:
 * the product page works without them).
 */
export default function GroupDealSection({ product, onChoose }: { product: ProductDetail; onChoose: (choice: GroupChoice) => void }) {
  const [deals, setDeals] = useState<GroupDealView[]>([])
  const [groups, setGroups] = useState<OpenGroupView[]>([])
  const [intent, setIntent] = useState<Intent | null>(null)
  const [sheetOpen, setSheetOpen] = useState(false)

  const load = () => {
    fetchGroupDeals(product.id).then(setDeals, () => setDeals([]))
    fetchOpenGroups(product.id).then(setGroups, () => setGroups([]))
  }
  useEffect(load, [product.id])

  if (!deals.length) return null
  const open = (deal: GroupDealView, groupId: number | null) => {
    setIntent({ deal, groupId })
    setSheetOpen(true)
  }
  const choose = (sku: Sku) => {
    setSheetOpen(false)
    if (!intent) return
    onChoose(intent.groupId === null ? { promotionId: intent.deal.promotionId, skuId: sku.id } : { groupId: intent.groupId, skuId: sku.id })
  }
  const joinable = groups.filter((g) => g.seatsLeft > 0 && deals.some((d) => d.promotionId === g.promotionId))

  return (
    <View className="group-deals">
      {deals.map((deal) => (
        <View key={deal.promotionId} className="group-deals__deal">
          <Text className="group-deals__badge">{dealLabel(deal.size, deal.price)}</Text>
          <Text className="group-deals__hint">{`${deal.hours} 小时内凑齐 ${deal.size} 人即成团`}</Text>
          <View className="group-deals__start" onClick={() => open(deal, null)}>
            发起拼团
          </View>
        </View>
      ))}
      {joinable.length ? <Text className="group-deals__title">这些人正在拼团，可直接参与</Text> : null}
      {joinable.map((g) => (
        <View key={g.id} className="open-group">
          {g.leader.avatar ? <Image className="open-group__avatar" src={g.leader.avatar} /> : <View className="open-group__avatar" />}
          <Text className="open-group__leader">{g.leader.nickname}</Text>
          <View className="open-group__info">
            <Text className="open-group__seats">{seatsLeftText(g.seatsLeft)}</Text>
            <Countdown endsAt={Date.parse(g.expiresAt)} prefix="剩余" onEnd={load} />
          </View>
          <View className="open-group__join" onClick={() => open(deals.find((d) => d.promotionId === g.promotionId)!, g.id)}>
            去参团
          </View>
        </View>
      ))}
      {intent ? <DealSkuSheet open={sheetOpen} product={product} deal={intent.deal} onClose={() => setSheetOpen(false)} onChoose={choose} /> : null}
    </View>
  )
}
