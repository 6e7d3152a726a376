import { beforeEach, describe, expect, it } from 'vitest'
import { setRequestHandler, type RequestHandler } from '../../../test/shims/taro'
import { useSession } from '@/store/session'
import { devLogin, loginWithWechat } from '../auth'
import { fetchCart } from '../cart'
import { ApiError } from '../http'
import { createOrder, fetchOrders } from '../orders'
import { createAddress } from '../addresses'

type Req = Parameters<RequestHandler>[0]
let requests: Req[]

function reply(statusCode: number, data: unknown) {
  setRequestHandler((r) => {
    requests.push(r)
    return { statusCode, data }
  })
}

const session = { token: 'tok-9', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 9, nickname: '小红', avatar: null, platform: 'weapp' as const } }

beforeEach(() => {
  requests = []
  useSession.getState().signOut()
})

describe('auth header', () => {
  it('sends the session token on account calls', async () => {
    useSession.getState().signIn(session)
    reply(200, { lines: [], preview: { lines: [], itemCount: 0, subtotal: 0, shipping: 0, discount: 0, total: 0, freeShippingGap: 0 }, count: 0 })
    await fetchCart()
    expect(requests[0].header?.authorization).toBe('Bearer tok-9')
  })

  it('never sends an old token with a login call', async () => {
    useSession.getState().signIn(session)
    reply(200, session)
    await loginWithWechat('code-1')
    await devLogin('小明')
    expect(requests.map((r) => r.header?.authorization)).toEqual([undefined, undefined])
    expect(requests[0]).toMatchObject({ method: 'POST', data: { code: 'code-1' } })
    expect(requests[0].url).toMatch(/\/api\/auth\/wechat$/)
    expect(requests[1]).toMatchObject({ data: { nickname: '小明' } })
  })

  it('an expired session sends no token', async () => {
    useSession.getState().signIn({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() })
    reply(200, { items: [], total: 0, page: 1, pageSize: 10 })
    await fetchOrders({ page: 1 })
    expect(requests[0].header?.authorization).toBeUndefined()
  })
})

describe('error mapping', () => {
  it('turns a 409 SOLD_OUT into an ApiError with the server message', async () => {
    useSession.getState().signIn(session)
    reply(409, { code: 'SOLD_OUT', message: '纯棉T恤 库存不足' })
    const err = await createOrder({ items: [{ skuId: 1, quantity: 1 }], idempotencyKey: 'k1' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 409, code: 'SOLD_OUT', message: '纯棉T恤 库存不足', retryable: false })
  })

  it('a 401 signs the shopper out', async () => {
    useSession.getState().signIn(session)
    reply(401, { code: 'UNAUTHORIZED', message: '请先登录' })
    await expect(fetchCart()).rejects.toMatchObject({ status: 401 })
    expect(useSession.getState().token).toBeNull()
  })

  it('a network failure is retryable', async () => {
    setRequestHandler(() => {
      throw new Error('request:fail timeout')
    })
    await expect(fetchCart()).rejects.toMatchObject({ status: 0, code: 'NETWORK', retryable: true })
  })

  it('a 400 keeps the validation message for the form', async () => {
    useSession.getState().signIn(session)
    reply(400, { code: 'VALIDATION', message: '请输入 11 位手机号' })
    await expect(createAddress({ name: '张三', phone: '123', region: ['浙江省', '杭州市', '西湖区'], detail: '西溪路 556 号' })).rejects.toThrow('请输入 11 位手机号')
    expect(requests[0].data).toEqual({ name: '张三', phone: '123', region: ['浙江省', '杭州市', '西湖区'], detail: '西溪路 556 号', isDefault: false })
  })
})

describe('reshaping', () => {
  it('makes order images absolute once, leaving absolute URLs alone', async () => {
    useSession.getState().signIn(session)
    const item = { skuId: 1, productId: 1, title: 't', specs: {}, unitPrice: 100, quantity: 1, lineTotal: 100 }
    reply(200, {
      items: [{ id: 1, items: [{ ...item, image: '/api/images/a.jpg' }, { ...item, skuId: 2, image: 'https://cdn.example.com/b.jpg' }] }],
      total: 1,
      page: 1,
      pageSize: 10,
    })
    const page = await fetchOrders({ page: 1, status: 'created' })
    expect(page.items[0].items.map((i) => i.image)).toEqual(['http://127.0.0.1:3000/api/images/a.jpg', 'https://cdn.example.com/b.jpg'])
    expect(requests[0].url).toMatch(/\/api\/orders\?status=created&page=1&pageSize=10$/)
  })
})
