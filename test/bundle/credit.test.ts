import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Address, CreditStart, MembershipView, Order, Paged, PayAfterUseInfo, ProductDetail, ProductSummary, Rental, Session } from '../../src/domain/contract'
import { formatFen } from '../../src/domain/money'
import { decideOverHttp, latestCreditOrder, orderStrOutNo, platformNotifies, previewText, rentalProduct, waiverText, type Decision } from '../helpers/credit'
import { distDir, listFiles, requireDist, type MiniTarget } from '../helpers/dist'
import { launchMini, textOf, type MiniHost, type PayAnswer } from '../helpers/mini-runtime'
import { startTestServer, TEST_ADMIN_TOKEN, type TestServer } from '../helpers/server'

// Credit in the compiled mini-programs against the real server in sandbox mode. The fake host
// plays the platform's confirm screen: WeChat's wx.openBusinessView (Pay Score) and Alipay's
// my.tradePay({orderStr}) (Sesame). It checks it was handed exactly what the server answered,
// then plays the shopper's choice through the sandbox, so the platform's signed callback
// reaches the server; the page must then show what the server's record says, never the
// device's word.

const LOGIN = 'pkg-account/login/index'
const PRODUCT = 'pkg-shop/product/index'
const RENT = 'pkg-credit/rent/index'
const RENTAL = 'pkg-credit/rental/index'
const MEMBERSHIP = 'pkg-credit/membership/index'
const CHECKOUT = 'pkg-order/checkout/index'
const ORDER_DETAIL = 'pkg-order/order-detail/index'

const SERVICE: Record<MiniTarget, string> = { weapp: '微信支付分', alipay: '芝麻信用' }
const CONFIRM_CALL: Record<MiniTarget, string> = { weapp: 'openBusinessView', alipay: 'tradePay' }

interface Shop {
  server: TestServer
  host: MiniHost
  token: string
}

async function loginThroughTheApp(host: MiniHost): Promise<string> {
  await host.goto(LOGIN)
  await host.tap(await host.waitForClass('login-button'))
  const raw = await host.waitFor(() => host.storage.get('duet-session'), 'a session in storage')
  const token = (JSON.parse(String(raw)) as { state: Session }).state.token
  expect(token).toBeTruthy()
  return token
}

/** Answers from successful requests matching method and path, in order. */
function answers<T>(host: MiniHost, method: string, pathname: RegExp | string): T[] {
  return host.requests
    .filter((r) => r.method === method && (typeof pathname === 'string' ? r.url === pathname : pathname.test(r.url)) && r.status >= 200 && r.status < 300)
    .map((r) => r.response as T)
}

const confirmed = (target: MiniTarget): PayAnswer =>
  target === 'weapp' ? { callback: 'success', res: { errMsg: 'openBusinessView:ok', extraData: {} } } : { callback: 'success', res: { resultCode: '9000' } }

/**
 * The platform's confirm screen for the next credit confirm: records what the app handed over,
 * finds the credit order the server opened, and plays `decision` (through the platform's
 * signed callback POSTed to the notify endpoint, or the sandbox's decide endpoint).
 */
function playPlatform(shop: Shop, target: MiniTarget, kind: 'rental' | 'pay_after_use' | 'membership', decision: Decision, via: 'notify' | 'decide') {
  const seen: { fields?: Record<string, unknown>; outOrderNo?: string; notify?: { status: number; body: string } } = {}
  const handler = async (fields: Record<string, unknown>): Promise<PayAnswer> => {
    seen.fields = fields
    const { outOrderNo } = await latestCreditOrder(shop.server, kind)
    seen.outOrderNo = outOrderNo
    if (via === 'notify') seen.notify = await platformNotifies(shop.server, outOrderNo, decision)
    else await decideOverHttp(shop.server, outOrderNo, decision)
    return confirmed(target)
  }
  if (target === 'weapp') shop.host.businessHandler = handler
  else shop.host.payHandler = handler
  return seen
}

