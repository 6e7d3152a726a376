import { ProviderError, unreachable, type CodesFacet } from '../types'
import { asPng } from '../png'
import { alipayAnswerDetail, type AlipayAnswer, type AlipayCore } from './core'

/** biz_content of alipay.open.app.qrcode.create. */
export interface AlipayQrcodeBody {
  /** The page (小程序中能访问到的页面路径), no query. */
  url_param: string
  /** The launch query (`scene=<id>`), read from onLaunch's options.query. */
  query_param: string
  /** The code's description (二维码描述). */
  describe: string
}

/** The one call we make, so tests can stand in for alipay-sdk (which camel-cases the answer: qr_code_url → qrCodeUrl). */
export type AlipayQrcodeApi = (biz: AlipayQrcodeBody) => Promise<AlipayAnswer & { msg?: string; qrCodeUrl?: string }>

export function liveAlipayQrcodeApi(core: AlipayCore): AlipayQrcodeApi {
  return (biz) => core.exec('alipay.open.app.qrcode.create', { bizContent: biz })
}

/**
 * Alipay mini-program codes: alipay.open.app.qrcode.create {url_param, query_param, describe}
 * answers qr_code_url, the image on Alipay's file server, fetched here. The facet answers PNG,
 * so an image in another format is converted. Alipay has no width: it is the image's own.
 */
export function alipayCodes(api: AlipayQrcodeApi, fetchImpl: typeof fetch = fetch): CodesFacet {
  const fail = unreachable('Alipay qrcode.create')
  return {
    id: 'alipay',
    sandbox: false,
    async create(req) {
      const res = await api({ url_param: req.page, query_param: `scene=${req.scene}`, describe: `分享码 ${req.scene}` }).catch(fail)
      if (res.code !== '10000' || !res.qrCodeUrl) throw new ProviderError(`Alipay qrcode.create: ${alipayAnswerDetail(res)}`)
      const img = await fetchImpl(res.qrCodeUrl, { signal: AbortSignal.timeout(10_000) }).catch(fail)
      if (!img.ok) throw new ProviderError(`Alipay qrcode image: HTTP ${img.status}`)
      return asPng(Buffer.from(await img.arrayBuffer().catch(fail)), 'Alipay qrcode image')
    },
  }
}
