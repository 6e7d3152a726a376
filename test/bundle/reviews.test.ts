import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProductDetail } from '../../src/domain/contract'
import type { ReviewableLine, ReviewPage, ReviewView } from '../../src/domain/reviews'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { startFakeApi, type FakeApi } from '../helpers/fake-api'
import { MiniHost, textOf } from '../helpers/mini-runtime'
import { orderFixture } from '../helpers/orders'

// Reviews and the buyer show in the compiled mini-programs. The reviews endpoints are the
// server side's work (another part), so a small fake API answers them with the contract's
// shapes (src/domain/reviews.ts) and records what the app sent. The photo is picked and
// uploaded through the host (wx.chooseMedia / my.chooseImage, uploadFile), stubbed here.

const REVIEW = 'pkg-order/review/index'
const PRODUCT = 'pkg-shop/product/index'
const REVIEWS = 'pkg-shop/reviews/index'
const UPLOADED = '/api/uploads/reviews/r1.jpg'

const product: ProductDetail = {
  id: 1, title: '纯棉T恤', subtitle: '', categoryId: 1, price: 1990, originalPrice: null, image: '/api/images/a.jpg', sales: 3, stock: 50,
  offer: null, images: ['/api/images/a.jpg'], description: '好穿', specGroups: [], skus: [{ id: 1, specs: {}, price: 1990, stock: 50, image: null }],
}

const view = (id: number, over: Partial<ReviewView> = {}): ReviewView => ({
  id, productId: 1, skuId: 1, specText: '颜色: 白', rating: 5, content: `评价 ${id}`, photos: [], nickname: '小*', avatar: null,
  createdAt: '2026-12-05T02:00:00.000Z', append: null, reply: null, featured: false, ...over,
})

const SUMMARY = { count: 25, rating: 4.8, withPhotos: 3, goodPercent: 96 }

interface Fake extends FakeApi {
  /** The order's line review once posted. */
  reviewed: ReviewView | null
  appended: boolean
  /** The next review POST is refused with this 409. */
  refuse: string | null
}

async function startReviewsApi(): Promise<Fake> {
  const fake = { reviewed: null, appended: false, refuse: null } as Fake
  const line = (): ReviewableLine => ({
    orderItemId: 1, productId: 1, title: '纯棉T恤', image: '/api/images/a.jpg', specText: '颜色: 白',
    review: fake.reviewed, canReview: !fake.reviewed, canAppend: !!fake.reviewed && !fake.appended,
  })
  const api = await startFakeApi((key, body, query) => {
    if (key === 'GET /api/orders') return [200, { items: [orderFixture('completed'), orderFixture('shipped', { id: 41, orderNo: 'D20261123000041' })], total: 2, page: 1, pageSize: 10 }]
    if (key === 'GET /api/orders/42') return [200, orderFixture('completed')]
    if (key === 'GET /api/orders/42/reviews') return [200, { items: [line()] }]
    if (key === 'POST /api/orders/42/reviews') {
      if (fake.refuse) return [409, { code: fake.refuse, message: '订单确认收货后才能评价' }]
      const item = (body as { items: { rating: number; content: string; photos: string[] }[] }).items[0]
      fake.reviewed = view(9, { rating: item.rating, content: item.content, photos: item.photos })
      return [201, { items: [fake.reviewed] }]
    }
    if (key === 'POST /api/reviews/9/append') {
      if (fake.appended) return [409, { code: 'ALREADY_APPENDED', message: '已经追评过了' }]
      fake.appended = true
      return [200, { ...fake.reviewed, append: { ...(body as object), at: '2026-12-06T02:00:00.000Z' } }]
    }
    if (key === 'GET /api/products/1') return [200, product]
    if (key === 'GET /api/products/1/reviews') {
      const photos = query.get('withPhotos') === '1'
      const items = photos ? [view(3, { photos: ['/api/images/p3.jpg'] })] : [view(5, { content: '很舒服' }), view(4, { content: '尺码正好', reply: { content: '谢谢亲', at: '2026-12-05T03:00:00.000Z' } })]
      const page: ReviewPage = { summary: SUMMARY, items, total: photos ? 1 : 25, page: Number(query.get('page') ?? 1), pageSize: Number(query.get('pageSize') ?? 10) }
      return [200, page]
    }
    if (key === 'GET /api/products/1/buyer-show') return [200, { items: [view(3, { photos: ['/api/images/p3.jpg', '/api/images/p3b.jpg'], featured: true })] }]
    return undefined
  })
  return Object.assign(fake, api)
}

