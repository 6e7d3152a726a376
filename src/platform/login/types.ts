import type { Session } from '@/domain/contract'

/** What a login attempt ends in; pages show a message per status, never a raw platform error. */
export type LoginResult =
  | { status: 'ok'; session: Session }
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
  login(options?: LoginOptions): Promise<LoginResult>
}