/** What the app passed to the platform equals the server's confirm for its platform, and nothing else. */
function expectConfirmCall(host: MiniHost, target: MiniTarget, serverConfirm: CreditStart<unknown>['confirm'], outOrderNo: string) {
  const call = host.callsOf(CONFIRM_CALL[target]).at(-1)
  expect(call, `${CONFIRM_CALL[target]} was called`).toBeDefined()
  const sent = call!.args[0] as Record<string, unknown>
  if (target === 'weapp') {
    expect(sent).toEqual({ businessType: 'wxpayScoreUse', extraData: (serverConfirm as { extraData: unknown }).extraData })
    expect(serverConfirm).toEqual(sent)
    expect(Object.keys(sent.extraData as object).sort()).toEqual(['mch_id', 'nonce_str', 'package', 'sign', 'sign_type', 'timestamp'])
  } else {
    expect(sent).toEqual({ orderStr: (serverConfirm as { orderStr: string }).orderStr })
    expect(serverConfirm).toEqual(sent)
    // The orderStr is the one the server signed for this very credit order.
    expect(orderStrOutNo(sent.orderStr as string)).toBe(outOrderNo)
  }
}

/** An ordinary (not rental) product's SKU with stock, for checkout. */
async function goodsSku(server: TestServer): Promise<number> {
  const page = await server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=20&sort=default')
  for (const p of page.items) {
    if (p.stock < 5) continue
    const d = await server.get<ProductDetail>(`/api/products/${p.id}`)
    if (d.rental) continue
    return [...d.skus].sort((a, b) => b.stock - a.stock)[0].id
  }
  throw new Error('no ordinary product in stock on the first page')
}

