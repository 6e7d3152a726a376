import type { Session } from '@/domain/contract'
import type { HostLoginResult, LoginAdapter, LoginOptions } from '@/platform/login/types'
import { loginWith } from '@/services/auth'
import { errorMessage } from '@/services/http'

/** How logging in ended: the host's own refusals as they are, or the server's session for its credential. */
export type SignInResult = { status: 'ok'; session: Session } | Exclude<HostLoginResult, { status: 'ok' }>

/** Asks the host for a credential (platform/login), then the server for a session (services/auth). */
export async function signIn(adapter: LoginAdapter, options?: LoginOptions): Promise<SignInResult> {
  const host = await adapter.login(options)
  if (host.status !== 'ok') return host
  try {
    return { status: 'ok', session: await loginWith(host.credential) }
  } catch (err) {
    return { status: 'failed', message: errorMessage(err) }
  }
}
