import { checkWithdrawal, WECHAT_TRANSFER_MAX_WITHOUT_NAME, type AdminWithdrawal, type WithdrawalStatus, type WithdrawalView } from '../../../src/domain/promoters'
import type { Paged } from '../../../src/domain/contract'
import type { Db } from '../../db'
import { AppError, conflict, forbidden, notFound } from '../../lib/errors'
import { ProviderError, type RawNotify, type TransferFacet, type TransferFacets, type TransferOutcome } from '../../platforms/types'
import { promoterSettings } from '../promoters'
import { recordAudit, type AdminIdentity } from '../staff'
import {
  adminViewOf,
  dueForSweep,
  findAdmin,
  findById,
  findByKey,
  findByOutBillNo,
  insertWithdrawal,
  listAdmin,
  listMine,
  moveWithdrawal,
  newOutBillNo,
  promoterOfUser,
  takenToday,
  viewOf,
  withdrawalTotals,
  type Channel,
  type ConfirmIds,
  type WithdrawalRow,
} from './repository'

export interface WithdrawalDeps {
  now: () => Date
  facets: TransferFacets
  onBackgroundError?: (err: unknown, what: string) => void
}

export type TransferNotifyResult = { accepted: true } | { accepted: false; outcome: 'bad_signature' | 'bad_format' | 'unknown'; message: string }

export interface WithdrawalService {
  /** 201 when made now, 200 when the idempotency key already made it. */
  create(userId: number, input: { amount: number; idempotencyKey: string }): Promise<{ created: boolean; view: WithdrawalView }>
  mine(userId: number): Promise<WithdrawalView[]>
  /** The app says the confirm sheet closed: asks the platform (never the client) and answers where it stands. */
  confirmed(userId: number, id: number): Promise<WithdrawalView>
  handleNotify(raw: RawNotify): Promise<TransferNotifyResult>
  /** Sandbox only: the withdrawal's own promoter confirms on the sandbox page (the sandbox then notifies). */
  sandboxConfirm(userId: number, outBillNo: string): Promise<WithdrawalView>
  adminList(filter: { status?: WithdrawalStatus; page: number; pageSize: number }): Promise<Paged<AdminWithdrawal>>
  approve(admin: AdminIdentity, id: number): Promise<AdminWithdrawal>
  reject(admin: AdminIdentity, id: number, reason: string): Promise<AdminWithdrawal>
  /** Sends processing rows the platform never answered for, asks about ones quiet for a minute. Returns how many moved. */
  sweep(): Promise<number>
  /** The promoter's released / held / withdrawn / withdrawable (the promoters module's GET /me). */
  totals: typeof withdrawalTotals
  /** The transfer facets it pays through (tests reach the sandbox's desk here). */
  readonly facets: TransferFacets
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Promoters' withdrawals and their transfers (modules/withdrawals). */
    withdrawals: WithdrawalService
  }
}

const REMARK = '推广佣金提现'
const SWEEP_QUIET_MS = 60_000

