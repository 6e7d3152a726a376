import QRCode from 'qrcode'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { fakeWechatApi, TOKEN_CALL } from './fake-wechat'
import { wechatCodes } from '../wechat/codes'
import { alipayCodes, type AlipayQrcodeApi, type AlipayQrcodeBody } from '../alipay/codes'
import { sandboxCodes } from '../sandbox/codes'
import { ProviderError } from '../types'

const AT = new Date('2026-12-05T04:00:00.000Z')
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])
const image = (bytes: Buffer, type = 'image/jpeg') => new Response(new Uint8Array(bytes), { headers: { 'content-type': type } })

/** A fake api.weixin.qq.com whose getwxacodeunlimit answers from a queue (a PNG when it runs dry). */
function fakeWechat(envVersion: 'release' | 'trial' | 'develop', answers: Response[]) {
  const api = fakeWechatApi(() => answers.shift() ?? image(PNG), () => AT)
  return { calls: api.calls, facet: wechatCodes({ tokens: api.tokens, envVersion, fetch: api.fetch }) }
}
const UNLIMIT = '/wxa/getwxacodeunlimit'

describe('WeChat getwxacodeunlimit', () => {
  it('release: the exact body (check_path true), the image bytes as they came', async () => {
    const { calls, facet } = fakeWechat('release', [image(PNG, 'image/png')])
    expect((await facet.create({ page: 'pkg-shop/product/index', scene: 'Ab3dE5gH', width: 600 })).equals(PNG)).toBe(true)
    expect(calls).toEqual([
      TOKEN_CALL,
      { path: UNLIMIT, query: { access_token: 'TOKEN-1' }, body: { scene: 'Ab3dE5gH', page: 'pkg-shop/product/index', check_path: true, env_version: 'release', width: 600 } },
    ])
  })

  it('a JPEG (WeChat\'s default) is converted to PNG', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } }).jpeg().toBuffer()
    const { facet } = fakeWechat('release', [image(jpeg, 'image/jpeg')])
    expect((await sharp(await facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })).metadata()).format).toBe('png')
    const broken = fakeWechat('release', [image(Buffer.from('not an image'), 'image/jpeg')])
    await expect(broken.facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })).rejects.toBeInstanceOf(ProviderError)
  })

  it('trial / develop: check_path false (the page may not be published), width 430 by default', async () => {
    const { calls, facet } = fakeWechat('develop', [image(PNG)])
    await facet.create({ page: 'pages/index/index', scene: '00000000' })
    expect(calls[1].body).toEqual({ scene: '00000000', page: 'pages/index/index', check_path: false, env_version: 'develop', width: 430 })
  })

  it('an errcode answer (JSON, not an image) is a ProviderError with its errcode and errmsg', async () => {
    const { facet } = fakeWechat('release', [Response.json({ errcode: 41030, errmsg: 'invalid page rid: 1' })])
    const err = await facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProviderError)
    expect((err as Error).message).toBe('WeChat getwxacodeunlimit: errcode 41030 invalid page rid: 1')
  })

  it('a bad access_token is renewed once and the call made again; refused twice is an error', async () => {
    const { calls, facet } = fakeWechat('release', [Response.json({ errcode: 40001, errmsg: 'invalid credential' }), image(PNG)])
    expect((await facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })).equals(PNG)).toBe(true)
    expect(calls.map((c) => `${c.path} ${c.query.access_token ?? ''}`.trim())).toEqual(['/cgi-bin/token', `${UNLIMIT} TOKEN-1`, '/cgi-bin/token', `${UNLIMIT} TOKEN-2`])

    const twice = fakeWechat('release', [Response.json({ errcode: 42001, errmsg: 'expired' }), Response.json({ errcode: 40001, errmsg: 'invalid credential' })])
    await expect(twice.facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })).rejects.toThrow('access_token refused twice')
  })

  it('a gateway error page and an unreachable WeChat are ProviderErrors', async () => {
    const { facet } = fakeWechat('release', [new Response('<html>502</html>', { status: 502, headers: { 'content-type': 'text/html' } })])
    await expect(facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })).rejects.toThrow(/HTTP 502/)
    const down = wechatCodes({ tokens: { get: async () => 'T', invalidate: () => {} }, envVersion: 'release', fetch: (async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch })
    await expect(down.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })).rejects.toBeInstanceOf(ProviderError)
  })
})

