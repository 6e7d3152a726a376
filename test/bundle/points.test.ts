import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Address, LineInput, PricePreview, Session } from '../../src/domain/contract'
import type { CheckInCalendar, CheckInResult, MallItemView, PointsEntryView, PointsView, RedeemResult } from '../../src/domain/points'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { startFakeApi, type FakeAnswer, type FakeApi } from '../helpers/fake-api'
import { launchMini, MiniHost, textOf } from '../helpers/mini-runtime'
import { orderFixture } from '../helpers/orders'

// Points, check-in, the points mall, invites and 积分抵扣 in the compiled mini-programs. The
// endpoints are the server side's work (modules/points, mall, referrals), so a small fake API
// answers them with the contract's shapes (src/domain/points.ts, contract.ts PricePreview.points)
// and records what the app sent.

const CHECK_IN = 'pkg-growth/check-in/index'
const MALL = 'pkg-growth/mall/index'
const CHECKOUT = 'pkg-order/checkout/index'
const INVITE = 'Ab12cd'

const HOME: Address = { id: 3, name: '李四', phone: '13900139000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号', isDefault: true }

const ITEMS: MallItemView[] = [
  { id: 1, kind: 'coupon', title: '满50减10券', image: '', points: 100, price: 0, stockLeft: 20, perUserLimit: 1, redeemed: 0 },
  { id: 2, kind: 'product', title: '帆布袋', image: '/api/images/bag.jpg', points: 500, price: 990, stockLeft: 5, perUserLimit: null, redeemed: 0 },
]

/** 100 points a yuan: a point is a fen; at most half the goods. */
function preview(items: LineInput[], points: number | undefined): PricePreview {
  const lines = items.map((i) => ({ skuId: i.skuId, productId: 1, title: '纯棉T恤', image: '/api/images/a.jpg', specs: {}, unitPrice: 1990, quantity: i.quantity, lineTotal: 1990 * i.quantity, stock: 9, discount: 0, payable: 1990 * i.quantity, labels: [] }))
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  const usable = Math.min(1200, Math.floor(subtotal / 2))
  const used = points ?? 0
  return {
    lines,
    itemCount: 2,
    subtotal,
    shipping: 0,
    discount: used,
    total: subtotal - used,
    freeShippingGap: 0,
    applied: used ? [{ source: 'points', label: '积分抵扣', amount: used } as unknown as PricePreview['applied'][number]] : [],
    coupons: [],
    selectedCouponIds: [],
    nudges: [],
    points: { balance: 1200, usable, value: usable, pointsPerYuan: 100, used, usedValue: used },
  }
}

const LEDGER: PointsEntryView[] = [
  { id: 3, delta: 5, kind: 'check_in', title: '签到第 1 天', at: '2026-12-05T01:00:00.000Z', expiresAt: '2027-12-31T15:59:59.999Z' },
  { id: 2, delta: -100, kind: 'mall', title: '兑换「满50减10券」', at: '2026-12-04T01:00:00.000Z', expiresAt: null },
  { id: 1, delta: 200, kind: 'referral', title: '邀请好友 小红', at: '2026-12-01T01:00:00.000Z', expiresAt: '2027-12-31T15:59:59.999Z' },
]

interface Fake extends FakeApi {
  checkedToday: boolean
  redeem: 'ok' | 'POINTS_NOT_ENOUGH' | 'MALL_SOLD_OUT'
}