export function withdrawalService(db: Db, deps: WithdrawalDeps): WithdrawalService {
  const { now, facets } = deps
  const facetOf = (channel: Channel): TransferFacet | undefined => (channel === 'sandbox' ? facets.h5 : facets[channel])
  const confirmIds: ConfirmIds = (channel) => {
    const f = facetOf(channel)
    return f?.merchantId ? { mchId: f.merchantId, appId: f.appId } : null
  }
  const view = (r: WithdrawalRow) => viewOf(r, confirmIds)

  const CHANNEL_OF = { weapp: 'wechat', alipay: 'alipay', h5: 'sandbox' } as const

  /** Applies what the platform said, each move conditional on the machine table. Answers whether the row moved. */
  async function apply(id: number, outcome: TransferOutcome): Promise<boolean> {
    const at = now()
    switch (outcome.kind) {
      case 'succeeded':
        return !!(await moveWithdrawal(db, id, 'succeed', 'succeeded', { platformBillNo: outcome.platformBillNo, submitted: true }, at))
      case 'failed':
        // Money back: failed is not a holding status, so the balance counts it again.
        return !!(await moveWithdrawal(db, id, 'fail', 'failed', { failure: outcome.detail.slice(0, 200) || '转账失败', submitted: true }, at))
      case 'waiting_confirm':
        return !!(await moveWithdrawal(db, id, 'await_confirm', 'waiting_confirm', { platformBillNo: outcome.platformBillNo, packageInfo: outcome.packageInfo, submitted: true }, at))
      case 'processing':
        return !!(await moveWithdrawal(db, id, 'submit', 'processing', { platformBillNo: outcome.platformBillNo, submitted: true }, at))
    }
  }

  /** Sends a processing withdrawal to its platform (the same out_bill_no every time: both platforms answer the same bill). Unreachable: it stays processing for the sweep. */
  async function submit(id: number): Promise<boolean> {
    const w = await findById(db, id)
    const facet = w && facetOf(w.channel)
    if (!w || w.status !== 'processing' || !facet) return false
    try {
      return await apply(w.id, await facet.transfer({ outBillNo: w.out_bill_no, amount: w.amount, openId: w.open_id, remark: REMARK }))
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err
      deps.onBackgroundError?.(err, `transfer ${w.out_bill_no}`)
      return false
    }
  }

  /** Asks the platform where the bill is; null from it means it never got the bill: send it (again). */
  async function refresh(w: WithdrawalRow): Promise<boolean> {
    if (w.status !== 'processing' && w.status !== 'waiting_confirm') return false
    const facet = facetOf(w.channel)
    if (!facet) return false
    const outcome = await facet.query(w.out_bill_no)
    if (outcome) return apply(w.id, outcome)
    return w.status === 'processing' ? submit(w.id) : false
  }

  async function ownWithdrawal(userId: number, pick: (promoterId: number) => Promise<WithdrawalRow | null>): Promise<WithdrawalRow> {
    const p = await promoterOfUser(db, userId)
    const w = p && (await pick(p.id))
    if (!p || !w || w.promoter_id !== p.id) throw notFound('提现记录', 'WITHDRAWAL_NOT_FOUND')
    return w
  }

  async function adminView(id: number): Promise<AdminWithdrawal> {
    const r = await findAdmin(db, id)
    if (!r) throw notFound('提现记录', 'WITHDRAWAL_NOT_FOUND')
    return adminViewOf(r, confirmIds)
  }

  /** Verifies a WeChat transfer notify with the facet's keys (the live merchant's, or the sandbox's) and applies it. */
  async function takeNotify(facet: TransferFacet | undefined, raw: RawNotify): Promise<TransferNotifyResult> {
    if (!facet?.verifyNotify) return { accepted: false, outcome: 'unknown', message: 'no WeChat transfers' }
    const v = facet.verifyNotify(raw)
    if (!v.ok) return { accepted: false, outcome: v.reason, message: v.message }
    const w = await findByOutBillNo(db, v.outBillNo)
    // Not ours: acknowledged, so WeChat stops resending; nothing changes. A finished one stays as it is (the machine table).
    if (w) await apply(w.id, v.outcome)
    return { accepted: true }
  }

  const service: WithdrawalService = {
    totals: withdrawalTotals,
    facets,

    async create(userId, input) {
      const p = await promoterOfUser(db, userId)
      if (!p || p.status !== 'approved') throw forbidden('成为推广员后才能提现', 'NOT_PROMOTER')
      const channel = CHANNEL_OF[p.platform]
      if (!facetOf(channel)) throw conflict('CHANNEL_UNAVAILABLE', '当前环境不支持提现，请在小程序中操作')
      const r = await db.tx(async (q) => {
        // One withdrawal at a time per promoter: the balance and today's total are read and spent under this lock.
        await q.query('SELECT id FROM promoters WHERE id = $1 FOR UPDATE', [p.id])
        const known = await findByKey(q, p.id, input.idempotencyKey)
        if (known) return { created: false, row: known }
        const settings = await promoterSettings(q, now())
        const { withdrawable } = await withdrawalTotals(q, p.id)
        // WeChat (and the sandbox playing it) would refuse 2,000 yuan or more without the payee's real name.
        const maxSingle = channel === 'alipay' ? Infinity : WECHAT_TRANSFER_MAX_WITHOUT_NAME
        const check = checkWithdrawal(input.amount, withdrawable, await takenToday(q, p.id, now()), settings, maxSingle)
        if (!check.ok) throw new AppError(check.status, check.code, check.message)
        const row = await insertWithdrawal(q, {
          promoterId: p.id,
          key: input.idempotencyKey,
          outBillNo: newOutBillNo(now()),
          amount: input.amount,
          channel,
          openId: p.openId,
          status: check.review ? 'reviewing' : 'processing',
          now: now(),
        })
        return { created: true, row }
      })
      if (r.created && r.row.status === 'processing') await submit(r.row.id)
      return { created: r.created, view: view((await findById(db, r.row.id)) as WithdrawalRow) }
    },

    async mine(userId) {
      const p = await promoterOfUser(db, userId)
      return p ? (await listMine(db, p.id)).map(view) : []
    },

    async confirmed(userId, id) {
      const w = await ownWithdrawal(userId, () => findById(db, id))
      try {
        await refresh(w)
      } catch (err) {
        // The platform can't be reached now: the sweep asks again; the shopper sees where it stood.
        if (!(err instanceof ProviderError)) throw err
        deps.onBackgroundError?.(err, `transfer query ${w.out_bill_no}`)
      }
      return view((await findById(db, id)) as WithdrawalRow)
    },

    handleNotify: (raw) => takeNotify(facets.wechat, raw),

    async sandboxConfirm(userId, outBillNo) {
      const desk = facets.sandbox
      if (!desk) throw notFound('沙箱转账')
      const w = await ownWithdrawal(userId, () => findByOutBillNo(db, outBillNo))
      if (w.status !== 'waiting_confirm') throw conflict('NOT_WAITING', '这笔提现不在待确认收款状态')
      await desk.confirm(outBillNo)
      // The notify normally moved it already; the query is the safety net when it didn't arrive.
      const current = (await findById(db, w.id)) as WithdrawalRow
      if (current.status === 'waiting_confirm') await refresh(current)
      return view((await findById(db, w.id)) as WithdrawalRow)
    },

    adminList: (filter) => listAdmin(db, filter, confirmIds),

    async approve(admin, id) {
      await db.tx(async (q) => {
        const moved = await moveWithdrawal(q, id, 'approve', 'processing', { reviewedBy: admin.username }, now())
        if (!moved) throw (await findById(q, id)) ? conflict('NOT_REVIEWING', '这笔提现已处理过') : notFound('提现记录', 'WITHDRAWAL_NOT_FOUND')
        await recordAudit(q, admin, { action: 'withdrawal.approve', entity: 'withdrawal', entityId: id, before: { status: 'reviewing' }, after: { status: 'processing', amount: moved.amount } })
      })
      await submit(id)
      return adminView(id)
    },

    async reject(admin, id, reason) {
      await db.tx(async (q) => {
        const moved = await moveWithdrawal(q, id, 'reject', 'rejected', { reviewedBy: admin.username, failure: `审核未通过：${reason}` }, now())
        if (!moved) throw (await findById(q, id)) ? conflict('NOT_REVIEWING', '这笔提现已处理过') : notFound('提现记录', 'WITHDRAWAL_NOT_FOUND')
        await recordAudit(q, admin, { action: 'withdrawal.reject', entity: 'withdrawal', entityId: id, before: { status: 'reviewing' }, after: { status: 'rejected', reason } })
      })
      return adminView(id)
    },

    async sweep() {
      let moved = 0
      for (const w of await dueForSweep(db, now(), SWEEP_QUIET_MS)) {
        try {
          if (await (w.status === 'processing' && !w.submitted_at ? submit(w.id) : refresh(w))) moved += 1
        } catch (err) {
          deps.onBackgroundError?.(err, `withdrawal sweep ${w.out_bill_no}`)
        }
      }
      return moved
    },
  }

  // The sandbox's confirm page delivers its notify through the same verification as WeChat's.
  // (Signed with the sandbox's keys: the H5 facet's, also when WeChat itself is live.)
  if (facets.sandbox) facets.sandbox.deliver = (raw) => takeNotify(facets.h5, raw)
  return service
}
