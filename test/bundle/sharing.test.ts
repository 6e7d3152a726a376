import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProductDetail, Session } from '../../src/domain/contract'
import { DEFAULT_PROMOTER_SETTINGS, type PromoterMe, type WithdrawalView } from '../../src/domain/promoters'
import { teeProduct } from '../helpers/products'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { startFakeApi, type FakeAnswer, type FakeApi } from '../helpers/fake-api'
import { MiniHost, type ApiCall } from '../helpers/mini-runtime'

// The sharing side in the compiled mini-programs: attribution at launch (and again after
// login), a product opened from a code, withdrawals (WeChat's confirm sheet), posters drawn on
// the canvas and saved to the album. The sharing endpoints are other parts' work, so a small
// fake API answers them with the contract's shapes (src/domain/sharing.ts, promoters.ts).

const CODE_SCENE = 'Code1234'
const MY_SCENE = 'Mine5678'
const PACKAGE = 'ABBQO+oYAAABAAAAAACE1WyucqAj4mjz'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

const product: ProductDetail = teeProduct({ title: '纯棉T恤 夏季新款' })

const me: PromoterMe = {
  status: 'approved',
  scene: MY_SCENE,
  level1Customers: 2,
  recruits: 1,
  pending: 1500,
  released: 5000,
  withdrawable: 5000,
  withdrawn: 0,
  settings: { ...DEFAULT_PROMOTER_SETTINGS },
}

interface Fake extends FakeApi {
  withdrawals: WithdrawalView[]
  /** Answer withdrawals as a sandbox server does (channel sandbox, waiting for the in-app page). */
  sandbox: boolean
}

async function startSharingApi(target: MiniTarget): Promise<Fake> {
  const fake = { withdrawals: [], sandbox: false } as unknown as Fake
  const api = await startFakeApi((key, body, _query, request): FakeAnswer => {
    if (key === 'POST /api/attribution') {
      const signed = Boolean(request.auth)
      return [200, { scene: (body as { scene: string }).scene, productId: 7, storeId: null, channel: 'code', recorded: signed, bound: signed }]
    }
    if (key === `GET /api/scenes/${CODE_SCENE}`) return [200, { scene: CODE_SCENE, productId: 7, storeId: null, channel: 'code' }]
    if (key === 'POST /api/scenes') return [200, { scene: MY_SCENE }]
    if (key === 'GET /api/products/7') return [200, product]
    if (key === 'GET /api/codes') return [200, PNG, 'image/png']
    if (key === 'POST /api/auth/wechat' || key === 'POST /api/auth/alipay') {
      const session: Session = { token: 'tok-share', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 3, nickname: '小红', avatar: null, platform: target } }
      return [200, session]
    }
    if (key === 'GET /api/promoters/me') return [200, me]
    if (key === 'GET /api/promoters/me/withdrawals') return [200, { items: fake.withdrawals }]
    if (key === 'POST /api/promoters/me/withdrawals') {
      const amount = (body as { amount: number }).amount
      // WeChat: the transfer bill waits for the shopper's confirm; Alipay pays at once.
      const w: WithdrawalView = fake.sandbox
        ? { id: 11, amount, status: 'waiting_confirm', channel: 'sandbox', confirm: null, failure: null, createdAt: '2026-12-05T08:00:00.000Z', finishedAt: null, outBillNo: 'W11' }
        : target === 'weapp'
          ? { id: 11, amount, status: 'waiting_confirm', channel: 'wechat', confirm: { mchId: '1230000109', appId: 'wx0000000000000001', packageInfo: PACKAGE }, failure: null, createdAt: '2026-12-05T08:00:00.000Z', finishedAt: null, outBillNo: 'W11' }
          : { id: 11, amount, status: 'succeeded', channel: 'alipay', confirm: null, failure: null, createdAt: '2026-12-05T08:00:00.000Z', finishedAt: '2026-12-05T08:00:01.000Z', outBillNo: 'W11' }
      fake.withdrawals = [w]
      return [201, w]
    }
    if (key === 'POST /api/sandbox/transfers/W11/confirm') return [200, { ok: true }]
    if (key === 'POST /api/promoters/me/withdrawals/11/confirmed') {
      fake.withdrawals = fake.withdrawals.map((w) => ({ ...w, status: 'succeeded', confirm: null }))
      return [200, fake.withdrawals[0]]
    }
    return undefined
  })
  return Object.assign(fake, api)
}

