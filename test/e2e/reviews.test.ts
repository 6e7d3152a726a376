import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Order, ProductDetail } from '../../src/domain/contract'
import type { ReviewPage, ReviewView } from '../../src/domain/reviews'
import { route } from '../../src/routes'
import { paidOrder, shopper } from '../helpers/console'
import { squash } from '../helpers/promotions'
import { TEST_ADMIN_TOKEN } from '../helpers/server'
import { useSharingE2e } from '../helpers/sharing-e2e'

// Reviews end to end (issue 18) on one real server (sandbox, PGlite) serving the H5 preview and
// the console: a shopper's paid order is shipped (admin API) and received (the shopper confirms);
// on 评价 the shopper gives 5 stars, text and a photo (H5 chooseImage is a file input) and
// submits; the owner features it in the console (精选到买家秀); the product page then shows the
// rating and the buyer show with the photo, and the reviews page's 有图 tab lists it.
// Pictures: review-write, console-reviews, buyer-show.

const NICK = '晒单达人小评'
const TEXT = '做工很好，颜色和图片一样，推荐'

describe('a review with a photo, shown in the buyer show (H5 shopper + console owner)', () => {
  const e2e = useSharingE2e('reviews')
  let p: Page
  let order: Order
  let product: ProductDetail

  const v = (selector: string) => e2e.visible(p, selector)
  const reviewsOf = (photos = false) => e2e.server.get<ReviewPage>(`/api/products/${product.id}/reviews?page=1&pageSize=10${photos ? '&withPhotos=1' : ''}`)

  it('the shopper reviews a received order: 5 stars, text and a photo', async () => {
    const found = await e2e.productWithStock(2)
    product = found.product
    const buyer = await shopper(e2e.server.url, NICK)
    order = await paidOrder(e2e.server.url, buyer, [{ skuId: found.sku.id, quantity: 1 }])
    await e2e.server.post(`/api/admin/orders/${order.id}/ship`, { kind: 'express', parcels: [{ carrier: 'SF', trackingNo: `SF2000${order.id}` }] }, TEST_ADMIN_TOKEN)
    await e2e.server.post(`/api/orders/${order.id}/confirm`, {}, buyer.token)

    p = await e2e.phone('shopper')
    await p.goto(`${e2e.server.url}/#${route.review(order.id)}`)
    await e2e.loginFromModal(p, NICK)
    await v('.review-line').first().waitFor({ timeout: 20_000 })
    await v('.review-line .star-rating__star--5').first().click()
    await expect.poll(() => v('.review-line .star-rating__label').first().innerText()).toBeTruthy()
    await v('.review-line__text textarea').first().fill(TEXT)
    const chooser = p.waitForEvent('filechooser')
    const uploaded = p.waitForResponse((r) => r.url().endsWith('/api/uploads/reviews') && r.request().method() === 'POST')
    await v('.review-line__add').first().click()
    // The buyer's photo: one of the product's own pictures (a real photo looks like one in the buyer show).
    const photo = Buffer.from(await (await fetch(new URL(product.images.at(-1)!, e2e.server.url))).arrayBuffer())
    await (await chooser).setFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo })
    expect((await uploaded).status()).toBe(201)
    await expect.poll(() => v('.review-line__photo').count()).toBe(1)
    await expect.poll(() => v('.review-line__progress').count()).toBe(0)
    await e2e.shot(p, 'review-write')

    await v('.review-page__submit').click()
    await expect.poll(async () => (await reviewsOf()).items.map((r) => r.content), { timeout: 20_000 }).toContain(TEXT)
    const mine = (await reviewsOf()).items.find((r) => r.content === TEXT)!
    expect(mine).toMatchObject({ rating: 5 })
    expect(mine.photos).toHaveLength(1)
    e2e.clean()
  })

  it('the owner features it in the console (精选到买家秀)', async () => {
    await e2e.consoleGo('/reviews?photos=1')
    const row = e2e.owner.locator('.ant-table-row').filter({ hasText: TEXT })
    await row.waitFor()
    await row.getByRole('switch').click()
    await expect
      .poll(async () => (await e2e.server.get<{ items: ReviewView[] }>(`/api/products/${product.id}/buyer-show`)).items.map((r) => r.content), { timeout: 15_000 })
      .toContain(TEXT)
    await e2e.shot(e2e.owner, 'console-reviews')
    e2e.clean()
  })

  it('the product page shows the rating and the buyer show with the photo; 有图 lists the review', async () => {
    await p.goto(`${e2e.server.url}/#${route.product(product.id)}`)
    const section = v('.review-section').first()
    await section.waitFor({ timeout: 20_000 })
    await expect.poll(async () => squash(await section.innerText()), { timeout: 15_000 }).toContain(TEXT)
    await expect.poll(() => v('.buyer-show__photo').count(), { timeout: 15_000 }).toBe(1)
    await section.scrollIntoViewIfNeeded()
    await e2e.shot(p, 'buyer-show', { keepScroll: true })

    await v('.review-section__head').first().click()
    await expect.poll(() => p.url()).toContain('pkg-shop/reviews')
    await v('.reviews-tabs__tab--photos').click()
    await expect.poll(() => v('.reviews-list .review-card').count(), { timeout: 15_000 }).toBe((await reviewsOf(true)).items.length)
    await v('.reviews-list .review-card').filter({ hasText: TEXT }).locator('.review-card__photo').first().waitFor()
    e2e.clean()
  })
})