type Callbacks = { success?(res: unknown): void; fail?(err: unknown): void }

/** The host's picker hands back one photo; its uploadFile answers the server path (as the upload endpoint does). */
function stubPhotoHost(host: MiniHost): { uploads: Record<string, unknown>[] } {
  const uploads: Record<string, unknown>[] = []
  if (host.target === 'weapp') host.api.chooseMedia = (o: Callbacks) => setTimeout(() => o.success?.({ tempFiles: [{ tempFilePath: 'wxfile://r1.jpg', size: 1 }] }), 0)
  else host.api.chooseImage = (o: Callbacks) => setTimeout(() => o.success?.({ filePaths: ['https://resource/r1.jpg'] }), 0)
  host.api.uploadFile = (o: Callbacks & Record<string, unknown>) => {
    const { success: _s, fail: _f, complete: _c, ...sent } = o
    uploads.push(sent)
    const body = JSON.stringify({ url: UPLOADED })
    setTimeout(() => o.success?.(host.target === 'weapp' ? { statusCode: 201, data: body, errMsg: 'uploadFile:ok' } : { statusCode: 201, data: body }), 0)
    return { abort: () => {}, onProgressUpdate: () => {}, offProgressUpdate: () => {} }
  }
  return { uploads }
}

const session = JSON.stringify({ state: { token: 'shopper-token', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'shopper', avatar: null, platform: 'weapp' } }, version: 0 })

