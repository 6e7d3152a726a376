import crypto from 'node:crypto'
import { CARRIERS, trackingStateFromKuaidi100, type TrackingEvent } from '../../../src/domain/shipping'
import { ProviderError, unreachable, type PushVerify, type RawNotify, type TrackedParcel, type TrackingFacet, type TrackingSnapshot } from '../types'

/**
 * Kuaidi100 (快递100): the first real logistics provider. Two calls and one push, all
 * form-encoded (Content-Type application/x-www-form-urlencoded):
 * - 订阅 POST https://poll.kuaidi100.com/poll: schema=json & param={company, number, key,
 *   parameters: {callbackurl, salt, resultv2, phone}}; answers {result, returnCode, message}
 *   (200 提交成功, 501 重复订阅: already following it, which is what we wanted).
 * - 实时查询 POST https://poll.kuaidi100.com/poll/query.do: customer & sign & param={com, num,
 *   phone, resultv2}, sign = MD5(param + key + customer) upper-case; answers the trace
 *   {message:'ok', state, ischeck, com, nu, data[{context, ftime, areaName}]} or
 *   {result:false, returnCode, message}.
 * - 推送: form fields param (JSON: {status, message, lastResult: {state, ischeck, com, nu,
 *   data[...]}}) and sign = MD5(param + salt) upper-case, the salt being the one we subscribed
 *   with; the answer it expects is {"result":true,"returnCode":"200","message":"成功"}.
 * KUAIDI100_KEY / KUAIDI100_CUSTOMER / KUAIDI100_SALT stay in here: never in a log or an error.
 */
export const KUAIDI100_URLS = {
  subscribe: 'https://poll.kuaidi100.com/poll',
  query: 'https://poll.kuaidi100.com/poll/query.do',
} as const

export interface Kuaidi100Keys {
  /** 授权key */
  key: string
  /** 实时查询的 customer id */
  customer: string
  /** 推送签名用随机字符串: sent with each subscription, and the pushes are signed with it. */
  salt: string
}

/** The platform calls: a form posted to one of KUAIDI100_URLS, its JSON answer (the live client, or the sandbox playing Kuaidi100). */
export interface Kuaidi100Api {
  post(url: string, form: Record<string, string>): Promise<unknown>
}

type FetchFn = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>

/** The live client over fetch (a fake one in tests). */
export function liveKuaidi100Api(fetchFn: FetchFn = fetch as unknown as FetchFn, timeoutMs = 10_000): Kuaidi100Api {
  return {
    async post(url, form) {
      const res = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      }).catch(unreachable('Kuaidi100'))
      const text = await res.text().catch(unreachable('Kuaidi100'))
      if (!res.ok) throw new ProviderError(`Kuaidi100 answered HTTP ${res.status}`)
      try {
        return JSON.parse(text) as unknown
      } catch {
        throw new ProviderError(`Kuaidi100 answered something that is not JSON (HTTP ${res.status})`)
      }
    },
  }
}

/** MD5, upper-case hex: Kuaidi100's sign for queries (param + key + customer) and pushes (param + salt). */
export function kuaidi100Sign(text: string): string {
  return crypto.createHash('md5').update(text, 'utf8').digest('hex').toUpperCase()
}

/** Our carrier code → Kuaidi100's company code (lower-case pinyin); an unknown one is passed as written, lower-cased. */
export function kuaidi100Company(carrier: string): string {
  return CARRIERS.find((c) => c.code === carrier)?.kuaidi100 ?? carrier.toLowerCase()
}

/** Kuaidi100's company code → ours; one we don't list comes back as Kuaidi100 wrote it. */
export function carrierFromKuaidi100(com: string): string {
  return CARRIERS.find((c) => c.kuaidi100 === com)?.code ?? com
}

