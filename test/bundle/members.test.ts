import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Address } from '../../src/domain/contract'
import { DEFAULT_LEVELS, type MyLevel } from '../../src/domain/levels'
import type { MemberCardView, OpenCardStep } from '../../src/domain/member-cards'
import type { PlanDelivery, PlanOffer, PlanView } from '../../src/domain/plans'
import { orderFixture } from '../helpers/orders'
import { teeProduct } from '../helpers/products'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { startFakeApi, type FakeAnswer, type FakeApi } from '../helpers/fake-api'
import { launchMini, textOf, type MiniHost, type MiniNode } from '../helpers/mini-runtime'

// Issue 19's member pages in the compiled mini-programs: a 4-week plan (周期购) bought from the
// product page and paid, its schedule with a skip (and a refused one) and the cancel's refund;
// the member level page; the member card on each platform's way (Alipay's activation form via
// my.addCardAuth, WeChat's wx.addCard) and the sandbox page. The endpoints are other parts'
// work: a small fake API answers them with the contract's shapes (src/domain/plans.ts,
// levels.ts, member-cards.ts) and records what the app sent.

const PRODUCT = 'pkg-shop/product/index'
const PLAN_BUY = 'pkg-member/plan-buy/index'
const PLAN = 'pkg-member/plan/index'
const LEVEL = 'pkg-member/level/index'
const MEMBER_CARD = 'pkg-member/member-card/index'
const SANDBOX_CARD = 'pkg-member/sandbox-card/index'

const HOME: Address = { id: 3, name: '李四', phone: '13900139000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号', isDefault: true }

const OFFER: PlanOffer = { productId: 7, enabled: true, intervals: ['week', '2weeks', 'month'], options: [{ deliveries: 4, percentOff: 5 }, { deliveries: 12, percentOff: 12 }], cutoffHours: 48 }

const DAY_MS = 86_400_000
/** `count` dates `step` days apart from `first` (YYYY-MM-DD). */
const datesFrom = (first: string, count: number, step = 7) => Array.from({ length: count }, (_, i) => new Date(Date.parse(`${first}T00:00:00Z`) + i * step * DAY_MS).toISOString().slice(0, 10))

const delivery = (n: number, date: string, status: PlanDelivery['status'] = 'scheduled'): PlanDelivery => ({
  n,
  date,
  status,
  shippedAt: status === 'shipped' ? `${date}T02:00:00.000Z` : null,
  tracking: status === 'shipped' ? { carrier: '顺丰', number: 'SF100' } : null,
  cutoffAt: `${new Date(Date.parse(`${date}T00:00:00Z`) - 2 * DAY_MS).toISOString().slice(0, 10)}T16:00:00.000Z`,
})

const FIRST = '2099-01-05'
function planView(over: Partial<PlanView> = {}): PlanView {
  return {
    id: 31,
    orderId: 301,
    status: 'active',
    skuId: 70,
    productId: 7,
    title: '纯棉T恤',
    image: '/api/images/tee.jpg',
    specs: {},
    quantity: 1,
    interval: 'week',
    deliveryCount: 4,
    deliveries: datesFrom(FIRST, 4).map((d, i) => delivery(i + 1, d)),
    total: 37620,
    refunded: 0,
    address: { name: HOME.name, phone: HOME.phone, region: HOME.region, detail: HOME.detail },
    createdAt: '2026-12-05T02:00:00.000Z',
    ...over,
  }
}

const LEVEL_ME: MyLevel = { growth: 1250, level: DEFAULT_LEVELS[1], next: { ...DEFAULT_LEVELS[2], gap: 750 }, levels: DEFAULT_LEVELS, birthday: null }

const CARD: MemberCardView & { title: string; color: string } = { available: true, status: 'none', cardNo: null, levelName: '银卡会员', points: 120, openedAt: null, title: 'Duet 会员卡', color: '#334455' }
const ACTIVE_CARD = { ...CARD, status: 'active' as const, cardNo: '8800001', openedAt: '2026-12-05T02:00:00.000Z' }

