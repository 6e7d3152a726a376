import crypto from 'node:crypto'
import { LoginRejected, SANDBOX_LOGIN_PREFIX, type LoginFacet } from '../types'
import type { SandboxCore } from './core'

/**
 * The sandbox playing wx.login -> jscode2session and my.getAuthCode -> alipay.system.oauth.token,
 * so the mini-programs can log in from WeChat DevTools / the Alipay IDE against a server without
 * keys. Built only in sandbox mode (no merchant keys at all, see ../index.ts): a live server never
 * has it, so these ids can't log anyone in there.
 *
 * The IDEs hand out codes the sandbox can't check (they are one-time and say nothing about who
 * asked), so the shopper is the DEVICE: the app keeps a random device id in its storage and sends
 * it with every code. The id is an HMAC of (platform, device id) under a key kept in DATA_DIR
 * (the sandbox's APIv3 key): the same IDE is the same shopper on every login and after restarts,
 * and an id seen elsewhere (a notify's openid, the database) can't be turned back into a device id
 * to log in with. Without a device id (an older app) each code is a new shopper.
 *
 * Every id starts with `sandbox-wx-` / `sandbox-ali-`: never a real openid (o…, 28 characters)
 * or Alipay user id (2088 + 12 digits), so a sandbox shopper can't collide with a live one.
 */
export const SANDBOX_DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/

export function sandboxLogin(core: SandboxCore, platform: 'wechat' | 'alipay'): LoginFacet {
  const tag = platform === 'wechat' ? 'wx' : 'ali'
  return async (code, hints) => {
    if (!code.trim()) throw new LoginRejected(`sandbox ${platform}: empty code`)
    const device = hints?.deviceId
    if (device !== undefined && !SANDBOX_DEVICE_ID.test(device)) throw new LoginRejected(`sandbox ${platform}: malformed device id`)
    const source = device ? `device:${device}` : `code:${code}`
    const digest = crypto.createHmac('sha256', core.keys.apiV3Key).update(`duet-sandbox-login\n${platform}\n${source}`).digest('base64url').slice(0, 32)
    const id = `${SANDBOX_LOGIN_PREFIX}${tag}-${digest}`
    return { externalId: id, openId: id, unionId: null }
  }
}
