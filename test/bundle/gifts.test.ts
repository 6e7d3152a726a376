import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Address, LineInput, Order, PricePreview } from '../../src/domain/contract'
import type { GiftView } from '../../src/domain/gifts'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { startFakeApi, type FakeAnswer, type FakeApi } from '../helpers/fake-api'
import { launchMini, textOf, type MiniHost } from '../helpers/mini-runtime'
import { orderFixture, TEE_LINE } from '../helpers/orders'

// Gift sending in the compiled mini-programs. The gifts endpoints are the server side's work
// (another part), so a small fake API answers them with the contract's shapes
// (src/domain/gifts.ts, contract.ts Order.gift) and records what the app sent.

const CHECKOUT = 'pkg-order/checkout/index'
const ORDER_DETAIL = 'pkg-order/order-detail/index'
const GIFT = 'pkg-share/gift/index'
const CODE = 'Gift0A1b2C'

const HOME: Address = { id: 3, name: '李四', phone: '13900139000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号', isDefault: true }

function preview(items: LineInput[]): PricePreview {
  const lines = items.map((i) => ({ skuId: i.skuId, productId: 1, title: '纯棉T恤', image: '/api/images/a.jpg', specs: {}, unitPrice: 1990, quantity: i.quantity, lineTotal: 1990 * i.quantity, stock: 9, discount: 0, payable: 1990 * i.quantity, labels: [] }))
  const subtotal = lines.reduce((n, l) => n + l.lineTotal, 0)
  return { lines, itemCount: 2, subtotal, shipping: 0, discount: 0, total: subtotal, freeShippingGap: 0, applied: [], coupons: [], selectedCouponIds: [], nudges: [] }
}

const giftOrder: Order = orderFixture('paid', {
  items: [{ ...TEE_LINE, quantity: 2, lineTotal: 3980 }],
  itemCount: 2,
  subtotal: 3980,
  total: 3980,
  gift: { code: CODE, status: 'open', message: '生日快乐', recipients: 2, claimed: 0, expiresAt: '2026-12-06T08:00:00.000Z' },
})

/** The card as a friend (not the giver) sees it before claiming. */
const openView: GiftView = {
  code: CODE,
  status: 'open',
  message: '生日快乐',
  giver: { nickname: '小明', avatar: null },
  items: [{ title: '纯棉T恤', image: '/api/images/a.jpg', specs: '白', quantity: 1 }],
  recipients: 2,
  claimed: 1,
  claims: [{ nickname: '小红', at: '2026-12-05T09:00:00.000Z' }],
  expiresAt: '2026-12-06T08:00:00.000Z',
  mine: false,
  claimedByMe: false,
  orderId: null,
  myParcel: null,
  total: 3980,
}

interface Fake extends FakeApi {
  /** What POST /api/gifts/:code/claim answers next: the claimed card, or a 409 code. */
  claim: 'ok' | 'GIFT_OWN' | 'GIFT_ALL_CLAIMED'
  claimed: boolean
}

const CLAIM_409: Record<string, string> = { GIFT_OWN: 'own gift', GIFT_ALL_CLAIMED: 'all claimed' }

async function startGiftsApi(): Promise<Fake> {
  const fake = { claim: 'ok', claimed: false } as Fake
  const api = await startFakeApi((key, body, query): FakeAnswer => {
    if (key === 'GET /api/gifts') return [200, { items: query.get('role') === 'sent' ? [{ ...openView, mine: true, orderId: 42 }] : [claimedView()] }]
    if (key === 'GET /api/addresses') return [200, { items: [HOME] }]
    if (key === 'GET /api/credit/eligibility') return [200, { payAfterUse: { available: true, reason: null } }]
    if (key === 'POST /api/orders/preview') return [200, preview((body as { items: LineInput[] }).items)]
    if (key === 'POST /api/orders') return [201, { ...giftOrder, status: 'created' }]
    if (key === 'GET /api/orders/42') return [200, giftOrder]
    if (key === 'GET /api/orders/42/after-sales') return [200, { types: [], windowEndsAt: null, items: [] }]
    if (key === 'GET /api/orders/42/tracking') return [200, { orderId: 42, kind: 'express', parcels: [] }]
    if (key === `GET /api/gifts/${CODE}`) return [200, fake.claimed ? claimedView() : openView]
    if (key === `POST /api/gifts/${CODE}/claim`) {
      if (fake.claim !== 'ok') return [409, { code: fake.claim, message: CLAIM_409[fake.claim] }]
      fake.claimed = true
      return [200, claimedView()]
    }
    return undefined
  })
  return Object.assign(fake, api)
}

function claimedView(): GiftView {
  return {
    ...openView,
    status: 'claimed',
    claimed: 2,
    claims: [...openView.claims, { nickname: '李四', at: '2026-12-05T10:00:00.000Z' }],
    claimedByMe: true,
    myParcel: { carrier: '顺丰速运', trackingNo: 'SF1234567890' },
  }
}

// Tokens go in a header: ASCII only.
const session = (nickname: string) =>
  JSON.stringify({ state: { token: 'giver-token', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname, avatar: null, platform: 'weapp' } }, version: 0 })

