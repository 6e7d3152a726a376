import type { LoginCredential, Session, User } from '@/domain/contract'
import { api } from './http'

// Login calls never carry an old token: a stale one must not decide who logs in.
// deviceId: the app's own id for this device; only a sandbox server reads it (one shopper per device).
export function loginWithWechat(code: string, deviceId?: string): Promise<Session> {
  return api<Session>('POST', '/api/auth/wechat', { body: { code, deviceId }, auth: false })
}

export function loginWithAlipay(authCode: string, deviceId?: string): Promise<Session> {
  return api<Session>('POST', '/api/auth/alipay', { body: { authCode, deviceId }, auth: false })
}

/** Sandbox servers only; a live server answers 404. */
export function devLogin(nickname: string): Promise<Session> {
  return api<Session>('POST', '/api/auth/dev-login', { body: { nickname }, auth: false })
}

/** Trades the credential the host app handed over (platform/login) for a session. */
export function loginWith(credential: LoginCredential): Promise<Session> {
  switch (credential.platform) {
    case 'weapp':
      return loginWithWechat(credential.code, credential.deviceId)
    case 'alipay':
      return loginWithAlipay(credential.authCode, credential.deviceId)
    case 'h5':
      return devLogin(credential.nickname)
  }
}

export function fetchMe(): Promise<User> {
  return api<User>('GET', '/api/me')
}
