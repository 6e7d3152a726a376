import Taro from '@tarojs/taro'
import { api, ApiError, signedIn } from './http'

/**
 * The invite code (老带新) the app was opened with (`?invite=<code>` on the home page of an
 * invite share, or the launch options' query). Only a signed-in shopper can be bound to their
 * inviter, so the code waits in storage and is posted to POST /api/referrals/accept right after
 * login (store/session calls acceptPendingInvite), like the attribution scene. The server
 * answers `accepted: false` when it doesn't apply (own code, not a new shopper, already
 * invited): never an error the shopper sees.
 */

const PENDING_KEY = 'duet-pending-invite'
/** Codes are short and URL-safe; anything else is not ours and is dropped. */
const CODE = /^[A-Za-z0-9_-]{4,32}$/

export function parseInviteCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  let text = raw.trim()
  try {
    if (text.includes('%')) text = decodeURIComponent(text)
  } catch {
    return null
  }
  return CODE.test(text) ? text : null
}

function readPending(): string | null {
  try {
    return parseInviteCode(Taro.getStorageSync(PENDING_KEY))
  } catch {
    return null
  }
}

function writePending(code: string | null): void {
  try {
    if (code) Taro.setStorageSync(PENDING_KEY, code)
    else Taro.removeStorageSync(PENDING_KEY)
  } catch {
    // Storage unavailable: only the invite reward is lost, nothing else.
  }
}

/** One accept in flight at a time: the launch and the home page may both hand the same code over. */
let inFlight: Promise<boolean | null> | null = null
/** Codes answered this run: the app showing again with the same launch options doesn't post again. */
const answered = new Set<string>()

async function accept(code: string): Promise<boolean | null> {
  try {
    const { accepted } = await api<{ accepted: boolean }>('POST', '/api/referrals/accept', { body: { code } })
    writePending(null)
    answered.add(code)
    return accepted
  } catch (err) {
    // A network or server failure is tried again at the next login or launch; a 4xx won't change.
    if (err instanceof ApiError && !err.retryable && err.status !== 401) writePending(null)
    return null
  }
}

/** Post the pending code now when signed in; otherwise it waits for login. */
export function acceptPendingInvite(): Promise<boolean | null> {
  const code = readPending()
  if (!code || !signedIn()) return Promise.resolve(null)
  if (!inFlight) inFlight = accept(code).finally(() => (inFlight = null))
  return inFlight
}

/**
 * The app was opened with an invite (raw: the query value as received): keep it, and post it
 * at once when already signed in. A newer invite replaces an older unsent one.
 */
export function noteInvite(raw: unknown): Promise<boolean | null> {
  const code = parseInviteCode(raw)
  if (!code || answered.has(code)) return Promise.resolve(null)
  if (readPending() !== code) writePending(code)
  return acceptPendingInvite()
}

/** Signing out: the next shopper on this device may accept an invite of their own. */
export function forgetAnsweredInvites(): void {
  answered.clear()
}
