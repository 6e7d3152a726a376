import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Address, MessageTemplates, Order, Paged, PaymentState, ProductDetail, ProductSummary, Session } from '../../src/domain/contract'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { launchMini, type MiniHost, type PayAnswer } from '../helpers/mini-runtime'
import { startTestServer, type TestServer } from '../helpers/server'

// Subscription messages in the compiled mini-programs: the dialog opens in the payment
// callback of a pay tap (never on page load), with at most 5 (WeChat tmplIds) / 3 (Alipay
// entityIds) ids; the answers reach POST /api/messages/subscriptions; a 'ban' / 'reject'
// is remembered and not asked again; a dialog that fails never stops paying.

const LOGIN = 'pkg-account/login/index'
const ORDER_DETAIL = 'pkg-order/order-detail/index'
const PAY_RESULT = 'pkg-order/pay-result/index'

type Callbacks = { success?(res: unknown): void; fail?(err: unknown): void }
interface Ask {
  ids: string[]
  /** How many host calls came before it (to order it against the cashier). */
  at: number
}

describe.each(['weapp', 'alipay'] as const)('subscription messages on dist/%s', (target: MiniTarget) => {
  let server: TestServer
  let host: MiniHost
  let token: string
  let skuId: number
  const asks: Ask[] = []
  /** How the fake dialog answers each id it is shown. */
  let decide: (id: string, index: number) => 'accept' | 'reject' | 'ban' = () => 'accept'
  let dialogFails = false
  const max = target === 'weapp' ? 5 : 3
  const cashier = target === 'weapp' ? 'requestPayment' : 'tradePay'
  const paidOnDevice: PayAnswer = target === 'weapp' ? { callback: 'success', res: { errMsg: 'requestPayment:ok' } } : { callback: 'success', res: { resultCode: '9000' } }

  beforeAll(async () => {
    requireDist(target)
    server = await startTestServer({ platformLogin: true })
    host = await launchMini(target, { serverUrl: server.url })
    // The host's subscribe dialog: WeChat answers {[tmplId]: decision}; Alipay lists accepted / not accepted ids.
    host.api.requestSubscribeMessage = (o: Callbacks & { tmplIds?: string[]; entityIds?: string[] }) => {
      const ids = (target === 'weapp' ? o.tmplIds : o.entityIds) ?? []
      asks.push({ ids: [...ids], at: host.calls.length })
      setTimeout(() => {
        if (dialogFails) {
          o.fail?.(target === 'weapp' ? { errMsg: 'requestSubscribeMessage:fail', errCode: 20004 } : { behavior: 'cancel', errorMessage: '取消' })
          return
        }
        const d = ids.map((id, i) => [id, decide(id, i)] as const)
        if (target === 'weapp') o.success?.({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(d) })
        else
          o.success?.({
            behavior: 'subscribe',
            show: true,
            result: { subscribeEntityIds: d.filter(([, v]) => v === 'accept').map(([id]) => id), unsubscribedEntityIds: d.filter(([, v]) => v !== 'accept').map(([id]) => id) },
            ...Object.fromEntries(d.map(([id, v]) => [id, v === 'accept' ? 'accept' : 'reject'])),
          })
      }, 0)
    }
    await host.goto(LOGIN)
    await host.tap(await host.waitForClass('login-button'))
    const raw = await host.waitFor(() => host.storage.get('duet-session'), 'a session in storage')
    token = (JSON.parse(String(raw)) as { state: Session }).state.token
    await server.post<Address>('/api/addresses', { name: '张三', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号' }, token)
    const page = await server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=10&sort=default')
    const detail = await server.get<ProductDetail>(`/api/products/${(page.items.find((p) => p.stock > 20) ?? page.items[0]).id}`)
    skuId = [...detail.skus].sort((a, b) => b.stock - a.stock)[0].id
  })
  afterAll(async () => {
    await server?.close()
  })

  let seq = 0
  const newOrder = () => server.post<Order>('/api/orders', { items: [{ skuId, quantity: 1 }], idempotencyKey: `bundle-sub-${target}-${process.pid}-${++seq}` }, token)
  const templates = () => server.get<MessageTemplates>('/api/messages/templates', token)
  const posted = () => host.requests.filter((r) => r.method === 'POST' && r.url === '/api/messages/subscriptions')

  async function payTap(orderId: number): Promise<void> {
    await host.goto(`${ORDER_DETAIL}?id=${orderId}`)
    await host.waitFor(() => host.text().includes('待付款'), 'the order shown as 待付款')
    await host.settle(10)
    await host.tap(await host.waitForClass('order-detail__pay', '去支付'))
  }

  it(`the pay tap asks in the payment callback with at most ${max} ids, never on page load, and posts the answers; ${target === 'weapp' ? 'ban' : 'reject'} is remembered`, async () => {
    const offered = await templates()
    expect(offered.maxPerRequest).toBe(max)
    // The pay tap asks about the order's messages: after-sales progress is asked for at the after-sales tap.
    const afterSale = new Set(offered.templates.filter((t) => t.event === 'after_sale_update').map((t) => t.templateId))
    const firstGroup = offered.groups.flat().filter((id) => !afterSale.has(id)).slice(0, max)
    expect(firstGroup.length).toBeGreaterThan(0)
    expect(firstGroup.length).toBeLessThanOrEqual(max)

    const refused = target === 'weapp' ? 'ban' : 'reject'
    decide = (_id, i) => (i === 0 ? refused : 'accept')
    host.payHandler = () => paidOnDevice
    const order = await newOrder()
    await host.goto(`${ORDER_DETAIL}?id=${order.id}`)
    await host.waitFor(() => host.text().includes('待付款'), 'the order page')
    await host.settle(10)
    expect(asks, 'nothing asked on page load').toHaveLength(0)
    await host.tap(await host.waitForClass('order-detail__pay', '去支付'))
    await host.waitFor(() => asks.length === 1 && posted().length === 1, 'the dialog and its answers posted')
    await host.waitFor(() => host.current.route === PAY_RESULT, 'the pay result page')

    const [ask] = asks
    expect(ask.ids).toEqual(firstGroup)
    expect(ask.ids.length).toBeLessThanOrEqual(max)
    // In the payment callback: after the cashier was called.
    const cashierAt = host.calls.findIndex((c) => c.api === cashier)
    expect(cashierAt).toBeGreaterThanOrEqual(0)
    expect(ask.at).toBeGreaterThan(cashierAt)

    const sent = posted()[0]
    expect(sent.status).toBe(200)
    expect(sent.body).toEqual({ results: Object.fromEntries(ask.ids.map((id, i) => [id, i === 0 ? refused : 'accept'])) })
    const now = await templates()
    expect(now.templates.find((t) => t.templateId === ask.ids[0])!.status).toBe(refused)
    expect(now.templates.find((t) => t.templateId === ask.ids[1])?.quota ?? 1).toBe(1)

    // The second pay tap: the refused template is not asked again.
    const second = await newOrder()
    await payTap(second.id)
    await host.waitFor(() => asks.length === 2, 'the second dialog')
    expect(asks[1].ids).not.toContain(ask.ids[0])
    expect(asks[1].ids.length).toBeGreaterThan(0)
    expect(asks[1].ids.length).toBeLessThanOrEqual(max)
  })

  it('a dialog that fails never stops paying', async () => {
    dialogFails = true
    host.payHandler = () => paidOnDevice
    const order = await newOrder()
    const before = asks.length
    await payTap(order.id)
    await host.waitFor(() => host.current.route === PAY_RESULT && host.text().includes('支付确认中'), 'paying goes on')
    expect(asks.length).toBe(before + 1)

    // The platform's notify: the order is paid as always.
    const state = await server.get<PaymentState>(`/api/orders/${order.id}/payment`, token)
    const sandbox = server.app.payments.providers.sandbox!
    sandbox.settle(state.payment!.outTradeNo)
    const n = target === 'weapp' ? sandbox.wechatNotify(state.payment!.outTradeNo) : sandbox.alipayNotify(state.payment!.outTradeNo)
    await fetch(`${server.url}/api/payments/notify/${target === 'weapp' ? 'wechat' : 'alipay'}`, { method: 'POST', headers: n.headers as Record<string, string>, body: n.body })
    await host.waitFor(() => host.text().includes('支付成功'), '支付成功')
    dialogFails = false
  })
})
