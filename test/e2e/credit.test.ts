import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Address, CreditEligibility, MembershipView, Order, Paged, PricePreview, Rental } from '../../src/domain/contract'
import { formatFen } from '../../src/domain/money'
import { memberPriceProduct, previewText, rentalProduct } from '../helpers/credit'
import { ROOT } from '../helpers/dist'
import { useE2ePage } from '../helpers/e2e-page'
import { squash } from '../helpers/promotions'
import { TEST_ADMIN_TOKEN } from '../helpers/server'

// Credit in the H5 preview, in headless Chromium, against the real server in sandbox mode:
// a shopper rents the seeded rental product deposit-free (the sandbox's confirm page plays the
// credit service: 部分免押), comes back to the app and sees the server's waiver, picks up and
// returns, and sees the fee charged and the rest released as GET /api/rentals/:id has them;
// then joins the light membership (同意 on the confirm page), buys a product with a member
// price at the sandbox cashier, and sees the order priced with it and the membership page's
// "本期已省 ¥X，期末将支付 ¥Y" equal to GET /api/membership.

// With UPDATE_SCREENSHOTS=1 the credit pictures go to docs/screenshots/ for the README, but only
// where there is none yet (the app helper's own pictures are never overwritten); otherwise to test-results.
const SHOTS = path.join(ROOT, 'test-results/screenshots/credit')
const README_SHOTS = path.join(ROOT, 'docs/screenshots')