describe.each(['weapp', 'alipay'] as const)('reviews on dist/%s', (target: MiniTarget) => {
  let fake: Fake
  let host: MiniHost
  let photoHost: { uploads: Record<string, unknown>[] }

  beforeAll(async () => {
    requireDist(target)
    fake = await startReviewsApi()
    // The host's picker and uploadFile exist before launch: Taro lists the host's APIs when the app starts.
    host = new MiniHost(target, { serverUrl: fake.url, storage: { 'duet-session': session } })
    photoHost = stubPhotoHost(host)
    await host.launch()
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.received.length = 0
  })

  it('the completed order leads to 评价; a review with 4 stars, text and a photo posts them; then 追评 once', async () => {
    await host.goto('pkg-order/order-detail/index?id=42')
    await host.tap(await host.waitForClass('order-actions__review', '评价'))
    await host.waitFor(() => host.current.route === REVIEW, 'the review page')
    expect(host.current.query.orderId).toBe('42')

    await host.waitForClass('review-line', '纯棉T恤')
    await host.tap(host.findByClass('star-rating__star--4')[0])
    await host.waitForClass('star-rating__label', '好')
    await host.input(host.findByClass('review-line__text')[0], '很舒服，尺码正好')
    await host.tap(host.findByClass('review-line__add')[0])
    await host.waitForClass('review-line__add', '1/9')
    expect(photoHost.uploads).toHaveLength(1)
    const upload = photoHost.uploads[0]
    expect(String(upload.url)).toMatch(/^https?:\/\/[^/]+\/api\/uploads\/reviews$/)
    expect(upload.filePath).toBe(target === 'weapp' ? 'wxfile://r1.jpg' : 'https://resource/r1.jpg')
    // Taro hands Alipay the multipart field as fileName (and fileType, which my.uploadFile needs).
    expect(upload[target === 'weapp' ? 'name' : 'fileName']).toBe('file')
    expect((upload.header as Record<string, string>).authorization).toBe('Bearer shopper-token')

    await host.tap(host.findByClass('review-page__anonymous')[0])
    // Refused first: the server's words, and what was written and uploaded stays for the retry.
    fake.refuse = 'NOT_RECEIVED'
    await host.tap(host.findByClass('review-page__submit')[0])
    await host.waitForClass('review-page__error', '订单确认收货后才能评价')
    // (The textarea's value rides in the node's props under a shortcut key.)
    expect(Object.values(host.findByClass('review-line__text')[0])).toContain('很舒服，尺码正好')
    expect(host.findByClass('review-line__photo')).toHaveLength(1)
    fake.refuse = null
    await host.tap(host.findByClass('review-page__submit')[0])
    const posts = await host.waitFor(() => {
      const all = fake.received.filter((r) => r.method === 'POST' && r.path === '/api/orders/42/reviews')
      return all.length === 2 && all
    }, 'the second POST /api/orders/42/reviews')
    expect(posts[0].body).toEqual(posts[1].body)
    const post = posts[1]
    expect(post.body).toEqual({ items: [{ orderItemId: 1, rating: 4, content: '很舒服，尺码正好', photos: [UPLOADED], anonymous: true }] })
    expect(post.auth).toBe('Bearer shopper-token')

    // Reloaded: the line shows its review and 追评.
    await host.tap(await host.waitForClass('review-page__append', '追评'))
    await host.waitFor(() => host.current.query.append === '9', 'the append page')
    await host.input(await host.waitForClass('review-line__text'), '穿了一周，不起球')
    await host.tap(host.findByClass('review-page__submit')[0])
    await host.waitForClass('review-page__appended', '追评已提交')
    const append = fake.received.filter((r) => r.path === '/api/reviews/9/append')
    expect(append.map((r) => r.body)).toEqual([{ content: '穿了一周，不起球', photos: [] }])

    // Appended once: the order has nothing left to do.
    await host.goto('pkg-order/order-detail/index?id=42')
    await host.waitFor(() => fake.received.some((r) => r.path === '/api/orders/42/reviews'), 'the order asks about its reviews')
    await host.settle(10)
    expect(host.findByClass('order-actions__review')).toHaveLength(0)
  })

  it('the order list offers 评价 on the completed order only', async () => {
    // (Taps on this list's cards don't reach the page in this harness, 确认收货 neither: the
    // detail page's 评价 above covers the navigation.)
    await host.goto('pkg-order/orders/index')
    await host.waitForClass('order-actions__review', '评价')
    expect(host.findByClass('order-actions__review')).toHaveLength(1)
    const card = host.findByClass('order-card').find((n) => textOf(n).includes('评价'))
    expect(textOf(card ?? {})).toContain('D20261123000042')
  })

  it('the product page shows 好评率, the two newest reviews and the buyer show (tap previews)', async () => {
    await host.goto(`${PRODUCT}?id=1`)
    await host.waitForClass('review-section__good', '好评率 96%')
    expect(textOf(host.findByClass('review-section__title')[0])).toBe('评价 (25)')
    expect(host.findByClass('review-card').map((n) => textOf(n))).toEqual([expect.stringContaining('很舒服'), expect.stringContaining('尺码正好')])
    const asked = fake.received.find((r) => r.path === '/api/products/1/reviews')
    expect(asked).toBeTruthy()
    await host.waitForClass('buyer-show__title', '买家秀 (2)')
    await host.tap(host.findByClass('buyer-show__photo')[1])
    const preview = host.callsOf('previewImage').at(-1)?.args[0] as { urls: string[]; current: unknown }
    // Absolute URLs (the build's API origin), opening at the tapped one: WeChat's current is the URL, Alipay's the index.
    expect(preview.urls.map((u) => new URL(u).pathname)).toEqual(['/api/images/p3.jpg', '/api/images/p3b.jpg'])
    expect(preview.current).toBe(target === 'weapp' ? preview.urls[1] : 1)

    await host.tap(host.findByClass('review-section__head')[0])
    await host.waitFor(() => host.current.route === REVIEWS, 'the reviews page')
    expect(host.current.query.id).toBe('1')
  })

  it('the reviews page lists all, with the shop reply; 有图 asks withPhotos=1', async () => {
    await host.goto(`${REVIEWS}?id=1`)
    await host.waitForClass('review-card__reply', '商家回复：谢谢亲')
    expect(textOf(host.findByClass('reviews-summary__rating')[0])).toBe('4.8')
    const first = fake.received.filter((r) => r.path === '/api/products/1/reviews')
    expect(first).toHaveLength(1)
    await host.tap(host.findByClass('reviews-tabs__tab--photos')[0])
    await host.waitFor(() => host.findByClass('review-card').length === 1, 'the reviews with photos')
    const asked = host.requests.filter((r) => r.url.startsWith('/api/products/1/reviews'))
    expect(asked.at(-1)?.url).toMatch(/[?&]withPhotos=1(&|$)/)
    expect(asked[0].url).not.toMatch(/withPhotos/)
    expect(host.findByClass('review-card__photo')).toHaveLength(1)
  })
})