async function startPointsApi(target: MiniTarget): Promise<Fake> {
  const fake = { checkedToday: false, redeem: 'ok' } as Fake
  const calendar = (month: string | null): CheckInCalendar => {
    const m = month ?? '2026-12'
    const days = m === '2026-12' ? ['2026-12-03', '2026-12-04', ...(fake.checkedToday ? ['2026-12-05'] : [])] : m === '2026-11' ? ['2026-11-30'] : []
    return { month: m, days, today: '2026-12-05', checkedToday: fake.checkedToday, streak: fake.checkedToday ? 3 : 2, daily: 5, streakBonuses: [{ day: 7, points: 20 }], balance: fake.checkedToday ? 105 : 100 }
  }
  const api = await startFakeApi((key, body, query): FakeAnswer => {
    if (key === 'POST /api/auth/wechat' || key === 'POST /api/auth/alipay') {
      const session: Session = { token: 'tok-new', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 9, nickname: '新朋友', avatar: null, platform: target } }
      return [200, session]
    }
    if (key === 'POST /api/attribution') return [200, { scene: null, productId: null, storeId: null, channel: null, recorded: false, bound: false }]
    if (key === 'POST /api/referrals/accept') return [200, { accepted: true }]
    if (key === 'GET /api/check-in') return [200, calendar(query.get('month'))]
    if (key === 'POST /api/check-in') {
      const already = fake.checkedToday
      fake.checkedToday = true
      const r: CheckInResult = { awarded: already ? 0 : 5, streak: 3, balance: 105, already }
      return [200, r]
    }
    if (key === 'GET /api/points') {
      // Three entries, two a page: the second page comes with the list's end.
      const page = Number(query.get('page') ?? 1)
      const all = LEDGER.slice((page - 1) * 2, page * 2)
      const v: PointsView = { balance: 105, items: Number(query.get('pageSize')) === 1 ? [] : all, total: 3, page, pageSize: 2, expiring: { points: 60, at: '2027-12-31T15:59:59.999Z' }, redeem: { pointsPerYuan: 100, maxPercent: 50 } }
      return [200, v]
    }
    if (key === 'GET /api/referrals/me') return [200, { code: INVITE, reward: { inviter: 200, friend: 100 }, friends: [{ nickname: '小红', status: 'rewarded', at: '2026-12-01T02:00:00.000Z' }] }]
    if (key === 'GET /api/mall/items') return [200, { items: ITEMS }]
    if (key === 'POST /api/points/redeem') {
      if (fake.redeem !== 'ok') return [409, { code: fake.redeem, message: 'server text' }]
      const itemId = (body as { itemId: number }).itemId
      const r: RedeemResult = itemId === 1 ? { redemptionId: 1, balance: 5, orderId: null, couponId: 77, status: 'done' } : { redemptionId: 2, balance: 5, orderId: 42, couponId: null, status: 'awaiting_payment' }
      return [201, r]
    }
    if (key === 'GET /api/addresses') return [200, { items: [HOME] }]
    if (key === 'GET /api/credit/eligibility') return [200, { payAfterUse: { available: false, reason: null } }]
    if (key === 'POST /api/orders/preview') return [200, preview((body as { items: LineInput[] }).items, (body as { points?: number }).points)]
    if (key === 'POST /api/orders') return [201, orderFixture('created', { id: 43 })]
    if (key === 'GET /api/orders/42') return [200, orderFixture('created', { id: 42 })]
    if (key === 'POST /api/orders/42/pay') return [200, target === 'weapp' ? { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx42', signType: 'RSA', paySign: 's' } : { tradeNO: '2026120542' }]
    if (key === 'GET /api/orders/42/after-sales') return [200, { types: [], windowEndsAt: null, items: [] }]
    if (key === 'GET /api/orders/42/tracking') return [200, { orderId: 42, kind: 'express', parcels: [] }]
    return undefined
  })
  return Object.assign(fake, api)
}

// Tokens go in a header: ASCII only.
const session = JSON.stringify({ state: { token: 'shopper-token', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: '小明', avatar: null, platform: 'weapp' } }, version: 0 })