describe('Alipay alipay.open.app.qrcode.create', () => {
  function fakeAlipay(answer: Awaited<ReturnType<AlipayQrcodeApi>>, img: Response) {
    const bodies: AlipayQrcodeBody[] = []
    const fetched: string[] = []
    const api: AlipayQrcodeApi = async (biz) => {
      bodies.push(biz)
      return answer
    }
    const facet = alipayCodes(api, (async (url: string | URL) => {
      fetched.push(String(url))
      return img
    }) as typeof fetch)
    return { bodies, fetched, facet }
  }
  const URL_ = 'https://mass.alipay.com/wsdk/img?fileid=A*x&bz=am_afts_openhome&zoom=original'

  it('url_param = the page, query_param = scene=<id>, describe; then the image at qr_code_url (a PNG as it came)', async () => {
    const { bodies, fetched, facet } = fakeAlipay({ code: '10000', msg: 'Success', qrCodeUrl: URL_ }, image(PNG, 'image/png'))
    expect((await facet.create({ page: 'pkg-share/gift/index', scene: 'Ab3dE5gH' })).equals(PNG)).toBe(true)
    expect(bodies).toEqual([{ url_param: 'pkg-share/gift/index', query_param: 'scene=Ab3dE5gH', describe: '分享码 Ab3dE5gH' }])
    expect(fetched).toEqual([URL_])
  })

  it('another image format is converted to PNG', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).jpeg().toBuffer()
    const { facet } = fakeAlipay({ code: '10000', qrCodeUrl: URL_ }, image(jpeg))
    const png = await facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })
    expect((await sharp(png).metadata()).format).toBe('png')
  })

  it('a refusal is a ProviderError with code and sub_code; so are a missing image and an unreachable Alipay', async () => {
    const refused = fakeAlipay({ code: '40004', msg: 'Business Failed', subCode: 'isv.invalid-url-param', subMsg: '页面不存在' }, image(PNG))
    const err = await refused.facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProviderError)
    expect((err as Error).message).toBe('Alipay qrcode.create: 40004 isv.invalid-url-param 页面不存在')
    expect(refused.fetched).toEqual([])

    await expect(fakeAlipay({ code: '10000', qrCodeUrl: URL_ }, new Response('gone', { status: 404 })).facet.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })).rejects.toThrow('HTTP 404')
    const down = alipayCodes(async () => Promise.reject(new Error('ECONNRESET')))
    await expect(down.create({ page: 'pages/index/index', scene: 'Ab3dE5gH' })).rejects.toBeInstanceOf(ProviderError)
  })
})

describe('the sandbox’s codes', () => {
  it('a real QR code of <page>?scene=<id> at the width asked', async () => {
    const png = await sandboxCodes().create({ page: 'pkg-shop/product/index', scene: 'Ab3dE5gH', width: 300 })
    const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true })
    expect(info.width).toBe(300)
    // No QR reader is installed: read every module's centre and compare with the symbol of the expected text.
    const symbol = QRCode.create('pkg-shop/product/index?scene=Ab3dE5gH', { errorCorrectionLevel: 'M' }).modules
    const scale = info.width / (symbol.size + 4)
    const dark = (r: number, c: number) => data[Math.floor((r + 2.5) * scale) * info.width * info.channels + Math.floor((c + 2.5) * scale) * info.channels] < 128
    for (let r = 0; r < symbol.size; r++) for (let c = 0; c < symbol.size; c++) expect(dark(r, c), `module ${r},${c}`).toBe(!!symbol.get(r, c))
  })
})