describe('H5 credit end to end', () => {
  const e2e = useE2ePage('credit', { shots: SHOTS })
  const { visible, text, sessionToken, pageErrors } = e2e
  let token = ''

  const shot = async (name: string) => {
    const file = await e2e.shot(name)
    const readme = path.join(README_SHOTS, `${name}.png`)
    if (process.env.UPDATE_SCREENSHOTS === '1' && !fs.existsSync(readme)) fs.copyFileSync(file, readme)
  }
  /** On the sandbox's credit confirm page (a server page, no SPA): press one of its buttons. */
  const decideOnConfirmPage = async (button: string, amount: string) => {
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('/api/sandbox/credit/')
    await expect.poll(() => e2e.page.locator('.amount').innerText()).toBe(amount)
    await e2e.page.getByRole('button', { name: button }).click()
  }

  it('rent deposit-free: 部分免押 on the confirm page, back in the app the server\'s waiver; the shop confirms pickup, the shopper asks for the return and the shop confirms it: the fee charged and the rest released as the server reports', async () => {
    const product = await rentalProduct(e2e.server)
    await e2e.page.goto(`${e2e.server.url}/#/pkg-shop/product/index?id=${product.id}`)
    await expect.poll(() => text('.product-rental__terms'), { timeout: 20_000 }).toBe(squash(`押金 ${formatFen(product.rental.deposit)} · 日租金 ${formatFen(product.rental.dailyRate)}`))
    await visible('.rent-now').click()

    // Renting needs a shopper: the rent page sends a guest to log in and back.
    const nickname = visible('.login-page__input input')
    await nickname.waitFor({ timeout: 20_000 })
    await nickname.fill('租赁测试')
    await expect.poll(() => nickname.inputValue()).toBe('租赁测试')
    await visible('.login-button').click()
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('pkg-credit/rent/index')
    token = await sessionToken()

    await expect.poll(() => visible('.rent-submit').getAttribute('class'), { timeout: 15_000 }).not.toContain('is-disabled')
    await visible('.rent-submit').click()
    await decideOnConfirmPage('部分免押', formatFen(product.rental.deposit))

    // Back in the app on the rental: the waiver the server recorded from the platform's callback.
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('pkg-credit/rental/index')
    const list = await e2e.server.get<Paged<Rental>>('/api/rentals?page=1&pageSize=10', token)
    expect(list.items).toHaveLength(1)
    const id = list.items[0].id
    await expect.poll(async () => (await e2e.server.get<Rental>(`/api/rentals/${id}`, token)).state, { timeout: 15_000 }).toBe('authorized')
    const authorized = await e2e.server.get<Rental>(`/api/rentals/${id}`, token)
    const cover = authorized.cover!
    expect(cover.waived).toBeGreaterThan(0)
    expect(cover.frozen).toBeGreaterThan(0)
    expect(cover.waived + cover.frozen).toBe(product.rental.deposit)
    await expect.poll(() => text('.rental-header__waiver'), { timeout: 15_000 }).toBe(squash(`已免押 ${formatFen(cover.waived)}，还需冻结 ${formatFen(cover.frozen)}`))
    await expect.poll(() => text('.rental-header__state')).toBe('待取货')
    await shot('rental')

    // Pickup is the shop's to confirm: the page sends the shopper to the shop with the rental number.
    expect(await text('.rental-shop-hint')).toContain(authorized.rentalNo)
    expect(await visible('.rental-action--start').count()).toBe(0)
    await e2e.server.post(`/api/admin/rentals/${id}/start`, {}, TEST_ADMIN_TOKEN)
    await e2e.page.reload()
    await expect.poll(() => text('.rental-header__state'), { timeout: 15_000 }).toBe('租用中')
    // The shopper asks for the return; the rental stays in use until the shop has the goods back.
    await visible('.rental-action--return').click()
    await expect.poll(() => text('.rental-shop-hint'), { timeout: 15_000 }).toContain('门店确认收货后结算')
    expect((await e2e.server.get<Rental>(`/api/rentals/${id}`, token)).state).toBe('in_use')
    await e2e.server.post(`/api/admin/rentals/${id}/return`, {}, TEST_ADMIN_TOKEN)
    await e2e.page.reload()
    await visible('.rental-released').waitFor({ timeout: 20_000 })

    const done = await e2e.server.get<Rental>(`/api/rentals/${id}`, token)
    expect(done.state).toBe('completed')
    const s = done.settlement!
    expect(s.charge).toBeGreaterThan(0)
    expect(s.charge + s.release).toBe(product.rental.deposit)
    expect(await text('.rental-charged')).toBe(squash(`已扣租金 ${formatFen(s.charge)}`))
    expect(await text('.rental-released')).toBe(squash(`已释放押金 ${formatFen(s.release)}`))
    expect(await text('.rental-header__waiver')).toBe(squash(`已扣租金 ${formatFen(s.charge)}，押金余额 ${formatFen(s.release)} 已释放`))
    expect(await visible('.rental-action').count()).toBe(0)
    // The money movements the page lists are the server's ledger, one row each.
    expect(await visible('.credit-ledger__row').count()).toBe(done.ledger.length)
    await shot('rental-done')
    expect(pageErrors).toEqual([])
  })

  it('light membership: 同意 on the confirm page; a product bought with its member price; the page\'s "本期已省 ¥X，期末将支付 ¥Y" is GET /api/membership\'s', async () => {
    await e2e.server.post<Address>('/api/addresses', { name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, token)
    const { product, skuId } = await memberPriceProduct(e2e.server)
    const items = [{ skuId, quantity: 1 }]
    const asGuestPrice = await e2e.server.post<PricePreview>('/api/orders/preview', { items, couponIds: [] }, token)
    expect(asGuestPrice.applied.filter((a) => a.kind === 'member_price'), 'no member price before joining').toEqual([])

    await e2e.page.goto(`${e2e.server.url}/#/pkg-credit/membership/index`)
    await visible('.member-join__button').click()
    await decideOnConfirmPage('同意', formatFen(0))
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('pkg-credit/membership/index')
    await expect.poll(async () => (await e2e.server.get<MembershipView>('/api/membership', token)).state, { timeout: 15_000 }).toBe('active')
    const joined = await e2e.server.get<MembershipView>('/api/membership', token)
    await expect.poll(() => text('.member-preview'), { timeout: 15_000 }).toBe(squash(previewText(joined)))

    // Checkout: the member price is on the line (the server's preview for a member), paid at the sandbox cashier.
    const member = await e2e.server.post<PricePreview>('/api/orders/preview', { items, couponIds: [] }, token)
    const memberOff = member.applied.filter((a) => a.kind === 'member_price').reduce((n, a) => n + a.amount, 0)
    expect(memberOff, `${product.title} has a member price`).toBeGreaterThan(0)
    await e2e.page.goto(`${e2e.server.url}/#/pkg-order/checkout/index?skuId=${skuId}&quantity=1`)
    await expect.poll(() => visible('.submit-order').getAttribute('class'), { timeout: 20_000 }).not.toContain('is-disabled')
    // The engine's coupons, if any, are the shopper's to choose; none keeps the member price alone on the bill.
    const best = await e2e.server.post<PricePreview>('/api/orders/preview', { items }, token)
    await expect.poll(async () => squash(await visible('.checkout-bar').innerText()), { timeout: 15_000 }).toContain(formatFen(best.total))
    expect(best.applied.filter((a) => a.kind === 'member_price').reduce((n, a) => n + a.amount, 0)).toBe(memberOff)
    await expect.poll(async () => squash(await visible('.checkout-prices').innerText())).toContain(squash(`-${formatFen(memberOff)}`))
    // 先享后付 is offered exactly when the server says the shopper's credit allows it (the sandbox does).
    const eligibility = await e2e.server.get<CreditEligibility>('/api/credit/eligibility', token)
    expect(eligibility.payAfterUse.available).toBe(true)
    await visible('.pay-mode__option--pay_after_use').click()
    await expect.poll(() => text('.checkout-bar__label')).toBe('收货后付：')
    await shot('checkout-pay-later')
    await visible('.pay-mode__option--pay_now').click()
    await expect.poll(() => text('.checkout-bar__label')).toBe('实付：')
    await visible('.submit-order').click()
    await expect.poll(() => e2e.page.url(), { timeout: 20_000 }).toContain('/api/payments/sandbox/cashier')
    await e2e.page.getByRole('button', { name: '确认支付' }).click()
    await expect.poll(() => visible('.pay-result__title').innerText(), { timeout: 20_000 }).toBe('支付成功')

    const orders = await e2e.server.get<Paged<Order>>('/api/orders', token)
    const order = await e2e.server.get<Order>(`/api/orders/${orders.items[0].id}`, token)
    expect(order.status).toBe('paid')
    expect(order.discounts).toEqual(best.applied)
    expect(order.total).toBe(best.total)
    expect(order.discounts.filter((a) => a.kind === 'member_price').reduce((n, a) => n + a.amount, 0)).toBe(memberOff)

    // The membership page: what the member saved this period and what will be charged at its end, as the server has them.
    const view = await e2e.server.get<MembershipView>('/api/membership', token)
    expect(view.savings).toBe(memberOff)
    expect(view.willPay).toBe(Math.min(view.plan.fee, view.savings))
    await e2e.page.goto(`${e2e.server.url}/#/pkg-credit/membership/index`)
    await expect.poll(() => text('.member-preview'), { timeout: 20_000 }).toBe(squash(`本期已省 ${formatFen(view.savings)}，期末将支付 ${formatFen(view.willPay)}`))
    await shot('membership')
    expect(pageErrors).toEqual([])
  })
})
