import type { LoginCredential } from '@/domain/contract'

export type { LoginCredential }

/**
 * What asking the host ends in. Host-only: 'ok' carries the credential the host handed over
 * (a one-time code, or the preview's nickname); trading it for a session is the server's
 * job (services/auth). Pages show a message per status, never a raw platform error.
 */
export type HostLoginResult =
  | { status: 'ok'; credential: LoginCredential }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }
  | { status: 'unavailable'; reason: string }

export interface LoginOptions {
  /** Only the H5 dev login uses it: the name the sandbox server gives the new user. */
  nickname?: string
}

export interface LoginAdapter {
  /** 'platform': one button that asks the host app; 'nickname': the page asks for a nickname first. */
  kind: 'platform' | 'nickname'
  /** The button's text, in the shopper's words for this platform. */
  buttonText: string
  /** Asks the host for a login credential; never calls the server. */
  login(options?: LoginOptions): Promise<HostLoginResult>
}
