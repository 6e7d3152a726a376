import { LoginRejected, type LoginFacet } from '../types'
import type { AlipayCore } from './core'

interface OauthTokenAnswer {
  userId?: string
  openId?: string
  accessToken?: string
  code?: string
  subCode?: string
  subMsg?: string
}

/** alipay.system.oauth.token with grant_type=authorization_code; keeps both user_id and open_id. */
export function alipayLogin(core: AlipayCore): LoginFacet {
  return async (authCode) => {
    const res = await core.exec<OauthTokenAnswer>('alipay.system.oauth.token', { grantType: 'authorization_code', code: authCode })
    const externalId = res.userId ?? res.openId
    if (!externalId) throw new LoginRejected(`alipay: ${res.code ?? ''} ${res.subCode ?? ''} ${res.subMsg ?? ''}`)
    return { externalId, openId: res.openId ?? null, unionId: null }
  }
}
