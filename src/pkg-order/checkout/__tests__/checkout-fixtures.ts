import type { Address, LineInput, PricePreview } from '@/domain/contract'

/** The shopper's default address in the checkout tests. */
export const HOME: Address = { id: 3, name: '张三', phone: '13800138000', region: ['浙江省', '杭州市', '西湖区'], detail: '西溪路 556 号', isDefault: true }

/** The server's price for these lines: T-shirts at 19.90, no shipping, no discount. */
export function plainPreview(items: LineInput[]): PricePreview {
  const lines = items.map((i) => ({ skuId: i.skuId, productId: 1, title: '纯棉T恤', image: 'http://x/a.jpg', specs: {}, unitPrice: 1990, quantity: i.quantity, lineTotal: 1990 * i.quantity, stock: 9, discount: 0, payable: 1990 * i.quantity, labels: [] }))
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  const itemCount = items.reduce((n, i) => n + i.quantity, 0)
  return { lines, itemCount, subtotal, shipping: 0, discount: 0, total: subtotal, freeShippingGap: 0, applied: [], coupons: [], selectedCouponIds: [], nudges: [] }
}
