import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { PLAN_INTERVAL_LABEL, type PlanOffer } from '@/domain/plans'
import { findPlanOffer } from '@/services/plans'
import './index.scss'

/** The best discount on offer, for the entry's one line ("最高省 12%"). */
const bestOff = (offer: PlanOffer) => Math.max(0, ...offer.options.map((o) => o.percentOff))

/**
 * The product page's 周期购 entry. Asked after the page shows, so the product never waits for
 * it; a product without an offer (an empty list) or a failed call shows nothing.
 */
export default function PlanEntry({ productId, onOpen }: { productId: number; onOpen: () => void }) {
  const [offer, setOffer] = useState<PlanOffer | null>(null)
  useEffect(() => {
    let live = true
    findPlanOffer(productId).then(
      (o) => live && setOffer(o && o.enabled && o.options.length && o.intervals.length ? o : null),
      () => live && setOffer(null),
    )
    return () => {
      live = false
    }
  }, [productId])

  if (!offer) return null
  const off = bestOff(offer)
  return (
    <View className="plan-entry" onClick={onOpen}>
      <Text className="plan-entry__badge">周期购</Text>
      <Text className="plan-entry__text">{`${offer.intervals.map((i) => PLAN_INTERVAL_LABEL[i]).join(' / ')} 定期送达${off > 0 ? ` · 最高省 ${off}%` : ''}`}</Text>
      <Text className="plan-entry__arrow">›</Text>
    </View>
  )
}