type Cb = { success?(r: unknown): void; fail?(e: unknown): void; complete?(r: unknown): void }
const answer = (o: unknown, ok: boolean, res: unknown) =>
  setTimeout(() => {
    const c = (o ?? {}) as Cb
    if (ok) c.success?.(res)
    else c.fail?.(res)
    c.complete?.(res)
  }, 0)

/** What a test decides about the album permission (WeChat's getSetting / openSetting answers). */
interface Album {
  setting: boolean | undefined
  afterOpenSetting: boolean
}

/**
 * The host APIs the sharing pages use, added to the harness's fake `wx` / `my`: launch options
 * with the scene, the legacy canvas (every call recorded), files, the album and its permission,
 * and WeChat's merchant-transfer sheet.
 */
function addSharingApis(host: MiniHost, launchQuery: Record<string, string>, album: Album) {
  const api = host.api
  const record = (name: string, args: unknown[]) => host.calls.push({ api: name, args: JSON.parse(JSON.stringify(args ?? [])) as unknown[] })
  const options = () => ({ path: 'pages/index/index', query: { ...launchQuery }, scene: 1047 })
  api.getLaunchOptionsSync = options
  api.getEnterOptionsSync = options
  api.createCanvasContext = (id: string) => {
    const ctx: Record<string, unknown> = {}
    for (const m of ['setFillStyle', 'fillRect', 'drawImage', 'setFontSize', 'fillText', 'setTextAlign', 'save', 'restore']) ctx[m] = (...a: unknown[]) => record(`canvas.${m}`, [id, ...a])
    ctx.measureText = (t: string) => ({ width: [...t].length * 20 })
    ctx.draw = (_reserve: boolean, cb?: () => void) => {
      record('canvas.draw', [id])
      if (cb) setTimeout(cb, 0)
    }
    // Alipay's context exports itself.
    ctx.toTempFilePath = (o: unknown) => {
      record('canvas.toTempFilePath', [id])
      answer(o, true, { filePath: 'https://resource/apml-poster.png' })
    }
    return ctx
  }
  api.canvasToTempFilePath = (o: unknown) => {
    record('canvasToTempFilePath', [o])
    answer(o, true, { tempFilePath: 'wxfile://tmp/poster.png', errMsg: 'canvasToTempFilePath:ok' })
  }
  api.downloadFile = (o: { url: string }) => {
    record('downloadFile', [o])
    answer(o, true, { tempFilePath: 'wxfile://tmp/code.png', apFilePath: 'https://resource/code.png', statusCode: 200 })
    return { abort: () => {}, onProgressUpdate: () => {}, offProgressUpdate: () => {}, onHeadersReceived: () => {}, offHeadersReceived: () => {} }
  }
  api.getImageInfo = (o: { src: string }) => {
    record('getImageInfo', [o])
    answer(o, true, { path: 'wxfile://tmp/product.jpg', width: 800, height: 800 })
  }
  api.getSetting = (o: unknown) => {
    record('getSetting', [o])
    answer(o, true, { authSetting: album.setting === undefined ? {} : { 'scope.writePhotosAlbum': album.setting } })
  }
  api.authorize = (o: unknown) => {
    record('authorize', [o])
    answer(o, album.setting !== false, album.setting !== false ? { errMsg: 'authorize:ok' } : { errMsg: 'authorize:fail auth deny' })
  }
  api.openSetting = (o: unknown) => {
    record('openSetting', [o])
    answer(o, true, { authSetting: { 'scope.writePhotosAlbum': album.afterOpenSetting } })
  }
  api.saveImageToPhotosAlbum = (o: unknown) => {
    record('saveImageToPhotosAlbum', [o])
    answer(o, true, {})
  }
  if (host.target === 'weapp') {
    api.requestMerchantTransfer = (o: unknown) => {
      record('requestMerchantTransfer', [o])
      answer(o, true, { errMsg: 'requestMerchantTransfer:ok' })
    }
  }
}

