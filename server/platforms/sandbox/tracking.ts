import { KUAIDI100_URLS, Kuaidi100Tracking, kuaidi100Company, kuaidi100Sign, type Kuaidi100Api, type Kuaidi100Keys } from '../kuaidi100/tracking'
import type { RawNotify, SandboxTrackingDesk, TrackedParcel, TrackingSnapshot } from '../types'

/**
 * The sandbox playing Kuaidi100: chosen when KUAIDI100_KEY / _CUSTOMER / _SALT are not set.
 * It answers the same form posts as Kuaidi100 (subscribe, query) and moves each subscribed
 * parcel collected → in_transit → delivering → delivered, one step every `stepMs`
 * (TRACKING_SANDBOX_STEP_MS; null: only when a test calls step()). Each step is pushed as
 * Kuaidi100 pushes: form fields param + sign = MD5(param + salt), the salt being the one the
 * shop subscribed with (the sandbox keys' kuaidi100Salt). So the shop's side is the live
 * Kuaidi100Tracking facet, and its verifyPush is the code that checks the sandbox's pushes.
 */
export const SANDBOX_KUAIDI100 = { key: 'sandbox-kuaidi100-key', customer: 'SANDBOXCUSTOMER0000000000000001' } as const

/** What the sandbox's parcels go through: Kuaidi100's state code, and the line a courier would write. */
const STEPS: readonly { state: string; context: string; area: string }[] = [
  { state: '1', context: '【深圳市】快件已由【深圳南山营业部】揽收', area: '广东,深圳市,南山区' },
  { state: '0', context: '【上海市】快件已到达【上海转运中心】', area: '上海,上海市' },
  { state: '5', context: '【上海市】快件正在派送中，派送员：沙盒快递员，电话：95000', area: '上海,上海市,浦东新区' },
  { state: '3', context: '【上海市】已签收，签收人：本人。感谢使用沙盒快递', area: '上海,上海市,浦东新区' },
]

interface SandboxParcel {
  com: string
  nu: string
  phone: string | null
  callbackUrl: string
  salt: string
  /** How many STEPS it has been through. */
  done: number
  /** Newest first, as Kuaidi100 lists them. */
  data: { context: string; time: string; ftime: string; areaName: string; status: string }[]
}

/** Kuaidi100's ftime: "2026-12-05 10:30:00", China time. */
function ftime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3_600_000).toISOString()
  return `${t.slice(0, 10)} ${t.slice(11, 19)}`
}

export class SandboxKuaidi100 implements Kuaidi100Api, SandboxTrackingDesk {
  private readonly parcels = new Map<string, SandboxParcel>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private deliver: ((raw: RawNotify) => Promise<unknown>) | undefined

  constructor(
    private readonly now: () => Date,
    /** Time between two steps of a parcel; null: only step() moves them (tests). */
    private readonly stepMs: number | null,
    /** The salt the shop subscribes with (resumed parcels are signed with it). */
    private readonly salt = '',
  ) {}

  setDeliver(deliver: ((raw: RawNotify) => Promise<unknown>) | undefined): void {
    this.deliver = deliver
  }

  async post(url: string, form: Record<string, string>): Promise<unknown> {
    if (url === KUAIDI100_URLS.subscribe) return this.subscribe(form)
    if (url === KUAIDI100_URLS.query) return this.query(form)
    return { result: false, returnCode: '404', message: 'no such API' }
  }

  private subscribe(form: Record<string, string>): unknown {
    const p = JSON.parse(form.param ?? '{}') as { company?: string; number?: string; key?: string; parameters?: { callbackurl?: string; salt?: string; phone?: string } }
    if (form.schema !== 'json' || p.key !== SANDBOX_KUAIDI100.key) return { result: false, returnCode: '600', message: '您不是合法的订阅者（即授权Key出错）' }
    if (!p.company || !p.number || !p.parameters?.callbackurl) return { result: false, returnCode: '700', message: '订阅方的订阅数据存在错误' }
    if (p.company === 'shunfeng' && !p.parameters.phone) return { result: false, returnCode: '700', message: '顺丰单号需要提供收、寄件人电话' }
    const id = `${p.company}:${p.number}`
    if (this.parcels.has(id)) return { result: false, returnCode: '501', message: '重复订阅' }
    this.parcels.set(id, { com: p.company, nu: p.number, phone: p.parameters.phone ?? null, callbackUrl: p.parameters.callbackurl, salt: p.parameters.salt ?? '', done: 0, data: [] })
    this.schedule(id)
    return { result: true, returnCode: '200', message: '提交成功' }
  }