describe.each(['weapp', 'alipay'] as const)('gift sending on dist/%s', (target: MiniTarget) => {
  let fake: Fake
  let host: MiniHost

  beforeAll(async () => {
    requireDist(target)
    fake = await startGiftsApi()
    host = await launchMini(target, { serverUrl: fake.url, storage: { 'duet-session': session('小明') } })
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.received.length = 0
    fake.claim = 'ok'
    fake.claimed = false
  })

  it('checkout as a gift posts `gift` and no addressId, without pay after use', async () => {
    await host.goto(`${CHECKOUT}?skuId=1&quantity=2`)
    await host.waitForClass('pay-mode')
    await host.tap(await host.waitForClass('gift-switch', '送礼'))
    await host.waitForClass('gift-form')
    expect(host.findByClass('checkout-address')).toHaveLength(0)
    expect(host.findByClass('pay-mode')).toHaveLength(0)
    await host.input(host.findByClass('gift-form__message')[0], '生日快乐')
    await host.tap(host.findByClass('gift-form__plus')[0])
    await host.waitForClass('gift-form__recipients', '2')
    // 2 pieces: 2 recipients is the most that splits evenly.
    expect(host.findByClass('gift-form__plus')[0].cl).toContain('is-disabled')
    await host.tap(host.findByClass('submit-order')[0])
    const post = await host.waitFor(() => fake.received.find((r) => r.method === 'POST' && r.path === '/api/orders'), 'POST /api/orders')
    expect((post.body as Record<string, unknown>).gift).toEqual({ message: '生日快乐', recipients: 2 })
    expect(post.body).not.toHaveProperty('addressId')
    expect(post.body).not.toHaveProperty('paymentMode')
  })

  it('the gift order shows the card state and shares pkg-share/gift/index?code=… as the giver’s gift', async () => {
    const page = await host.goto(`${ORDER_DETAIL}?id=42`)
    await host.waitForClass('order-gift__claimed', '已领取 0/2')
    expect(host.texts()).toContain('待领取')
    const button = await host.waitForClass('order-gift__share', '送给好友')
    if (target === 'weapp') {
      // <button open-type="share">: WeChat asks the page's onShareAppMessage({from: 'button'}).
      expect(Object.values(button)).toContain('share')
      expect(host.callsOf('showShareMenu').at(-1)?.args[0]).toMatchObject({ withShareTicket: true })
    } else {
      await host.tap(button)
      expect(host.callsOf('showSharePanel')).toHaveLength(1)
    }
    expect(typeof page.onShareAppMessage).toBe('function')
    const answer = (page.onShareAppMessage as (o: unknown) => Record<string, string>)({ from: target === 'weapp' ? 'button' : 'code' })
    expect(answer.path).toBe(`/pkg-share/gift/index?code=${CODE}`)
    expect(answer.title).toBe('小明 送你一份礼物')
    expect(answer.imageUrl).toMatch(/\/api\/images\/a\.jpg$/)
  })

  it('a friend opening the shared card claims with an address and sees 已领取 with the parcel', async () => {
    const page = await host.goto(`${GIFT}?code=${CODE}`)
    await host.waitForClass('gift-card__from', '小明 送你一份礼物')
    expect(host.texts()).toContain('“生日快乐”')
    expect(host.texts()).toContain('已领取 1/2')
    const shared = (page.onShareAppMessage as (o: unknown) => Record<string, string>)({ from: 'menu' })
    expect(shared.path).toBe(`/pkg-share/gift/index?code=${CODE}`)
    await host.tap(await host.waitForClass('gift-page__claim', '领取礼物'))
    // The address list in select mode; the pick comes back to the card, which claims with it.
    await host.tap(await host.waitForClass('address-item', '世纪大道 100 号'))
    await host.waitForClass('gift-mine__state', '已领取')
    expect(host.current.route).toBe(GIFT)
    const claim = fake.received.find((r) => r.method === 'POST' && r.path === `/api/gifts/${CODE}/claim`)
    expect(claim?.body).toEqual({ addressId: 3 })
    expect(textOf(await host.waitForClass('gift-mine__parcel'))).toBe('顺丰速运 SF1234567890')
    expect(host.findByClass('gift-page__claim')).toHaveLength(0)
  })

  it.each([
    ['GIFT_OWN', '这是你送出的礼物，分享给好友领取吧'],
    ['GIFT_ALL_CLAIMED', '礼物已经被领完了'],
  ] as const)('a refused claim (%s) says so in words', async (code, message) => {
    fake.claim = code
    await host.goto(`${GIFT}?code=${CODE}`)
    await host.tap(await host.waitForClass('gift-page__claim', '领取礼物'))
    await host.tap(await host.waitForClass('address-item', '世纪大道 100 号'))
    await host.waitForClass('gift-page__error', message)
    expect(host.callsOf('showToast').some((c) => (c.args[0] as { title?: string }).title === message)).toBe(true)
    expect(host.findByClass('gift-mine__state')).toHaveLength(0)
  })

  it('a friend who is not logged in goes to login and comes back to the card', async () => {
    const guest = await launchMini(target, { serverUrl: fake.url })
    await guest.goto(`${GIFT}?code=${CODE}`)
    await guest.tap(await guest.waitForClass('gift-page__claim', '领取礼物'))
    await guest.waitFor(() => guest.current.route === 'pkg-account/login/index', 'the login page')
    expect(decodeURIComponent(guest.current.query.back ?? '')).toBe(`/pkg-share/gift/index?code=${CODE}`)
    expect(fake.received.some((r) => r.path.endsWith('/claim'))).toBe(false)
  })

  it('我的礼物 lists the sent gifts and the received ones by tab, from the 我的 tab', async () => {
    await host.goto('pages/me/index')
    await host.tap(await host.waitForClass('me-row--gifts', '我的礼物'))
    await host.waitFor(() => host.current.route === 'pkg-share/gifts/index', 'the gifts page')
    await host.waitForClass('gift-row__meta', '待领取 · 已领取 1/2')
    await host.tap(host.findByClass('gifts-tabs__tab--received')[0])
    await host.waitForClass('gift-row__title', '小明 送的礼物')
    expect(host.texts()).toContain('已发货 顺丰速运 SF1234567890')
    const asked = fake.received.filter((r) => r.path === '/api/gifts').length
    expect(asked).toBe(2)
  })
})