const fields = (c: ApiCall) => {
  const { success: _s, fail: _f, complete: _c, ...rest } = c.args[0] as Record<string, unknown>
  return rest
}

describe.each(['weapp', 'alipay'] as const)('sharing on dist/%s', (target: MiniTarget) => {
  let fake: Fake
  let host: MiniHost
  const album: Album = { setting: undefined, afterOpenSetting: false }
  const attributions = () => fake.received.filter((r) => r.path === '/api/attribution')

  beforeAll(async () => {
    requireDist(target)
    fake = await startSharingApi(target)
    host = new MiniHost(target, { serverUrl: fake.url })
    // WeChat hands a code's scene URI-encoded in query.scene; Alipay's qrcode query_param arrives as query.
    addSharingApis(host, { scene: target === 'weapp' ? encodeURIComponent(CODE_SCENE) : CODE_SCENE }, album)
    await host.launch('pages/index/index', {})
    await host.settle()
  })
  afterAll(() => fake.close())

  it('launched with a scene: posts /api/attribution as a guest, keeps it, and posts it again after login', async () => {
    await host.waitFor(() => attributions().length >= 1, 'POST /api/attribution at launch')
    expect(attributions()[0]).toMatchObject({ body: { scene: CODE_SCENE }, auth: undefined })
    expect(host.storage.get('duet-pending-scene')).toBe(CODE_SCENE)
    await host.goto('pkg-account/login/index')
    await host.tap(await host.waitForClass('login-button'))
    await host.waitFor(() => attributions().some((r) => r.auth === 'Bearer tok-share'), 'the scene posted again with the session')
    expect(attributions().filter((r) => r.auth === 'Bearer tok-share').map((r) => r.body)).toEqual([{ scene: CODE_SCENE }])
    await host.waitFor(() => !host.storage.has('duet-pending-scene'), 'the pending scene cleared')
  })

  it('a product page opened from a code (only ?scene=) finds its product through GET /api/scenes/:id', async () => {
    await host.goto(`pkg-shop/product/index?scene=${encodeURIComponent(CODE_SCENE)}`)
    await host.waitFor(() => host.texts().includes(product.title), 'the product title')
    expect(fake.received.some((r) => r.path === `/api/scenes/${CODE_SCENE}`)).toBe(true)
    // A promoter sees what sharing it earns (10 % of ¥99.00) and the share carries their scene.
    await host.waitForClass('product-share-earn', '¥9.90')
    await host.waitFor(() => fake.received.some((r) => r.path === '/api/scenes' && (r.body as { productId?: number }).productId === 7), 'POST /api/scenes for the product')
  })

  it(`withdrawing ${target === 'weapp' ? 'opens requestMerchantTransfer with the package, then posts …/confirmed' : 'shows the result at once (no confirm step)'}`, async () => {
    await host.goto('pkg-share/withdraw/index')
    await host.waitForClass('withdraw-limits', '可提现 ¥50.00')
    await host.input(host.findByClass('withdraw-amount')[0], '12.5')
    await host.tap(host.findByClass('withdraw-submit')[0])
    await host.waitFor(() => fake.received.some((r) => r.path === '/api/promoters/me/withdrawals' && r.method === 'POST'), 'POST withdrawals')
    const posted = fake.received.find((r) => r.path === '/api/promoters/me/withdrawals' && r.method === 'POST')!.body as { amount: number; idempotencyKey: string }
    expect(posted.amount).toBe(1250)
    expect(posted.idempotencyKey).toMatch(/^w/)
    if (target === 'weapp') {
      await host.waitFor(() => fake.received.some((r) => r.path === '/api/promoters/me/withdrawals/11/confirmed'), 'POST …/confirmed')
      const calls = host.callsOf('requestMerchantTransfer')
      expect(calls).toHaveLength(1)
      expect(fields(calls[0])).toEqual({ mchId: '1230000109', appId: 'wx0000000000000001', package: PACKAGE })
    } else {
      expect(host.api.requestMerchantTransfer).toBeUndefined()
      await host.waitForClass('withdrawal-item__status', '已到账')
      expect(fake.received.some((r) => r.path.endsWith('/confirmed'))).toBe(false)
    }
  })

  it('in sandbox mode a waiting withdrawal opens the in-app transfer page: 确认收款 confirms with the sandbox, then …/confirmed', async () => {
    fake.sandbox = true
    const sheets = host.callsOf('requestMerchantTransfer').length
    await host.goto('pkg-share/withdraw/index')
    await host.waitForClass('withdraw-limits')
    await host.input(host.findByClass('withdraw-amount')[0], '1')
    await host.tap(host.findByClass('withdraw-submit')[0])
    await host.waitFor(() => host.current.route === 'pkg-share/sandbox-transfer/index', 'the sandbox transfer page')
    expect(host.current.query).toEqual({ id: '11', out: 'W11' })
    await host.waitForClass('sandbox-transfer__amount', '¥1.00')
    const before = fake.received.length
    await host.tap(host.findByClass('sandbox-transfer__confirm')[0])
    await host.waitFor(() => fake.received.slice(before).some((r) => r.path.endsWith('/confirmed')), 'POST …/confirmed')
    expect(fake.received.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/sandbox/transfers/W11/confirm', 'POST /api/promoters/me/withdrawals/11/confirmed']),
    )
    const order = fake.received.slice(before).map((r) => r.path)
    expect(order.indexOf('/api/sandbox/transfers/W11/confirm')).toBeLessThan(order.indexOf('/api/promoters/me/withdrawals/11/confirmed'))
    expect(host.callsOf('requestMerchantTransfer')).toHaveLength(sheets)
    fake.sandbox = false
  })

  it(`the poster page draws the product and its code, then saves it with ${target === 'weapp' ? 'wx' : 'my'}.saveImageToPhotosAlbum`, async () => {
    album.setting = undefined
    await host.goto('pkg-share/poster/index?productId=7')
    await host.waitFor(() => host.findByClass('poster-image')[0], 'the exported poster')
    const texts = host.callsOf('canvas.fillText').map((c) => c.args[1])
    expect(texts).toEqual(expect.arrayContaining(['Duet 商城', '¥99.00', '小红 推荐']))
    expect(host.callsOf('canvas.drawImage').map((c) => c.args[1])).toEqual(expect.arrayContaining([target === 'weapp' ? 'wxfile://tmp/code.png' : expect.stringMatching(/code\.png$/)]))
    const code = host.callsOf('downloadFile').map((c) => (c.args[0] as { url: string }).url).find((u) => u.includes('/api/codes'))
    expect(code).toContain(`scene=${MY_SCENE}`)
    expect(code).toContain(`platform=${target}`)
    expect(code).toContain(`page=${encodeURIComponent('pkg-shop/product/index')}`)
    if (target === 'weapp') expect(fields(host.callsOf('canvasToTempFilePath')[0])).toMatchObject({ canvasId: 'duet-poster', fileType: 'png' })
    else expect(host.callsOf('canvas.toTempFilePath')).toHaveLength(1)
    await host.tap(host.findByClass('poster-save')[0])
    await host.waitFor(() => host.callsOf('saveImageToPhotosAlbum').length === 1, 'saveImageToPhotosAlbum')
    expect(fields(host.callsOf('saveImageToPhotosAlbum')[0])).toEqual({ filePath: target === 'weapp' ? 'wxfile://tmp/poster.png' : 'https://resource/apml-poster.png' })
    if (target === 'weapp') expect(fields(host.callsOf('authorize')[0])).toEqual({ scope: 'scope.writePhotosAlbum' })
  })

  if (target === 'weapp') {
    it('a refused album permission: a modal explains, openSetting, and nothing is saved while it stays off', async () => {
      album.setting = false
      album.afterOpenSetting = false
      const saved = host.callsOf('saveImageToPhotosAlbum').length
      const modals = host.callsOf('showModal').length
      await host.goto('pkg-share/poster/index?productId=7')
      await host.waitFor(() => host.findByClass('poster-image')[0], 'the exported poster')
      await host.tap(host.findByClass('poster-save')[0])
      await host.waitForClass('poster-message', '相册权限')
      expect(host.callsOf('showModal').length).toBe(modals + 1)
      expect(host.callsOf('openSetting').length).toBeGreaterThan(0)
      expect(host.callsOf('saveImageToPhotosAlbum')).toHaveLength(saved)
    })
  }
})
