import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Address, Cart, Coupon, CouponCenterEntry, Order, Paged, PaymentState, PricePreview, ProductDetail, Session } from '../../src/domain/contract'
import { formatFen } from '../../src/domain/money'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { hasClass, launchMini, textOf, type MiniHost, type MiniNode, type PayAnswer } from '../helpers/mini-runtime'
import { breakdownRows, countdownMs, couponBatches, limitedOffer, nudgeTexts, shopCoupon, squash, tierCrossing, type TierCrossing } from '../helpers/promotions'
import { startTestServer, type TestServer } from '../helpers/server'

// Promotions in the compiled mini-programs, against the real server and its demo promotions:
// a coupon claimed in the coupon centre shows in my coupons; a cart one unit short of the 满减
// tier nudges, and the stepper's + crosses it; the cart, checkout (with the best coupon chosen)
// and the paid order show the same breakdown rows, each equal to what the server answers for
// that page. A limited-time SKU's product page shows the offer price and a running countdown.

const LOGIN = 'pkg-account/login/index'
const CENTER = 'pkg-shop/coupon-center/index'
const MY_COUPONS = 'pkg-account/coupons/index'
const CART = 'pages/cart/index'
const CHECKOUT = 'pkg-order/checkout/index'
const PAY_RESULT = 'pkg-order/pay-result/index'
const ORDER_DETAIL = 'pkg-order/order-detail/index'
const PRODUCT = 'pkg-shop/product/index'

async function loginThroughTheApp(host: MiniHost): Promise<string> {
  await host.goto(LOGIN)
  await host.tap(await host.waitForClass('login-button'))
  const raw = await host.waitFor(() => host.storage.get('duet-session'), 'a session in storage')
  return (JSON.parse(String(raw)) as { state: Session }).state.token
}

/** The platform's side after the shopper paid: the trade settles and its signed notify reaches the server over HTTP. */
async function platformNotifies(server: TestServer, token: string, target: MiniTarget, orderId: number): Promise<void> {
  const state = await server.get<PaymentState>(`/api/orders/${orderId}/payment`, token)
  const out = state.payment!.outTradeNo
  const sandbox = server.app.payments.providers.sandbox!
  sandbox.settle(out)
  const n = target === 'weapp' ? sandbox.wechatNotify(out) : sandbox.alipayNotify(out)
  const res = await fetch(`${server.url}/api/payments/notify/${target === 'weapp' ? 'wechat' : 'alipay'}`, { method: 'POST', headers: n.headers as Record<string, string>, body: n.body })
  expect(res.status).toBeLessThan(300)
}

function descendants(node: MiniNode): MiniNode[] {
  return [node, ...(node.cn ?? []).flatMap(descendants)]
}
const within = (node: MiniNode, cls: string) => descendants(node).find((n) => hasClass(n, cls))

/** The rows of the page's price breakdown, as text without whitespace. */
const shownRows = (host: MiniHost) => host.findByClass('price-breakdown__row').map((n) => squash(textOf(n)))
const shownNudges = (host: MiniHost) => host.findByClass('price-breakdown__nudge').map((n) => squash(textOf(n)))

/** Waits until the page shows exactly these rows (the page renders the answer a moment after it arrives). */
async function seesRows(host: MiniHost, want: string[], what: string) {
  const want2 = want.map(squash)
  await host.waitFor(() => JSON.stringify(shownRows(host)) === JSON.stringify(want2), `${what}: ${want2.join(' | ')} (shown: ${shownRows(host).join(' | ')})`)
}

