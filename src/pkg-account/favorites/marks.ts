import type { Favorite } from '@/domain/contract'
import { formatFen } from '@/domain/money'

export interface FavoriteMark {
  kind: 'gone' | 'sold-out' | 'price-drop'
  text: string
}

/** What a wish-list row says about the product now: gone beats sold out beats a price drop. */
export function marksOf(f: Favorite): FavoriteMark[] {
  if (!f.available || !f.product) return [{ kind: 'gone', text: '已下架' }]
  const marks: FavoriteMark[] = []
  if (f.soldOut) marks.push({ kind: 'sold-out', text: '已售罄' })
  if (f.priceDropped && f.priceDrop > 0) marks.push({ kind: 'price-drop', text: `比收藏时降 ${formatFen(f.priceDrop)}` })
  return marks
}
