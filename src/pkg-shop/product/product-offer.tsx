import { Text, View } from '@tarojs/components'
import Countdown from '@/components/countdown'
import PriceTag from '@/components/price-tag'
import PromoTags from '@/components/promo-tags'
import { displayPrice } from '@/components/product-card/display-price'
import type { ProductDetail } from '@/domain/contract'
import { formatFen } from '@/domain/money'

interface ProductOfferProps {
  product: ProductDetail
  /** The countdown reached the offer's end: the page reads the product again. */
  onOfferEnd: () => void
  /** The member price line leads to the light membership. */
  onMember?: () => void
}

/**
 * The product's price as the server offers it now: a live limited-time offer is a red band
 * (offer price, the regular price crossed out, a countdown, its limit and own stock); then
 * the member price and the promotion labels. Every number comes from `product.offer`.
 */
export default function ProductOffer({ product, onOfferEnd, onMember }: ProductOfferProps) {
  const offer = product.offer
  const limited = offer?.limited ?? null
  const shown = displayPrice(product)
  const offerStock = limited ? limited.skus.reduce((n, s) => n + s.stockLeft, 0) : 0
  return (
    <>
      {limited ? (
        <View className="product-offer">
          <View className="product-offer__main">
            <Text className="product-offer__name">{limited.name || '限时特惠'}</Text>
            <PriceTag fen={shown.fen} original={shown.crossed} size="lg" />
          </View>
          <View className="product-offer__side">
            <Countdown endsAt={limited.endsAt} onEnd={onOfferEnd} />
            <View className="product-offer__notes">
              {limited.perUserLimit !== null ? <Text className="product-offer__note">{`限购 ${limited.perUserLimit} 件`}</Text> : null}
              <Text className="product-offer__note">{offerStock > 0 ? `仅剩 ${offerStock} 件特价` : '特价已抢光'}</Text>
            </View>
          </View>
        </View>
      ) : null}
      <View className="product-summary__price">
        {limited ? <View /> : <PriceTag fen={shown.fen} original={shown.crossed} size="lg" />}
        <Text className="product-summary__sales">已售 {product.sales}</Text>
      </View>
      {offer?.memberPrice != null ? (
        <View className="product-member-line" onClick={onMember}>
          <View className="product-member">
            <Text className="product-member__badge">会员价</Text>
            <Text className="product-member__price">{formatFen(offer.memberPrice)}</Text>
          </View>
          {onMember ? <Text className="product-member__join">轻会员 0 元开通 ›</Text> : null}
        </View>
      ) : null}
      <PromoTags className="product-summary__tags" labels={offer?.labels ?? []} />
    </>
  )
}