describe.each(['weapp', 'alipay'] as const)('credit on dist/%s', (target: MiniTarget) => {
  const shop = {} as Shop
  let product: ProductDetail & { rental: NonNullable<ProductDetail['rental']> }

  beforeAll(async () => {
    requireDist(target)
    shop.server = await startTestServer({ platformLogin: true })
    shop.host = await launchMini(target, { serverUrl: shop.server.url })
    shop.token = await loginThroughTheApp(shop.host)
    await shop.server.post<Address>('/api/addresses', { name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, shop.token)
    product = await rentalProduct(shop.server)
  })
  afterAll(async () => {
    await shop.server?.close()
  })

  /** Product page → 免押租用 → the rent page's 免押租用: the rental the server created and what it answered to open. */
  async function rentFromProductPage(): Promise<CreditStart<Rental>> {
    const { host } = shop
    await host.goto(`${PRODUCT}?id=${product.id}`)
    await host.waitForClass('product-rental__terms', `押金 ${formatFen(product.rental.deposit)} · 日租金 ${formatFen(product.rental.dailyRate)}`)
    await host.tap(await host.waitForClass('rent-now', '免押租用'))
    await host.waitFor(() => host.current.route === RENT, 'the rent page')
    const before = answers(host, 'POST', '/api/rentals').length
    await host.tap(await host.waitFor(() => host.findByClass('rent-submit').find((n) => !String(n.cl).includes('is-disabled') && textOf(n).includes('免押租用')), 'an enabled 免押租用'))
    await host.waitFor(() => answers(host, 'POST', '/api/rentals').length > before, 'POST /api/rentals answered')
    return answers<CreditStart<Rental>>(host, 'POST', '/api/rentals').at(-1)!
  }

  const rentalOf = (id: number) => shop.server.get<Rental>(`/api/rentals/${id}`, shop.token)

  /**
   * Pickup and return as a shop runs them: the rental page sends the shopper to the shop (no
   * pickup button), staff confirm the pickup, the shopper asks for the return on the page, staff
   * confirm it with the goods in hand; the page then shows the server's settlement.
   */
  async function pickUpAndReturn(id: number): Promise<Rental> {
    const { host } = shop
    await host.waitForClass('rental-shop-hint', /请到店出示租赁单号/)
    expect(host.findByClass('rental-action--start')).toHaveLength(0)
    await shop.server.post(`/api/admin/rentals/${id}/start`, {}, TEST_ADMIN_TOKEN)
    await host.goto(`${RENTAL}?id=${id}`)
    await host.waitForClass('rental-header__state', '租用中')
    await host.tap(await host.waitForClass('rental-action--return', '申请归还'))
    await host.waitForClass('rental-shop-hint', /门店确认收货后结算/)
    expect((await rentalOf(id)).state).toBe('in_use')
    expect(host.findByClass('rental-action--return')).toHaveLength(0)
    await shop.server.post(`/api/admin/rentals/${id}/return`, {}, TEST_ADMIN_TOKEN)
    await host.goto(`${RENTAL}?id=${id}`)
    await host.waitFor(() => host.findByClass('rental-released').length > 0, 'the released deposit on the rental page', 15_000)
    const done = await rentalOf(id)
    expect(done.state).toBe('completed')
    const s = done.settlement!
    expect(s.charge + s.release).toBe(done.terms.deposit)
    expect(s.charge).toBe(Math.min(s.fee, done.terms.deposit))
    expect(s.charge).toBeGreaterThan(0)
    expect(textOf(host.findByClass('rental-charged')[0])).toBe(`已扣租金${formatFen(s.charge)}`)
    expect(textOf(host.findByClass('rental-released')[0])).toBe(`已释放押金${formatFen(s.release)}`)
    expect(textOf(host.findByClass('rental-header__waiver')[0])).toBe(`已扣租金 ${formatFen(s.charge)}，押金余额 ${formatFen(s.release)} 已释放`)
    // No button is left once the rental is settled.
    expect(host.findByClass('rental-action')).toHaveLength(0)
    return done
  }

  it(`${CONFIRM_CALL[target]} gets exactly the server's confirm; a full waiver (the platform's signed callback over HTTP) shows 免除全部押金, then pickup and return charge the fee and release the rest`, async () => {
    const { host } = shop
    const seen = playPlatform(shop, target, 'rental', 'full', 'notify')
    const start = await rentFromProductPage()
    await host.waitForClass('rent-result__message', '', 15_000)
    expect(seen.outOrderNo).toBe(start.credit.rentalNo)
    expectConfirmCall(host, target, start.confirm, seen.outOrderNo!)
    if (target === 'weapp') expect(seen.notify).toMatchObject({ status: 204 })
    else expect(seen.notify).toMatchObject({ status: 200, body: 'success' })
    expect(host.callsOf(target === 'weapp' ? 'requestPayment' : 'openBusinessView')).toHaveLength(0)

    const rental = await rentalOf(start.credit.id)
    expect(rental.state).toBe('authorized')
    expect(rental.cover).toEqual({ deposit: product.rental.deposit, waived: product.rental.deposit, frozen: 0 })
    expect(textOf(host.findByClass('rent-result__message')[0])).toBe(waiverText(rental.cover!, SERVICE[target]))
    expect(textOf(host.findByClass('rent-result__message')[0])).toBe(`${SERVICE[target]}已为你免除全部押金`)

    await host.tap(await host.waitForClass('rent-result__view', '查看租赁'))
    await host.waitFor(() => host.current.route === RENTAL && host.current.query.id === String(start.credit.id), 'the rental page')
    await host.waitForClass('rental-header__waiver', waiverText(rental.cover!, SERVICE[target]))
    await pickUpAndReturn(start.credit.id)
  })

  it('a partial waiver (sandbox decide endpoint): the page says how much is waived and frozen, as the server has it; return releases the rest', async () => {
    const { host } = shop
    playPlatform(shop, target, 'rental', 'partial', 'decide')
    const start = await rentFromProductPage()
    await host.waitForClass('rent-result__message', '', 15_000)
    const rental = await rentalOf(start.credit.id)
    expect(rental.cover!.waived).toBeGreaterThan(0)
    expect(rental.cover!.frozen).toBeGreaterThan(0)
    expect(rental.cover!.waived + rental.cover!.frozen).toBe(product.rental.deposit)
    expect(textOf(host.findByClass('rent-result__message')[0])).toBe(`已免押 ${formatFen(rental.cover!.waived)}，还需冻结 ${formatFen(rental.cover!.frozen)}`)
    await host.tap(await host.waitForClass('rent-result__view'))
    await host.waitFor(() => host.current.route === RENTAL, 'the rental page')
    const done = await pickUpAndReturn(start.credit.id)
    expect(done.cover).toEqual(rental.cover)
  })

  it('denied waiver: the page says the whole deposit is frozen; 取消租用 releases everything and charges nothing', async () => {
    const { host } = shop
    playPlatform(shop, target, 'rental', 'deny', 'decide')
    const start = await rentFromProductPage()
    await host.waitForClass('rent-result__message', '', 15_000)
    const rental = await rentalOf(start.credit.id)
    expect(rental.cover).toEqual({ deposit: product.rental.deposit, waived: 0, frozen: product.rental.deposit })
    expect(textOf(host.findByClass('rent-result__message')[0])).toBe(`${SERVICE[target]}暂不支持免押，需冻结押金 ${formatFen(product.rental.deposit)}`)
    await host.tap(await host.waitForClass('rent-result__view'))
    await host.waitFor(() => host.current.route === RENTAL, 'the rental page')
    await host.tap(await host.waitForClass('rental-action--cancel', '取消租用'))
    await host.waitForClass('rental-header__state', '已取消')
    const cancelled = await rentalOf(start.credit.id)
    expect(cancelled.state).toBe('cancelled')
    expect(cancelled.ledger.filter((e) => e.kind === 'charge')).toEqual([])
  })

  it('a cancelled confirm leaves the rental created and the page on the form; the next tap reopens the same rental', async () => {
    const { host } = shop
    const cancel: PayAnswer = target === 'weapp' ? { callback: 'fail', res: { errMsg: 'openBusinessView:fail cancel' } } : { callback: 'success', res: { resultCode: '6001' } }
    if (target === 'weapp') host.businessHandler = () => cancel
    else host.payHandler = () => cancel
    const start = await rentFromProductPage()
    await host.waitForClass('rent-error', '你已取消免押确认')
    expect((await rentalOf(start.credit.id)).state).toBe('created')

    playPlatform(shop, target, 'rental', 'full', 'decide')
    await host.tap(await host.waitFor(() => host.findByClass('rent-submit').find((n) => !String(n.cl).includes('is-disabled')), 'an enabled 免押租用'))
    await host.waitForClass('rent-result__message', `${SERVICE[target]}已为你免除全部押金`, 15_000)
    const again = answers<CreditStart<Rental>>(host, 'POST', '/api/rentals').at(-1)!
    expect(again.credit.id).toBe(start.credit.id)
    expect((await rentalOf(start.credit.id)).state).toBe('authorized')
  })

  it(`先享后付 at checkout: the same ${CONFIRM_CALL[target]} with POST /api/orders/:id/credit's confirm; once credit agrees the order is paid per the server`, async () => {
    const { host } = shop
    const sku = await goodsSku(shop.server)
    const seen = playPlatform(shop, target, 'pay_after_use', 'full', 'decide')
    await host.goto(`${CHECKOUT}?skuId=${sku}&quantity=1`)
    await host.tap(await host.waitForClass('pay-mode__option--pay_after_use', '先享后付'))
    await host.waitForClass('checkout-bar__label', '收货后付')
    await host.tap(await host.waitFor(() => host.findByClass('submit-order').find((n) => !String(n.cl).includes('is-disabled')), 'an enabled 提交订单'))
    await host.waitFor(() => host.current.route === ORDER_DETAIL, 'the order page after the confirm', 15_000)

    const created = answers<Order>(host, 'POST', '/api/orders').at(-1)!
    expect(host.requests.filter((r) => r.method === 'POST' && r.url === '/api/orders').at(-1)!.body).toMatchObject({ paymentMode: 'pay_after_use' })
    const credit = answers<CreditStart<PayAfterUseInfo>>(host, 'POST', `/api/orders/${created.id}/credit`).at(-1)!
    expect(credit).toBeDefined()
    expect((await latestCreditOrder(shop.server, 'pay_after_use')).orderId).toBe(created.id)
    expectConfirmCall(host, target, credit.confirm, seen.outOrderNo!)
    // No cashier: nothing is paid now.
    if (target === 'weapp') expect(host.callsOf('requestPayment')).toHaveLength(0)
    else expect(host.callsOf('tradePay').every((c) => 'orderStr' in (c.args[0] as object))).toBe(true)

    const order = await shop.server.get<Order>(`/api/orders/${created.id}`, shop.token)
    expect(order.status).toBe('paid')
    expect(order.credit).toMatchObject({ state: 'confirmed', amount: order.total, charged: 0 })
    await host.waitForClass('order-pay-later__title', '先享后付')
    await host.waitForClass('order-pay-later__line', `确认收货后扣款 ${formatFen(order.total)}`)
    await host.waitFor(() => host.text().includes('待发货'), 'the order shown as 待发货')
  })

  it('先享后付 refused by credit: checkout says so and stays; the order waits to be paid the ordinary way, as the server has it', async () => {
    const { host } = shop
    const sku = await goodsSku(shop.server)
    playPlatform(shop, target, 'pay_after_use', 'deny', 'decide')
    const toasts = host.callsOf('showToast').length
    await host.goto(`${CHECKOUT}?skuId=${sku}&quantity=1`)
    await host.tap(await host.waitForClass('pay-mode__option--pay_after_use', '先享后付'))
    await host.tap(await host.waitFor(() => host.findByClass('submit-order').find((n) => !String(n.cl).includes('is-disabled')), 'an enabled 提交订单'))
    const said = await host.waitFor(() => host.callsOf('showToast').slice(toasts).find((c) => (c.args[0] as { title: string }).title === '信用评估未通过，请选择立即支付'), 'the refusal told', 15_000)
    expect(said).toBeDefined()
    expect(host.current.route).toBe(CHECKOUT)
    const created = answers<Order>(host, 'POST', '/api/orders').at(-1)!
    const order = await shop.server.get<Order>(`/api/orders/${created.id}`, shop.token)
    expect(order.status).toBe('created')
    // Sesame's agreement notify says REFUSED: denied. Pay Score sends no callback for a refusal; the
    // server's query sees the service order REVOKED, which it cannot tell from a cancel.
    expect(order.credit?.state).toBe(target === 'alipay' ? 'denied' : 'cancelled')
  })

  it(`轻会员: 0元开通 opens the same ${CONFIRM_CALL[target]} with POST /api/membership/join's confirm; once the platform agrees the page shows the server's membership and its settlement line`, async () => {
    const { host } = shop
    const seen = playPlatform(shop, target, 'membership', 'full', 'decide')
    await host.goto(MEMBERSHIP)
    await host.tap(await host.waitForClass('member-join__button', '0元开通'))
    await host.waitForClass('member-preview', '', 15_000)
    const join = answers<CreditStart<MembershipView>>(host, 'POST', '/api/membership/join').at(-1)!
    expect(join).toBeDefined()
    expectConfirmCall(host, target, join.confirm, seen.outOrderNo!)
    const view = await shop.server.get<MembershipView>('/api/membership', shop.token)
    expect(view.state).toBe('active')
    expect(textOf(host.findByClass('member-status__state')[0])).toBeTruthy()
    expect(textOf(host.findByClass('member-preview')[0])).toBe(previewText(view))
    expect(host.findByClass('member-join__button')).toHaveLength(0)
  })
})

describe('credit platform isolation in the built bundles', () => {
  const js = (target: MiniTarget) => {
    const dir = requireDist(target)
    return listFiles(dir, (f) => f.endsWith('.js'))
      .map((f) => fs.readFileSync(path.join(distDir(target), f), 'utf8'))
      .join('\n')
  }

  it('dist/weapp confirms credit with wx.openBusinessView (wxpayScoreUse) and carries no tradePay / orderStr / my.* credit call', () => {
    const code = js('weapp')
    expect(code).toMatch(/\bwx\.openBusinessView\(/)
    expect(code).toContain('wxpayScoreUse')
    expect(code).not.toMatch(/tradePay/)
    expect(code).not.toMatch(/\borderStr\b/)
    expect(code).not.toMatch(/\bmy\.[a-zA-Z]+\(/)
  })

  it('dist/alipay confirms credit with my.tradePay({orderStr}) and carries no openBusinessView / wxpayScoreUse / wx.* call', () => {
    const code = js('alipay')
    expect(code).toMatch(/\bmy\.tradePay\(\{\s*orderStr\b/)
    expect(code).not.toMatch(/openBusinessView/)
    expect(code).not.toMatch(/wxpayScoreUse/)
    expect(code).not.toMatch(/\bwx\.[a-zA-Z]+\(/)
  })
})
