/**
 * What every facet shares: who pays or signs in, the notify as it arrived, and the one error a
 * gateway throws when the outside system can't be reached.
 */
export type ProviderId = 'wechat' | 'alipay' | 'sandbox'

export interface Payer {
  platform: 'weapp' | 'alipay' | 'h5'
  /** WeChat openid (weapp) / Alipay open_id, when known. */
  openId: string | null
  /** WeChat openid or Alipay user id (2088…) as the login stored it. */
  externalId: string
}

/** A notify as it arrived: headers (lower-case names) and the exact body text. */
export interface RawNotify {
  headers: Record<string, string | undefined>
  body: string
}

/** A notify that is not the platform's (signature) or not readable (format). */
export type VerifyFailure = { ok: false; reason: 'bad_signature' | 'bad_format'; message: string }

/** A facet that takes notifies: which gateway it is, the ids a notify must carry to be ours, and its check of a notify. */
export interface NotifyOwner<Verify> {
  readonly id: ProviderId
  /** Whether this is the sandbox playing the platform (no merchant keys). */
  readonly sandbox: boolean
  readonly appId: string
  readonly merchantId: string | null
  verifyNotify(raw: RawNotify): Verify
}

/** The platform could not be reached (or refused in a way that is an outage). */
export class ProviderError extends Error {}

/** A gateway's catch for a call that failed to reach the platform: throws ProviderError (kept as is when it already is one). */
export function unreachable(what: string): (err: unknown) => never {
  return (err) => {
    if (err instanceof ProviderError) throw err
    throw new ProviderError(`${what} unreachable: ${(err as Error).message}`)
  }
}
