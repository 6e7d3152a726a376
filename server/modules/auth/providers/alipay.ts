import { AlipaySdk } from 'alipay-sdk'
import { LoginRejected, type PlatformIdentity } from './types'

interface OauthTokenAnswer {
  userId?: string
  openId?: string
  accessToken?: string
  code?: string
  subCode?: string
  subMsg?: string
}

/** alipay.system.oauth.token with grant_type=authorization_code; keeps both user_id and open_id. */
export function alipayLogin(cfg: { appId: string; privateKey: string; publicKey: string }) {
  const sdk = new AlipaySdk({ appId: cfg.appId, privateKey: cfg.privateKey, alipayPublicKey: cfg.publicKey })
  return async (authCode: string): Promise<PlatformIdentity> => {
    const res = (await sdk.exec('alipay.system.oauth.token', { grantType: 'authorization_code', code: authCode })) as OauthTokenAnswer
    const externalId = res.userId ?? res.openId
    if (!externalId) throw new LoginRejected(`alipay: ${res.code ?? ''} ${res.subCode ?? ''} ${res.subMsg ?? ''}`)
    return { externalId, openId: res.openId ?? null, unionId: null }
  }
}