describe.each(['weapp', 'alipay'] as const)('promotions on dist/%s', (target: MiniTarget) => {
  let server: TestServer
  let host: MiniHost
  let token: string
  let crossing: TierCrossing
  let cartPreview: PricePreview
  let checkoutPreview: PricePreview
  let heldCoupon: Coupon

  beforeAll(async () => {
    requireDist(target)
    server = await startTestServer({ platformLogin: true })
    host = await launchMini(target, { serverUrl: server.url })
    token = await loginThroughTheApp(host)
    await server.post<Address>('/api/addresses', { name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, token)
    crossing = await tierCrossing(server, token)
  })
  afterAll(async () => {
    await server?.close()
  })

  it('the coupon centre claims a whole-shop coupon with 立即领取, and 我的优惠券 lists it as 去使用', async () => {
    const tier = crossing.promotion.tiers[0]
    const batch = await shopCoupon(server, token, tier.threshold - tier.off)
    await host.goto(CENTER)
    const card = await host.waitFor(() => host.findByClass('coupon-card').find((n) => textOf(n).includes(batch.title) && textOf(n).includes('立即领取')), `the ${batch.title} card with 立即领取`)
    await host.tap(within(card, 'coupon-card__action--claim')!)
    await host.waitFor(() => host.findByClass('coupon-card').find((n) => textOf(n).includes(batch.title) && textOf(n).includes('已领取')), `${batch.title} shown as 已领取`)
    expect(host.requests.filter((r) => r.method === 'POST' && r.url === `/api/coupons/center/${batch.batchId}/claim`).map((r) => r.status)).toEqual([201])

    const mine = await server.get<Paged<Coupon>>('/api/coupons?status=usable', token)
    expect(mine.items.map((c) => c.batchId)).toEqual([batch.batchId])
    heldCoupon = mine.items[0]

    await host.goto(MY_COUPONS)
    const held = await host.waitForClass('coupon-card', batch.title)
    expect(textOf(held)).toContain('去使用')
    expect(host.findByClass('coupon-card')).toHaveLength(1)
  })

  it('a cart one unit short of the 满减 shows the nudge; + crosses the tier and the cart shows the server\'s breakdown rows', async () => {
    const { product, sku, below, at, promotion } = crossing
    await server.post('/api/cart/lines', { skuId: sku.id, quantity: below }, token)
    await host.switchTab(CART)
    const line = () => host.findByClass('cart-line').find((n) => textOf(n).includes(product.title))
    await host.waitFor(line, `the cart line of ${product.title}`)

    const short = (await server.get<Cart>('/api/cart', token)).preview
    expect(short.applied.some((a) => a.id === promotion.id && a.source === 'promotion'), 'no 满减 below the tier').toBe(false)
    await seesRows(host, breakdownRows(short, short.applied, '合计'), 'the rows below the tier')
    await host.waitFor(() => JSON.stringify(shownNudges(host)) === JSON.stringify(nudgeTexts(short.nudges).map(squash)), `the nudges ${nudgeTexts(short.nudges).join(' | ')}`)
    expect(short.nudges.some((n) => n.promotionId === promotion.id)).toBe(true)

    // The stepper is disabled while the cart is busy (a refresh after the tab switch or the coupon
    // claim): a tap then does nothing, as for a shopper. Tap once it is enabled.
    const plus = await host.waitFor(() => {
      const p = line() && within(line()!, 'quantity-stepper__plus')
      return p && !hasClass(p, 'is-disabled') ? p : undefined
    }, 'an enabled + on the cart line')
    await host.tap(plus)
    await host.waitFor(() => host.requests.some((r) => r.method === 'PATCH' && r.url.startsWith('/api/cart/lines/') && (r.body as { quantity?: number })?.quantity === at && r.status === 200), `PATCH quantity ${at}`)
    cartPreview = (await server.get<Cart>('/api/cart', token)).preview
    const reduction = cartPreview.applied.find((a) => a.source === 'promotion' && a.id === promotion.id)
    expect(reduction?.amount, `${promotion.name} takes its first tier off`).toBe(promotion.tiers[0].off)
    await seesRows(host, breakdownRows(cartPreview, cartPreview.applied, '合计'), 'the cart rows across the tier')
    expect(shownRows(host).some((r) => r.startsWith(reduction!.label))).toBe(true)
    expect(cartPreview.lines.map((l) => [l.skuId, l.quantity])).toEqual([[sku.id, at]])
    // The line's own share and the bar's total are the server's too.
    expect(squash(textOf(line()!))).toContain(`优惠-${formatFen(cartPreview.lines[0].discount)}`)
    expect(squash(textOf(host.findByClass('cart-total')[0]))).toBe(formatFen(cartPreview.total))
  })

  it('checkout shows the 优惠券 row with the best coupon chosen and the same breakdown as the cart and the server\'s preview; in the coupon sheet, none and then the coupon move the rows to the server\'s numbers', async () => {
    await host.tap(await host.waitForClass('checkout-button'))
    await host.waitFor(() => host.current.route === CHECKOUT, 'the checkout page')
    await host.waitFor(() => host.findByClass('submit-order').find((n) => !hasClass(n, 'is-disabled')), 'an enabled 提交订单')

    // The engine's best choice, asked independently of the app: the coupon claimed above.
    checkoutPreview = await server.post<PricePreview>('/api/orders/preview', { items: [{ skuId: crossing.sku.id, quantity: crossing.at }] }, token)
    expect(checkoutPreview.selectedCouponIds).toEqual([heldCoupon.id])
    const couponRow = checkoutPreview.applied.find((a) => a.source === 'coupon')!
    expect(couponRow.id).toBe(heldCoupon.id)
    await host.waitFor(() => host.findByClass('checkout-coupon-row').some((n) => squash(textOf(n)) === `优惠券-${formatFen(couponRow.amount)}›`), `the coupon row -${formatFen(couponRow.amount)}`)

    const rows = breakdownRows(checkoutPreview, checkoutPreview.applied, '实付')
    await seesRows(host, rows, 'the checkout rows')
    // The cart showed the same prices under another total label.
    expect(rows.slice(0, -1)).toEqual(breakdownRows(cartPreview, cartPreview.applied, '合计').slice(0, -1))
    expect(checkoutPreview.total).toBe(cartPreview.total)
    // And the app priced with exactly that: its own preview request got the same answer.
    const appPreview = host.requests.filter((r) => r.method === 'POST' && r.url === '/api/orders/preview' && r.status === 200).at(-1)!.response as PricePreview
    expect(appPreview.applied).toEqual(checkoutPreview.applied)
    expect(appPreview.total).toBe(checkoutPreview.total)

    // The coupon sheet: none prices without it (the server's number), the coupon brings it back.
    const none = await server.post<PricePreview>('/api/orders/preview', { items: [{ skuId: crossing.sku.id, quantity: crossing.at }], couponIds: [] }, token)
    expect(none.total).toBeGreaterThan(checkoutPreview.total)
    await host.tap(host.findByClass('checkout-coupon-row')[0])
    await host.waitForClass('coupon-sheet', heldCoupon.title)
    await host.tap(await host.waitForClass('coupon-sheet__none'))
    await seesRows(host, breakdownRows(none, none.applied, '实付'), 'the rows without a coupon')
    await host.tap(host.findByClass('coupon-card').find((n) => textOf(n).includes(heldCoupon.title))!)
    await seesRows(host, rows, 'the rows with the coupon again')
    await host.tap(await host.waitForClass('coupon-sheet__done'))
    await host.waitFor(() => host.findByClass('coupon-sheet').length === 0, 'the sheet closed')
  })

  it('the order paid through the sandbox shows the same breakdown: GET /api/orders/:id\'s discounts, equal to the checkout preview', async () => {
    const paid: PayAnswer = target === 'weapp' ? { callback: 'success', res: { errMsg: 'requestPayment:ok' } } : { callback: 'success', res: { resultCode: '9000' } }
    host.payHandler = () => paid
    await host.tap(host.findByClass('submit-order')[0])
    await host.waitFor(() => host.current.route === PAY_RESULT, 'the pay result page')
    const created = host.requests.filter((r) => r.method === 'POST' && r.url === '/api/orders' && r.status === 201)
    expect(created).toHaveLength(1)
    expect((created[0].body as { couponIds: number[] }).couponIds).toEqual([heldCoupon.id])
    const orderId = (created[0].response as Order).id
    await platformNotifies(server, token, target, orderId)
    await host.waitFor(() => host.findByClass('pay-result__title').some((n) => textOf(n).includes('支付成功')), '支付成功')
    await host.tap(await host.waitForClass('pay-result__action--order'))
    await host.waitFor(() => host.current.route === ORDER_DETAIL && host.text().includes('待发货'), 'the paid order page')

    const order = await server.get<Order>(`/api/orders/${orderId}`, token)
    expect(order.status).toBe('paid')
    await seesRows(host, breakdownRows(order, order.discounts, '实付款'), 'the order rows')
    // What the order keeps is what checkout showed.
    expect(order.discounts).toEqual(checkoutPreview.applied)
    expect({ subtotal: order.subtotal, discount: order.discount, shipping: order.shipping, total: order.total }).toEqual({
      subtotal: checkoutPreview.subtotal,
      discount: checkoutPreview.discount,
      shipping: checkoutPreview.shipping,
      total: checkoutPreview.total,
    })
    expect(order.items.map((i) => [i.skuId, i.discount])).toEqual(checkoutPreview.lines.map((l) => [l.skuId, l.discount]))
    const item = host.findByClass('order-detail__item').find((n) => textOf(n).includes(crossing.product.title))!
    expect(squash(textOf(item))).toContain(`优惠-${formatFen(order.items[0].discount)}`)

    const used = await server.get<Paged<Coupon>>('/api/coupons?status=used', token)
    expect(used.items.map((c) => [c.id, c.orderId])).toEqual([[heldCoupon.id, orderId]])
  })

  it('a coupon on an unpaid order is back in 我的优惠券 once the shopper cancels the order from its page', async () => {
    // A batch scoped to some products (the seed's 家居 coupon): claimed, then used by an order on one of them.
    const batches = await couponBatches(server)
    const center = (await server.get<{ items: CouponCenterEntry[] }>('/api/coupons/center', token)).items
    const entry = center.find((e) => e.canClaim && batches.find((b) => b.id === e.batchId)?.scope.type === 'products')
    expect(entry, 'the coupon centre offers a product-scoped batch').toBeDefined()
    const scope = batches.find((b) => b.id === entry!.batchId)!.scope as { type: 'products'; productIds: number[] }
    const coupon = await server.post<Coupon>(`/api/coupons/center/${entry!.batchId}/claim`, {}, token)
    let skuId = 0
    for (const id of scope.productIds) {
      const p = await server.get<ProductDetail>(`/api/products/${id}`)
      const sku = p.skus.find((k) => k.stock > 0 && p.offer?.limited?.skus.every((o) => o.skuId !== k.id) !== false)
      if (sku) {
        skuId = sku.id
        break
      }
    }
    expect(skuId, 'an in-stock SKU the coupon applies to').toBeGreaterThan(0)
    const order = await server.post<Order>('/api/orders', { items: [{ skuId, quantity: 1 }], idempotencyKey: `bundle-promo-${target}-${process.pid}` }, token)
    expect(order.discounts.filter((d) => d.source === 'coupon').map((d) => d.id)).toEqual([coupon.id])
    expect((await server.get<Paged<Coupon>>('/api/coupons?status=usable', token)).items.map((c) => c.id)).not.toContain(coupon.id)

    await host.goto(`${ORDER_DETAIL}?id=${order.id}`)
    await seesRows(host, breakdownRows(order, order.discounts, '需付款'), 'the unpaid order rows')
    await host.tap(await host.waitForClass('order-actions__cancel', '取消订单'))
    await host.waitFor(() => host.findByClass('order-detail__status').some((n) => textOf(n) === '已取消'), 'the order shown as 已取消')
    const usable = await server.get<Paged<Coupon>>('/api/coupons?status=usable', token)
    expect(usable.items.find((c) => c.id === coupon.id)).toMatchObject({ status: 'usable', orderId: null })

    await host.goto(MY_COUPONS)
    const card = await host.waitForClass('coupon-card', coupon.title)
    expect(textOf(card)).toContain('去使用')
  })

  it('the product page of a limited-time SKU shows the offer price, the regular price crossed out and a countdown to the offer\'s end', async () => {
    const offer = await limitedOffer(server)
    const item = offer.items.find((i) => i.stockLeft > 0)!
    const { lines } = await server.post<PricePreview>('/api/pricing/preview', { items: [{ skuId: item.skuId, quantity: 1 }] })
    const detail = await server.get<ProductDetail>(`/api/products/${lines[0].productId}`)
    expect(detail.offer?.limited?.promotionId).toBe(offer.id)

    await host.goto(`${PRODUCT}?id=${detail.id}`)
    const band = await host.waitForClass('product-offer')
    const text = squash(textOf(band))
    expect(text).toContain(squash(detail.offer!.limited!.name))
    expect(text).toContain(formatFen(detail.offer!.price))
    expect(text).toContain(formatFen(detail.price))
    expect(detail.offer!.price).toBeLessThan(detail.price)

    // Looked up afresh each time: setData may replace the node, not just its text.
    const left = () => countdownMs(textOf(within(host.findByClass('product-offer')[0], 'countdown__time')!))
    const first = left()
    expect(Math.abs(first - (offer.endsAt - Date.now()))).toBeLessThan(3000)
    await host.waitFor(() => left() < first, 'the countdown ticking', 5000)
  })
})
