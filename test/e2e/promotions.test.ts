import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Address, Cart, Coupon, CouponCenterEntry, Order, Paged, PricePreview, ProductDetail } from '../../src/domain/contract'
import { formatFen } from '../../src/domain/money'
import { ROOT } from '../helpers/dist'
import { useE2ePage } from '../helpers/e2e-page'
import { breakdownRows, countdownMs, limitedOffer, nudgeTexts, squash, tierCrossing, type TierCrossing } from '../helpers/promotions'

// Promotions in the H5 preview, in headless Chromium, on the server's demo promotions: a guest
// claiming in the coupon centre logs in and comes back to claim every batch; a product is added
// from its SKU sheet one unit short of the 满减 tier (the cart nudges) and the cart's + crosses
// it; checkout's coupon sheet lists the usable coupon with what it saves and the others with the
// server's reasons, choosing none and then the coupon moves the total to the server's number
// for that choice; paid at the sandbox cashier, the order shows the breakdown it was paid with.

// Pictures for looking at a run only: the README's promotions screenshots are the app's
// (docs/screenshots/*-promo.png, coupon-*.png), so UPDATE_SCREENSHOTS never sends these there.
const SHOTS = path.join(ROOT, 'test-results/screenshots/promotions')
const exact = (s: string) => new RegExp(`^\\s*${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)

describe('H5 promotions end to end', () => {
  const e2e = useE2ePage('promo', { shots: SHOTS })
  const { visible, shot, sessionToken, pageErrors } = e2e
  let token = ''
  let crossing: TierCrossing
  let best: PricePreview

  const rowsShown = async () => (await visible('.price-breakdown__row').allInnerTexts()).map(squash)
  const seesRows = (want: string[]) => expect.poll(rowsShown, { timeout: 15_000 }).toEqual(want.map(squash))
  const centerCard = (title: string) => visible('.coupon-card').filter({ hasText: title })

  it('a guest claiming in the coupon centre logs in, comes back and claims every batch; 我的优惠券 lists them', async () => {
    const offered = (await e2e.server.get<{ items: CouponCenterEntry[] }>('/api/coupons/center')).items
    expect(offered.length, 'the demo seed offers coupon batches').toBeGreaterThanOrEqual(2)
    await e2e.page.goto(`${e2e.server.url}/#/pkg-shop/coupon-center/index`)
    await expect.poll(() => visible('.coupon-card__title').allInnerTexts(), { timeout: 20_000 }).toEqual(offered.map((e) => e.title))

    await centerCard(offered[0].title).locator('.coupon-card__action--claim').click()
    const nickname = visible('.login-page__input input')
    await nickname.waitFor()
    await nickname.fill('领券测试')
    await expect.poll(() => nickname.inputValue()).toBe('领券测试')
    await visible('.login-button').click()
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('pkg-shop/coupon-center/index')
    token = await sessionToken()

    for (const e of offered) {
      await centerCard(e.title).locator('.coupon-card__action--claim').click()
      // Claimed: the server's count for this shopper goes up, and the card says so (已领取, or 已领 1/n 张).
      await expect.poll(async () => (await e2e.server.get<{ items: CouponCenterEntry[] }>('/api/coupons/center', token)).items.find((x) => x.batchId === e.batchId)!.claimed).toBe(1)
      await expect.poll(() => centerCard(e.title).innerText()).toMatch(/已领取|已领 1\//)
    }
    await shot('coupon-center')
    const mine = await e2e.server.get<Paged<Coupon>>('/api/coupons?status=usable', token)
    expect(mine.items.map((c) => c.batchId).sort()).toEqual(offered.map((e) => e.batchId).sort())

    await e2e.page.goto(`${e2e.server.url}/#/pages/me/index`)
    await visible('.me-row--coupons').click()
    await expect.poll(() => e2e.page.url()).toContain('pkg-account/coupons/index')
    await expect.poll(() => visible('.coupon-card__title').allInnerTexts(), { timeout: 20_000 }).toEqual(mine.items.map((c) => c.title))
    expect(pageErrors).toEqual([])
  })

  it('added from the SKU sheet one unit short of the 满减, the cart nudges; + crosses the tier and the cart shows the server\'s rows', async () => {
    crossing = await tierCrossing(e2e.server, token)
    const { product, sku, below, at, promotion } = crossing
    await e2e.server.post<Address>('/api/addresses', { name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, token)

    await e2e.page.goto(`${e2e.server.url}/#/pkg-shop/product/index?id=${product.id}`)
    await expect.poll(() => visible('.product-page').innerText(), { timeout: 20_000 }).toContain(product.title)
    await visible('.add-to-cart').click()
    for (const group of product.specGroups) {
      const value = visible('.sku-sheet__group').filter({ hasText: group.name }).locator('.sku-value').filter({ hasText: exact(sku.specs[group.name]) })
      await value.first().click()
      await expect.poll(() => value.first().getAttribute('class')).toContain('is-active')
    }
    for (let q = 1; q < below; q++) await visible('.sku-sheet__quantity .quantity-stepper__plus').click()
    await expect.poll(() => visible('.sku-sheet__quantity .quantity-stepper__value').innerText()).toBe(String(below))
    await visible('.sku-confirm').click()
    await expect.poll(() => visible('.sku-sheet--open').count()).toBe(0)
    await expect.poll(async () => (await e2e.server.get<Cart>('/api/cart', token)).lines.map((l) => [l.skuId, l.quantity])).toEqual([[sku.id, below]])

    await visible('.product-bar__cart').click()
    await expect.poll(() => e2e.page.url()).toContain('pages/cart/index')
    const short = (await e2e.server.get<Cart>('/api/cart', token)).preview
    expect(short.nudges.some((n) => n.promotionId === promotion.id)).toBe(true)
    await seesRows(breakdownRows(short, short.applied, '合计'))
    await expect.poll(async () => (await visible('.price-breakdown__nudge').allInnerTexts()).map(squash)).toEqual(nudgeTexts(short.nudges).map(squash))

    await visible('.cart-line').filter({ hasText: product.title }).locator('.quantity-stepper__plus').click()
    await expect.poll(async () => (await e2e.server.get<Cart>('/api/cart', token)).lines[0].quantity).toBe(at)
    const crossed = (await e2e.server.get<Cart>('/api/cart', token)).preview
    expect(crossed.applied.find((a) => a.source === 'promotion' && a.id === promotion.id)?.amount).toBe(promotion.tiers[0].off)
    await seesRows(breakdownRows(crossed, crossed.applied, '合计'))
    await expect.poll(async () => squash(await visible('.cart-total').first().innerText())).toBe(formatFen(crossed.total))
    await shot('cart-promotions')
    expect(pageErrors).toEqual([])
  })

  it('checkout: the best coupon is chosen; the sheet lists usable and unusable coupons with the server\'s reasons, and each choice moves the total to the server\'s number', async () => {
    const items = [{ skuId: crossing.sku.id, quantity: crossing.at }]
    best = await e2e.server.post<PricePreview>('/api/orders/preview', { items }, token)
    const none = await e2e.server.post<PricePreview>('/api/orders/preview', { items, couponIds: [] }, token)
    const usable = best.coupons.filter((c) => c.usable)
    const unusable = best.coupons.filter((c) => !c.usable)
    expect(best.selectedCouponIds.length).toBeGreaterThan(0)
    expect(usable.length, 'a coupon this order can use').toBeGreaterThan(0)
    expect(unusable.length, 'a coupon this order cannot use').toBeGreaterThan(0)
    expect(none.total).toBeGreaterThan(best.total)

    await visible('.checkout-button').click()
    await visible('.checkout-page').waitFor({ timeout: 20_000 })
    await expect.poll(() => visible('.submit-order').getAttribute('class'), { timeout: 15_000 }).not.toContain('is-disabled')
    await seesRows(breakdownRows(best, best.applied, '实付'))
    const couponOff = best.applied.filter((a) => a.source === 'coupon').reduce((n, a) => n + a.amount, 0)
    await expect.poll(async () => squash(await visible('.checkout-coupon-row__value').innerText())).toBe(`-${formatFen(couponOff)}`)

    await visible('.checkout-coupon-row').click()
    const sheet = visible('.coupon-sheet')
    await sheet.waitFor()
    await expect.poll(async () => (await sheet.locator('.coupon-sheet__group').allInnerTexts()).map(squash)).toEqual([`可用优惠券（${usable.length}）`, `不可用优惠券（${unusable.length}）`])
    for (const c of usable) {
      const card = sheet.locator('.coupon-card').filter({ hasText: c.title })
      await expect.poll(() => card.locator('.coupon-card__note').innerText()).toBe(`本单可减 ${formatFen(c.discount)}`)
      await expect.poll(() => card.locator('.coupon-radio').getAttribute('class')).toMatch(c.selected ? /is-checked/ : /^coupon-radio$/)
    }
    for (const c of unusable) {
      expect(c.reason, `${c.title} has a reason`).toBeTruthy()
      const card = sheet.locator('.coupon-card').filter({ hasText: c.title })
      await expect.poll(() => card.locator('.coupon-card__note').innerText()).toBe(c.reason)
      expect(await card.getAttribute('class')).toContain('coupon-card--dimmed')
    }
    await shot('coupon-sheet')

    // None: the total is the server's price without coupons.
    await sheet.locator('.coupon-sheet__none').click()
    await expect.poll(async () => squash(await visible('.checkout-bar').innerText())).toContain(`实付：${formatFen(none.total)}`)
    await seesRows(breakdownRows(none, none.applied, '实付'))
    // The best one again: back to the server's best price.
    const chosen = usable.find((c) => best.selectedCouponIds.includes(c.couponId))!
    await sheet.locator('.coupon-card').filter({ hasText: chosen.title }).click()
    await expect.poll(async () => squash(await visible('.checkout-bar').innerText())).toContain(`实付：${formatFen(best.total)}`)
    await visible('.coupon-sheet__done').click()
    await expect.poll(() => visible('.coupon-sheet').count()).toBe(0)
    await seesRows(breakdownRows(best, best.applied, '实付'))
    expect(pageErrors).toEqual([])
  })

  it('paid at the sandbox cashier, the order shows the breakdown it was paid with: GET /api/orders/:id\'s, equal to checkout\'s', async () => {
    await visible('.submit-order').click()
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('/api/payments/sandbox/cashier')
    await e2e.page.getByRole('button', { name: '确认支付' }).click()
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('pkg-order/pay-result')
    await expect.poll(() => visible('.pay-result__title').innerText(), { timeout: 20_000 }).toBe('支付成功')
    await visible('.pay-result__action--order').click()
    await expect.poll(() => visible('.order-detail__status').innerText(), { timeout: 15_000 }).toBe('待发货')

    const orders = await e2e.server.get<Paged<Order>>('/api/orders', token)
    expect(orders.items).toHaveLength(1)
    const order = await e2e.server.get<Order>(`/api/orders/${orders.items[0].id}`, token)
    expect(order.status).toBe('paid')
    expect(order.discounts).toEqual(best.applied)
    expect([order.subtotal, order.discount, order.shipping, order.total]).toEqual([best.subtotal, best.discount, best.shipping, best.total])
    await seesRows(breakdownRows(order, order.discounts, '实付款'))
    await shot('order-promotions')
    const used = await e2e.server.get<Paged<Coupon>>('/api/coupons?status=used', token)
    expect(used.items.map((c) => c.id).sort()).toEqual([...best.selectedCouponIds].sort())
    expect(pageErrors).toEqual([])
  })

  it('a limited-time SKU\'s product page shows the offer price over the crossed-out price and a countdown that runs to the offer\'s end', async () => {
    const offer = await limitedOffer(e2e.server)
    const item = offer.items.find((i) => i.stockLeft > 0)!
    const { lines } = await e2e.server.post<PricePreview>('/api/pricing/preview', { items: [{ skuId: item.skuId, quantity: 1 }] })
    const detail = await e2e.server.get<ProductDetail>(`/api/products/${lines[0].productId}`)
    expect(detail.offer?.limited?.promotionId).toBe(offer.id)
    await e2e.page.goto(`${e2e.server.url}/#/pkg-shop/product/index?id=${detail.id}`)
    const band = visible('.product-offer')
    await band.waitFor({ timeout: 20_000 })
    const text = squash(await band.innerText())
    expect(text).toContain(squash(detail.offer!.limited!.name))
    expect(text).toContain(formatFen(detail.offer!.price))
    expect(text).toContain(formatFen(detail.price))
    const left = async () => countdownMs(await band.locator('.countdown__time').innerText())
    const first = await left()
    expect(Math.abs(first - (offer.endsAt - Date.now()))).toBeLessThan(3000)
    await expect.poll(left, { timeout: 5000 }).toBeLessThan(first)
    await shot('product-offer')
    expect(pageErrors).toEqual([])
  })
})