  private query(form: Record<string, string>): unknown {
    const param = form.param ?? ''
    if (form.customer !== SANDBOX_KUAIDI100.customer || form.sign !== kuaidi100Sign(param + SANDBOX_KUAIDI100.key + SANDBOX_KUAIDI100.customer)) {
      return { result: false, returnCode: '400', message: '验证签名失败' }
    }
    const q = JSON.parse(param) as { com?: string; num?: string }
    const p = this.parcels.get(`${q.com}:${q.num}`)
    if (!p || p.done === 0) return { result: false, returnCode: '500', message: '查询无结果，请隔段时间再查' }
    return { message: 'ok', nu: p.nu, ischeck: p.done === STEPS.length ? '1' : '0', condition: 'F00', com: p.com, status: '200', state: STEPS[p.done - 1].state, data: p.data }
  }

  /** Steps on the sandbox's clock until delivered, each push delivered to the module; nothing when stepMs is null. */
  private schedule(id: string): void {
    if (this.stepMs === null) return
    const t = setTimeout(() => {
      this.timers.delete(t)
      const p = this.parcels.get(id)
      if (!p) return
      const push = this.step(p.com, p.nu, true)
      if (push) this.deliver?.(push)?.catch(() => undefined)
      if (p.done < STEPS.length) this.schedule(id)
    }, this.stepMs)
    t.unref()
    this.timers.add(t)
  }

  step(carrier: string, trackingNo: string, kuaidi100Code = false): RawNotify | null {
    const p = this.parcels.get(`${kuaidi100Code ? carrier : kuaidi100Company(carrier)}:${trackingNo}`)
    if (!p || p.done >= STEPS.length) return null
    const s = STEPS[p.done]
    const at = ftime(this.now())
    p.data.unshift({ context: s.context, time: at, ftime: at, areaName: s.area, status: s.state })
    p.done += 1
    return this.push(p)
  }

  resume(parcel: TrackedParcel & TrackingSnapshot, callbackUrl: string): void {
    const com = kuaidi100Company(parcel.carrier)
    const id = `${com}:${parcel.trackingNo}`
    if (this.parcels.has(id) || parcel.state === 'delivered' || parcel.state === 'returned') return
    // How far along the shop saw it: collected 1, in transit 2, delivering 3 (problem: as in transit).
    const done = { pending: 0, collected: 1, in_transit: 2, problem: 2, delivering: 3 }[parcel.state]
    const data = parcel.events.map((e) => {
      const at = Number.isNaN(Date.parse(e.at)) ? e.at : ftime(new Date(e.at))
      return { context: e.text, time: at, ftime: at, areaName: e.area ?? '', status: STEPS[Math.max(0, done - 1)].state }
    })
    this.parcels.set(id, { com, nu: parcel.trackingNo, phone: parcel.phone, callbackUrl, salt: this.salt, done, data })
    this.schedule(id)
  }

  lastPush(carrier: string, trackingNo: string): RawNotify | null {
    const p = this.parcels.get(`${kuaidi100Company(carrier)}:${trackingNo}`)
    return p && p.done > 0 ? this.push(p) : null
  }

  subscriptions(): { carrier: string; trackingNo: string; callbackUrl: string; phone: string | null }[] {
    return [...this.parcels.values()].map((p) => ({ carrier: p.com, trackingNo: p.nu, callbackUrl: p.callbackUrl, phone: p.phone }))
  }

  /** The push for the parcel as it is now: Kuaidi100's body, signed with the subscription's salt. */
  private push(p: SandboxParcel): RawNotify {
    const delivered = p.done === STEPS.length
    const param = JSON.stringify({
      status: delivered ? 'shutdown' : 'polling',
      billstatus: 'got',
      message: '',
      lastResult: { message: 'ok', state: STEPS[p.done - 1].state, status: '200', condition: 'F00', ischeck: delivered ? '1' : '0', com: p.com, nu: p.nu, data: p.data.map((d) => ({ ...d })) },
    })
    return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ param, sign: kuaidi100Sign(param + p.salt) }).toString() }
  }

  /** Drops the steps not yet taken (the server is closing). */
  stop(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}

/** The shop's side over the sandbox's Kuaidi100: the live facet with the sandbox's key, customer and salt. */
export function sandboxTracking(salt: string, kuaidi100: SandboxKuaidi100): Kuaidi100Tracking {
  const keys: Kuaidi100Keys = { ...SANDBOX_KUAIDI100, salt }
  return new Kuaidi100Tracking(keys, kuaidi100, true)
}