interface Fake extends FakeApi {
  plan: PlanView
  card: MemberCardView
  openStep: OpenCardStep
  birthday: string | null
}

function payParams(target: MiniTarget, orderId: number) {
  return target === 'weapp' ? { timeStamp: '1764900000', nonceStr: 'n0nce', package: `prepay_id=wx${orderId}`, signType: 'RSA', paySign: 'c2lnbg==' } : { tradeNO: `20261205${orderId}` }
}

async function startMembersApi(target: MiniTarget): Promise<Fake> {
  const fake = { plan: planView(), card: CARD, openStep: { kind: 'sandbox', path: '' }, birthday: null } as Partial<Fake> as Fake
  const api = await startFakeApi((key, body, query): FakeAnswer => {
    if (key === 'GET /api/products/7') return [200, teeProduct()]
    // The product page's entry asks the offers list; plan-buy asks the product's offer.
    if (key === 'GET /api/plan-offers') return [200, { items: query.get('productId') === '7' ? [OFFER] : [] }]
    if (key === 'GET /api/products/7/plan') return [200, OFFER]
    if (key === 'GET /api/addresses') return [200, { items: [HOME] }]
    if (key === 'POST /api/plans/preview') {
      const b = body as { deliveries: number; firstDate: string; interval: string }
      const subtotal = 9900 * b.deliveries
      return [200, { dates: datesFrom(b.firstDate, b.deliveries, b.interval === '2weeks' ? 14 : 7), unitPrice: 9900, subtotal, discount: Math.round(subtotal * 0.05), total: subtotal - Math.round(subtotal * 0.05), percentOff: 5 }]
    }
    if (key === 'POST /api/plans') return [201, { planId: 31, orderId: 301 }]
    if (key === 'POST /api/orders/301/pay') return [200, payParams(target, 301)]
    if (key === 'GET /api/orders/301') return [200, orderFixture('shipped', { id: 301, plan: { id: 31 } })]
    if (key === 'GET /api/orders/301/after-sales') return [200, { types: [], windowEndsAt: null, items: [] }]
    if (key === 'GET /api/orders/301/payment') return [200, { orderId: 301, orderStatus: 'paid', payment: null }]
    if (key === 'GET /api/plans/31') return [200, fake.plan]
    if (key === 'POST /api/plans/31/deliveries/2/skip') {
      const ds = fake.plan.deliveries.map((d) => (d.n === 2 ? { ...d, status: 'skipped' as const } : d))
      fake.plan = { ...fake.plan, deliveries: [...ds, delivery(5, datesFrom(FIRST, 5)[4])] }
      return [200, fake.plan]
    }
    if (key === 'POST /api/plans/31/deliveries/3/skip') return [409, { code: 'PAST_CUTOFF', message: '已过截止时间' }]
    if (key === 'POST /api/plans/31/cancel') {
      fake.plan = { ...fake.plan, status: 'cancelled', refunded: 28215, deliveries: fake.plan.deliveries.map((d) => (d.status === 'scheduled' ? { ...d, status: 'cancelled' as const } : d)) }
      return [200, { plan: fake.plan, refund: 28215 }]
    }
    if (key === 'GET /api/levels/me') return [200, { ...LEVEL_ME, birthday: fake.birthday }]
    if (key === 'PUT /api/levels/me/birthday') {
      fake.birthday = (body as { birthday: string }).birthday
      return [200, { ...LEVEL_ME, birthday: fake.birthday }]
    }
    if (key === 'GET /api/member-card') return [200, fake.card]
    if (key === 'POST /api/member-card/open') return [200, fake.openStep]
    if (key === 'POST /api/member-card/activate') {
      fake.card = ACTIVE_CARD
      return [200, ACTIVE_CARD]
    }
    if (key === 'GET /api/sandbox/member-card/tk1') return [200, { platform: target === 'weapp' ? 'wechat' : 'alipay', title: 'Duet 会员卡', color: '#334455', cardExt: target === 'weapp' ? '{"signature":"s"}' : null }]
    if (key === 'POST /api/sandbox/member-card/tk1/submit') return [200, target === 'weapp' ? { code: 'enc-code' } : { authCode: 'sb-ac', requestId: 'sb-rq', templateId: 'sb-tpl' }]
    return undefined
  })
  return Object.assign(fake, api)
}

