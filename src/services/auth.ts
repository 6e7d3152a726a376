import type { LoginCredential, Session, User } from '@/domain/contract'
import { api } from './http'

// Login calls never carry an old token: a stale one must not decide who logs in.
export function loginWithWechat(code: string): Promise<Session> {
  return api<Session>('POST', '/api/auth/wechat', { body: { code }, auth: false })
}

export function loginWithAlipay(authCode: string): Promise<Session> {
  return api<Session>('POST', '/api/auth/alipay', { body: { authCode }, auth: false })
}

/** Sandbox servers only; a live server answers 404. */
export function devLogin(nickname: string): Promise<Session> {
  return api<Session>('POST', '/api/auth/dev-login', { body: { nickname }, auth: false })
}

/** Trades the credential the host app handed over (platform/login) for a session. */
export function loginWith(credential: LoginCredential): Promise<Session> {
  switch (credential.platform) {
    case 'weapp':
      return loginWithWechat(credential.code)
    case 'alipay':
      return loginWithAlipay(credential.authCode)
    case 'h5':
      return devLogin(credential.nickname)
  }
}

export function fetchMe(): Promise<User> {
  return api<User>('GET', '/api/me')
}
