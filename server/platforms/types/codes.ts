/** The codes facet: mini-program codes (小程序码) that open a page with a scene. */
import type { ProviderId } from './common'

export interface CodeRequest {
  /** A page of CODE_PAGES (src/domain/sharing.ts): no leading slash, no query. */
  page: string
  /** A scene id (≤ 32 visible characters; ours are 8, SCENE_ID_LENGTH). */
  scene: string
  /** Width in px (WeChat 280–1280, default 430). */
  width?: number
}

export interface CodesFacet {
  readonly id: ProviderId
  readonly sandbox: boolean
  /**
   * The code as a PNG. WeChat: POST /wxa/getwxacodeunlimit (scene, page, check_path false
   * outside release, env_version); Alipay: alipay.open.app.qrcode.create (url_param = page,
   * query_param = `scene=<id>`, describe) then the image at qr_code_url; the sandbox draws a
   * real QR code (the `qrcode` package) of `<page>?scene=<id>`. Throws ProviderError when the
   * platform can't be reached or refuses (its errcode / sub_code in the message).
   */
  create(req: CodeRequest): Promise<Buffer>
}

/** One per platform the app runs on; h5 and the sandbox use the sandbox's. */
export interface CodesFacets {
  wechat: CodesFacet
  alipay: CodesFacet
  sandbox: CodesFacet
}