describe.each(['weapp', 'alipay'] as const)('points on dist/%s', (target: MiniTarget) => {
  let fake: Fake
  let host: MiniHost
  const posts = (path: string) => fake.received.filter((r) => r.method === 'POST' && r.path === path)

  beforeAll(async () => {
    requireDist(target)
    fake = await startPointsApi(target)
    host = await launchMini(target, { serverUrl: fake.url, storage: { 'duet-session': session } })
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.received.length = 0
    fake.checkedToday = false
    fake.redeem = 'ok'
  })

  it('the calendar marks the checked days and today, with the streak and the next bonus', async () => {
    await host.goto(CHECK_IN)
    await host.waitForClass('check-in__streak', '已连续签到 2 天')
    expect(host.texts()).toContain('再签 5 天得 20 积分')
    expect(host.texts()).toContain('2026年12月')
    const checked = host.findByClass('is-checked').map(textOf)
    expect(checked).toEqual(['3✓', '4✓'])
    expect(host.findByClass('is-today').map(textOf)).toEqual(['5'])
    // Dec 1 2026 is a Tuesday: one blank (Monday) before it.
    expect(host.findByClass('month-grid__day--blank').length).toBeGreaterThanOrEqual(1)
    await host.tap(host.findByClass('check-in__prev')[0])
    await host.waitForClass('check-in__month', '2026年11月')
    expect(host.findByClass('is-checked').map(textOf)).toEqual(['30✓'])
  })

  it('签到 posts once and shows 今日已签到 +5; a second tap answers already', async () => {
    await host.goto(CHECK_IN)
    await host.tap(await host.waitForClass('check-in__button', '签到'))
    await host.waitForClass('check-in__button', '今日已签到 +5')
    expect(posts('/api/check-in')).toHaveLength(1)
    await host.waitFor(() => host.findByClass('is-checked').length === 3, 'today marked')
    expect(host.texts()).toContain('已连续签到 3 天')
    await host.tap(host.findByClass('check-in__button')[0])
    await host.waitFor(() => posts('/api/check-in').length === 2, 'the second POST')
    await host.waitFor(() => host.findByClass('check-in__button').map(textOf)[0] === '今日已签到', 'already')
    expect(host.callsOf('showToast').some((c) => (c.args[0] as { title?: string }).title === '今日已签到')).toBe(true)
  })

  it('redeeming a coupon posts the item; it lands in 我的优惠券', async () => {
    await host.goto(MALL)
    await host.waitForClass('mall-item__price', '500 积分 + ¥9.90')
    await host.tap(host.findByClass('mall-item__redeem')[0])
    const post = await host.waitFor(() => posts('/api/points/redeem')[0], 'POST /api/points/redeem')
    expect(post.body).toMatchObject({ itemId: 1 })
    expect(post.body).not.toHaveProperty('addressId')
    expect(typeof (post.body as { idempotencyKey?: unknown }).idempotencyKey).toBe('string')
    const modal = target === 'weapp' ? 'showModal' : 'confirm'
    await host.waitFor(() => host.callsOf(modal).some((c) => JSON.stringify(c.args[0]).includes('已放入我的优惠券')), 'the success modal')
  })

  it('a points + money product picks an address, posts it, and opens the cashier for the money part', async () => {
    await host.goto(MALL)
    await host.waitForClass('mall-item__title', '帆布袋')
    await host.tap(host.findByClass('mall-item__redeem')[1])
    await host.tap(await host.waitForClass('address-item', '世纪大道 100 号'))
    const post = await host.waitFor(() => posts('/api/points/redeem')[0], 'POST /api/points/redeem')
    expect(post.body).toMatchObject({ itemId: 2, addressId: 3 })
    // The shop's pay flow: POST /pay, the platform's cashier (the harness cancels it), the result page.
    await host.waitFor(() => posts('/api/orders/42/pay').length === 1, 'POST /api/orders/42/pay')
    expect(host.callsOf(target === 'weapp' ? 'requestPayment' : 'tradePay')).toHaveLength(1)
    await host.waitFor(() => host.current.route === 'pkg-order/pay-result/index', 'the pay result page')
    expect(host.current.query).toMatchObject({ id: '42', result: 'cancelled' })
  })

  it.each([
    ['POINTS_NOT_ENOUGH', '积分不足，去签到赚积分吧'],
    ['MALL_SOLD_OUT', '已兑完，看看别的吧'],
  ] as const)('a refused redemption (%s) says so and stays on the mall', async (code, message) => {
    fake.redeem = code
    await host.goto(MALL)
    await host.tap(await host.waitForClass('mall-item__redeem', '兑换'))
    await host.waitForClass('mall-error', message)
    expect(host.current.route).toBe(MALL)
  })

  it('checkout: the 积分抵扣 switch sends `points` in the preview and the order', async () => {
    await host.goto(`${CHECKOUT}?skuId=1&quantity=2`)
    await host.tap(await host.waitForClass('points-switch', '可用 1200 积分抵 ¥12.00'))
    await host.waitFor(() => posts('/api/orders/preview').some((r) => (r.body as { points?: number }).points === 1200), 'a preview with points')
    await host.waitFor(() => host.findByClass('points-switch')[0]?.cl?.includes('is-on'), 'the switch on')
    await host.tap(host.findByClass('submit-order')[0])
    const order = await host.waitFor(() => posts('/api/orders')[0], 'POST /api/orders')
    expect((order.body as { points?: number }).points).toBe(1200)
  })

  it('我的 shows the points balance and the growth entries', async () => {
    await host.goto('pages/me/index')
    await host.waitForClass('me-row__points', '105 积分')
    for (const entry of ['me-row--check-in', 'me-row--mall', 'me-row--invite', 'me-row--groups']) expect(host.findByClass(entry)).toHaveLength(1)
    await host.tap(host.findByClass('me-row--check-in')[0])
    await host.waitFor(() => host.current.route === CHECK_IN, 'the check-in page')
  })

  it('积分: the balance, what expires, and the ledger a page at a time', async () => {
    await host.goto('pkg-growth/points/index')
    await host.waitForClass('points-head__balance', '105')
    expect(host.texts()).toContain('60 积分将于 2027-12-31 过期')
    await host.waitForClass('points-entry__title', '兑换「满50减10券」')
    expect(host.findByClass('points-entry__delta').map(textOf)).toEqual(['+5', '-100'])
    const page = host.current as unknown as { onReachBottom?: () => void }
    page.onReachBottom?.()
    await host.waitForClass('points-entry__title', '邀请好友 小红')
    await host.waitForClass('list-footer', '没有更多了')
  })

  it('邀请有礼 shares the home page with ?invite=<code> and lists the friends', async () => {
    const page = await host.goto('pkg-growth/invite/index')
    await host.waitForClass('invite-head__code', INVITE)
    expect(host.texts()).toContain('已奖励')
    const answer = (page.onShareAppMessage as (o: unknown) => Record<string, string>)({ from: 'menu' })
    expect(answer.path).toBe(`/pages/index/index?invite=${INVITE}`)
  })

  it('launched with ?invite= as a guest: kept, then POST /api/referrals/accept right after login', async () => {
    const guest = new MiniHost(target, { serverUrl: fake.url })
    const options = () => ({ path: 'pages/index/index', query: { invite: INVITE }, scene: 1007 })
    guest.api.getLaunchOptionsSync = options
    guest.api.getEnterOptionsSync = options
    await guest.launch('pages/index/index', { invite: INVITE })
    await guest.settle()
    await guest.waitFor(() => guest.storage.get('duet-pending-invite') === INVITE, 'the invite kept')
    expect(posts('/api/referrals/accept')).toHaveLength(0)
    await guest.goto('pkg-account/login/index')
    await guest.tap(await guest.waitForClass('login-button'))
    const accept = await guest.waitFor(() => posts('/api/referrals/accept')[0], 'POST /api/referrals/accept')
    expect(accept.body).toEqual({ code: INVITE })
    expect(accept.auth).toBe('Bearer tok-new')
    await guest.waitFor(() => !guest.storage.has('duet-pending-invite'), 'the pending invite cleared')
    expect(posts('/api/referrals/accept')).toHaveLength(1)
  })
})