/** "2026-12-05 10:30:00" (China time, as Kuaidi100 writes ftime) → ISO; text we can't read is kept as it came. */
function chinaTime(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)$/.exec(text.trim())
  if (!m) return text
  const d = new Date(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}+08:00`)
  return Number.isNaN(d.getTime()) ? text : d.toISOString()
}

interface Kuaidi100Trace {
  state?: string | number
  ischeck?: string
  com?: string
  nu?: string
  data?: { context?: string; ftime?: string; time?: string; areaName?: string | null }[]
}

/** A trace (a query's answer, a push's lastResult) as our snapshot: state mapped, events newest first. */
export function snapshotOf(trace: Kuaidi100Trace): TrackingSnapshot {
  const events: TrackingEvent[] = (trace.data ?? []).map((e) => ({ at: chinaTime(e.ftime ?? e.time ?? ''), text: e.context ?? '', area: e.areaName || null }))
  events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  // ischeck 1 = 已签收, whatever the state code says (a 签收 can come with a later state such as 转投).
  const state = trace.ischeck === '1' ? 'delivered' : trackingStateFromKuaidi100(trace.state ?? '0')
  return { state, events }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && crypto.timingSafeEqual(x, y)
}

/** The tracking facet over Kuaidi100's API (the live client, or the sandbox's Kuaidi100 with the sandbox's keys). */
export class Kuaidi100Tracking implements TrackingFacet {
  readonly id
  constructor(
    private readonly keys: Kuaidi100Keys,
    private readonly api: Kuaidi100Api,
    readonly sandbox = false,
  ) {
    this.id = sandbox ? ('sandbox' as const) : ('kuaidi100' as const)
  }

  async subscribe(parcel: TrackedParcel, callbackUrl: string): Promise<void> {
    const parameters: Record<string, string> = { callbackurl: callbackUrl, salt: this.keys.salt, resultv2: '1' }
    if (parcel.phone) parameters.phone = parcel.phone
    const param = JSON.stringify({ company: kuaidi100Company(parcel.carrier), number: parcel.trackingNo, key: this.keys.key, parameters })
    const r = (await this.api.post(KUAIDI100_URLS.subscribe, { schema: 'json', param })) as { result?: boolean; returnCode?: string; message?: string }
    // 501 重复订阅: Kuaidi100 already follows this number (our earlier try got through).
    if (r?.result === true || r?.returnCode === '200' || r?.returnCode === '501') return
    throw new ProviderError(`Kuaidi100 refused the subscription: ${r?.returnCode ?? '?'} ${r?.message ?? ''}`.trim())
  }

  async query(parcel: TrackedParcel): Promise<TrackingSnapshot> {
    const q: Record<string, string> = { com: kuaidi100Company(parcel.carrier), num: parcel.trackingNo, resultv2: '1' }
    if (parcel.phone) q.phone = parcel.phone
    const param = JSON.stringify(q)
    const r = (await this.api.post(KUAIDI100_URLS.query, { customer: this.keys.customer, sign: kuaidi100Sign(param + this.keys.key + this.keys.customer), param })) as Kuaidi100Trace & {
      result?: boolean
      returnCode?: string
      message?: string
    }
    if (r && Array.isArray(r.data)) return snapshotOf(r)
    // 500 查询无结果: the carrier has nothing on it yet (not collected).
    if (r?.returnCode === '500') return { state: 'pending', events: [] }
    throw new ProviderError(`Kuaidi100 refused the query: ${r?.returnCode ?? '?'} ${r?.message ?? ''}`.trim())
  }

  verifyPush(raw: RawNotify): PushVerify {
    const form = new URLSearchParams(raw.body)
    const param = form.get('param')
    const sign = form.get('sign')
    if (!param || !sign) return { ok: false, reason: 'bad_format', message: 'missing param or sign' }
    if (!sameText(kuaidi100Sign(param + this.keys.salt), sign.toUpperCase())) return { ok: false, reason: 'bad_signature', message: 'sign does not match' }
    let body: { lastResult?: Kuaidi100Trace }
    try {
      body = JSON.parse(param) as { lastResult?: Kuaidi100Trace }
    } catch {
      return { ok: false, reason: 'bad_format', message: 'param is not JSON' }
    }
    const last = body.lastResult
    if (!last || typeof last.com !== 'string' || typeof last.nu !== 'string') return { ok: false, reason: 'bad_format', message: 'lastResult without com / nu' }
    return { ok: true, update: { carrier: carrierFromKuaidi100(last.com), trackingNo: last.nu, ...snapshotOf(last) } }
  }

  pushAnswer(accepted: boolean, message: string): { status: number; body: unknown } {
    if (accepted) return { status: 200, body: { result: true, returnCode: '200', message: '成功' } }
    return { status: 400, body: { result: false, returnCode: '500', message } }
  }
}
