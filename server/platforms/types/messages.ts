/** The messages facet: subscribe / template messages to a shopper. */
import type { Paged, Platform, SandboxMessage } from '../../../src/domain/contract'
import type { MessageEvent } from '../../../src/domain/messages'
import type { ProviderId } from './common'

/** Who gets the message, as the login stored them. */
export interface Recipient {
  userId: number
  platform: Platform
  /** WeChat openid, Alipay user id (2088…) or open_id, dev-login name. */
  externalId: string
  openId: string | null
}

export interface OutgoingMessage {
  /** "order:42:order_paid": the same for every attempt of this message. */
  dedupeKey: string
  recipient: Recipient
  event: MessageEvent
  templateId: string
  /** Mini-program page the message opens. */
  page: string
  data: Record<string, string>
}

/**
 * What a send came to. Facets answer these instead of throwing, so the worker decides
 * retries in one place:
 * - sent: the platform took it;
 * - no_quota: the platform says the shopper has no send left for this template (43101);
 * - retry: it surely did not go out (unreachable, busy, rate limited): try again later;
 * - rejected: the platform refuses it for good (bad template, bad openid, bad data);
 * - ambiguous: it may have gone out (a timeout after the request left).
 */
export type SendOutcome =
  | { kind: 'sent' }
  | { kind: 'no_quota'; detail: string }
  | { kind: 'retry'; detail: string }
  | { kind: 'rejected'; detail: string }
  | { kind: 'ambiguous'; detail: string }

export interface MessagesFacet {
  id: ProviderId
  /**
   * The platform itself refuses a second delivery with the same dedupe key. Then a send whose
   * result was lost may be repeated; otherwise it must not be (see the messages README).
   */
  idempotent: boolean
  send(m: OutgoingMessage): Promise<SendOutcome>
}

/** The sandbox's messages: kept where the H5 preview and tests can read them. */
export interface SandboxMessagesFacet extends MessagesFacet {
  /** Tests: the platform is down for the next n sends (Infinity: until set back to 0). */
  setOutage(sends: number): void
  list(filter: { userId?: number; orderId?: number; page: number; pageSize: number }): Promise<Paged<SandboxMessage>>
}

/** The messages facets the messages module gets: the sandbox always (platforms without keys, the H5 preview). */
export interface MessagesFacets {
  sandbox: SandboxMessagesFacet
  byId: Partial<Record<ProviderId, MessagesFacet>>
}

/** Network errors that mean the request never reached the platform (safe to try again). */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT'])

/** A thrown network error as an outcome: before the connection = retry, after = ambiguous. */
export function networkOutcome(err: unknown): SendOutcome {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string } }
  const code = e.cause?.code ?? e.code
  if (code && NOT_CONNECTED.has(code)) return { kind: 'retry', detail: `unreachable: ${code}` }
  return { kind: 'ambiguous', detail: `${e.name ?? 'Error'}: ${e.message ?? String(err)}${code ? ` (${code})` : ''}` }
}