// Tokens go in a header: ASCII only.
const session = (platform: MiniTarget) => JSON.stringify({ state: { token: 'member-token', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: '小明', avatar: null, platform } }, version: 0 })

const nodeText = (nodes: MiniNode[]) => nodes.map(textOf)

describe.each(['weapp', 'alipay'] as const)('members on dist/%s', (target: MiniTarget) => {
  let fake: Fake
  let host: MiniHost
  const posts = (path: string) => fake.received.filter((r) => r.method === 'POST' && r.path === path)

  beforeAll(async () => {
    requireDist(target)
    fake = await startMembersApi(target)
    host = await launchMini(target, { serverUrl: fake.url, storage: { 'duet-session': session(target) } })
    host.payHandler = () => (target === 'weapp' ? { callback: 'success', res: { errMsg: 'requestPayment:ok' } } : { callback: 'success', res: { resultCode: '9000' } })
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.received.length = 0
  })

  it('buys a 4-week plan from the product page: the schedule previewed, POST /api/plans, paid, on the plan page', async () => {
    await host.goto(`${PRODUCT}?id=7`)
    await host.tap(await host.waitForClass('plan-entry', '周期购'))
    await host.waitFor(() => host.current.route === PLAN_BUY, 'the plan-buy page')
    expect(host.current.query).toMatchObject({ productId: '7' })
    // The first preview: the first offered length (4, 省 5%), weekly, from the earliest day.
    await host.waitForClass('plan-buy__deliveries', '省 5%')
    await host.waitFor(() => host.findByClass('plan-buy__date').length === 4, 'four dates')
    const first = posts('/api/plans/preview')[0].body as Record<string, unknown>
    expect(first).toMatchObject({ skuId: 70, deliveries: 4, interval: 'week' })
    // The shopper picks the first day in the date picker: the schedule follows.
    await host.fire(host.findByClass('plan-buy__picker')[0], 'change', { value: FIRST })
    await host.waitForClass('plan-buy__date', '1月26日 周一')
    expect(nodeText(host.findByClass('plan-buy__date'))).toEqual(['第 1 期1月5日 周一', '第 2 期1月12日 周一', '第 3 期1月19日 周一', '第 4 期1月26日 周一'])
    expect(host.texts()).toContain('周期购优惠（省 5%）')
    await host.waitForClass('plan-buy__where', '世纪大道 100 号')
    await host.tap(host.findByClass('plan-buy__submit')[0])
    const post = await host.waitFor(() => posts('/api/plans')[0], 'POST /api/plans')
    expect(post.body).toEqual({ skuId: 70, deliveries: 4, interval: 'week', firstDate: FIRST, addressId: 3, idempotencyKey: expect.stringMatching(/^co-/) as unknown })
    await host.waitFor(() => posts('/api/orders/301/pay').length === 1, 'POST /pay')
    expect(host.callsOf(target === 'weapp' ? 'requestPayment' : 'tradePay')).toHaveLength(1)
    await host.waitFor(() => host.current.route === PLAN, 'the plan page')
    expect(host.current.query).toMatchObject({ id: '31', paying: '301' })
    await host.waitForClass('plan-page__status', '配送中 · 每周配送 4 期')
    expect(host.findByClass('plan-schedule__item')).toHaveLength(4)
  })

  it('the plan order’s page shows the 周期购 row, which opens its delivery schedule', async () => {
    fake.plan = planView()
    await host.goto('pkg-order/order-detail/index?id=301')
    await host.waitForClass('order-plan', '周期购')
    expect(textOf(host.findByClass('order-plan__link')[0])).toBe('查看配送计划 ›')
    expect(host.findByClass('order-pickup__store')).toHaveLength(0)
    await host.tap(host.findByClass('order-plan')[0])
    await host.waitFor(() => host.current.route === PLAN && host.current.query.id === '31', 'the plan page from the order')
    await host.waitFor(() => host.findByClass('plan-schedule__item').length === 4, 'its four deliveries')
  })

  it('skips the 2nd delivery (confirmed): five deliveries, the 2nd 已跳过; a skip past the cut-off says so', async () => {
    fake.plan = planView()
    await host.goto(`${PLAN}?id=31`)
    await host.waitFor(() => host.findByClass('plan-schedule__skip').length === 4, 'four skip buttons')
    await host.tap(host.findByClass('plan-schedule__skip')[1])
    await host.waitFor(() => posts('/api/plans/31/deliveries/2/skip').length === 1, 'POST skip 2')
    const modal = host.callsOf(target === 'weapp' ? 'showModal' : 'confirm').at(-1)
    expect(JSON.stringify(modal?.args[0])).toContain('第 2 期将不配送')
    await host.waitFor(() => host.findByClass('plan-schedule__item').length === 5, 'five deliveries')
    const items = nodeText(host.findByClass('plan-schedule__status'))
    expect(items).toEqual(['待配送', '已跳过', '待配送', '待配送', '待配送'])
    // Delivery 3 is refused by the server (its cut-off passed meanwhile).
    await host.tap(host.findByClass('plan-schedule__skip')[1])
    await host.waitForClass('plan-page__notice', '已过截止时间，这期无法跳过')
  })

  it('cancels the rest: the refund the server answered is shown', async () => {
    await host.goto(`${PLAN}?id=31`)
    await host.tap(await host.waitForClass('plan-page__cancel', '取消剩余期数'))
    await host.waitFor(() => posts('/api/plans/31/cancel').length === 1, 'POST cancel')
    await host.waitForClass('plan-page__notice', '退款 ¥282.15 将原路退回')
    await host.waitForClass('plan-page__status', '已取消')
    expect(host.findByClass('plan-schedule__skip')).toHaveLength(0)
  })

  it('the me page’s level line opens the level page: progress, what the next level brings, the ladder; the birthday set once', async () => {
    fake.birthday = null
    await host.goto('pages/me/index')
    await host.waitForClass('me-card__level', '银卡会员')
    await host.tap(host.findByClass('me-card')[0])
    await host.waitFor(() => host.current.route === LEVEL, 'the level page from the me page')
    await host.waitForClass('level-hero__name', '银卡会员')
    expect(textOf(host.findByClass('level-hero__next')[0])).toBe('再获得 750 成长值升级为金卡会员')
    expect(host.findByClass('level-progress__bar')[0].st).toMatch(/width:\s*50%/)
    expect(nodeText(host.findByClass('level-next__benefit'))).toEqual(['· 全场包邮', '· 积分 1.5 倍', '· 专享会员价'])
    expect(host.findByClass('level-ladder__row')).toHaveLength(4)
    await host.fire(host.findByClass('level-birthday__picker')[0], 'change', { value: '2000-03-15' })
    const put = await host.waitFor(() => fake.received.find((r) => r.method === 'PUT' && r.path === '/api/levels/me/birthday'), 'PUT birthday')
    expect(put.body).toEqual({ birthday: '03-15' })
    await host.waitForClass('level-birthday', '3月15日')
  })

  it('the member card opens the platform’s way and activates with its answer', async () => {
    fake.card = CARD
    fake.openStep = target === 'weapp' ? { kind: 'wechat_add_card', cardId: 'pCard1', cardExt: '{"timestamp":"1764900000","signature":"sig"}' } : { kind: 'alipay_form', url: 'https://memberprod.alipay.com/account/openform/activecard.htm?app_id=2021&template_id=tpl1' }
    if (target === 'weapp') {
      host.api.addCard = (o: { cardList: unknown[]; success: (r: unknown) => void }) => {
        host.calls.push({ api: 'addCard', args: [JSON.parse(JSON.stringify(o)) as unknown] })
        setTimeout(() => o.success({ errMsg: 'addCard:ok', cardList: [{ cardId: 'pCard1', code: 'enc-code', isSuccess: true }] }), 0)
      }
    } else {
      host.api.addCardAuth = (o: { url: string; success: (r: unknown) => void }) => {
        host.calls.push({ api: 'addCardAuth', args: [JSON.parse(JSON.stringify(o)) as unknown] })
        setTimeout(() => o.success({ success: true, resultStatus: '9000', result: { auth_code: 'ac-1', template_id: 'tpl1', request_id: 'rq-1' } }), 0)
      }
    }
    await host.goto(MEMBER_CARD)
    await host.waitForClass('card-face__title', 'Duet 会员卡')
    expect(host.texts()).toContain('积分 120')
    await host.tap(await host.waitForClass('member-card-page__open', '领取会员卡'))
    const activate = await host.waitFor(() => posts('/api/member-card/activate')[0], 'POST activate')
    if (target === 'weapp') {
      expect(host.callsOf('addCard')[0].args[0]).toEqual({ cardList: [{ cardId: 'pCard1', cardExt: '{"timestamp":"1764900000","signature":"sig"}' }] })
      expect(activate.body).toEqual({ code: 'enc-code' })
    } else {
      expect(host.callsOf('addCardAuth')[0].args[0]).toEqual({ url: 'https://memberprod.alipay.com/account/openform/activecard.htm?app_id=2021&template_id=tpl1' })
      expect(activate.body).toEqual({ authCode: 'ac-1', templateId: 'tpl1', requestId: 'rq-1' })
    }
    await host.waitForClass('member-card-page__active', '已在卡包')
    expect(host.texts()).toContain('No. 8800001')
  })

  it('the sandbox step: the sandbox page plays the sheet, submits, activates and goes back', async () => {
    fake.card = CARD
    fake.openStep = { kind: 'sandbox', path: `/${SANDBOX_CARD}?token=tk1` }
    await host.goto(MEMBER_CARD)
    await host.tap(await host.waitForClass('member-card-page__open', '领取会员卡'))
    await host.waitFor(() => host.current.route === SANDBOX_CARD, 'the sandbox card page')
    await host.waitForClass('sandbox-card__badge', target === 'weapp' ? '微信卡包' : '支付宝会员卡开卡')
    if (target === 'alipay') {
      await host.input(host.findByClass('sandbox-card__phone')[0], '13800138000')
    }
    await host.tap(host.findByClass('sandbox-card__submit')[0])
    const submit = await host.waitFor(() => posts('/api/sandbox/member-card/tk1/submit')[0], 'POST submit')
    expect(submit.body).toEqual(target === 'alipay' ? { mobile: '13800138000' } : { cardExt: '{"signature":"s"}' })
    const activate = await host.waitFor(() => posts('/api/member-card/activate')[0], 'POST activate')
    expect(activate.body).toEqual(target === 'alipay' ? { authCode: 'sb-ac', requestId: 'sb-rq', templateId: 'sb-tpl' } : { code: 'enc-code' })
    await host.waitFor(() => host.current.route === MEMBER_CARD, 'back on the card page')
    await host.waitForClass('member-card-page__active', '已在卡包')
  })

  it('a platform without the shop’s card says the membership lives in the app', async () => {
    fake.card = { ...CARD, available: false }
    await host.goto(MEMBER_CARD)
    await host.waitForClass('member-card-page__unavailable', '当前账号暂不支持微信会员卡，会员权益在小程序内有效')
    expect(host.findByClass('member-card-page__open')).toHaveLength(0)
  })
})
