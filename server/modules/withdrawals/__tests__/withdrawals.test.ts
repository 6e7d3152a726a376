import crypto from 'node:crypto'
import { expect, it } from 'vitest'
import { DEFAULT_PROMOTER_SETTINGS, type PromoterSettings, type WithdrawalView } from '../../../../src/domain/promoters'
import type { RawNotify, SandboxTransferDesk } from '../../../platforms/types'
import { ADMIN_TOKEN, call, describeEachDb, login, skuId, staffToken } from '../../../test/helpers'

/**
 * Withdrawals against the sandbox's transfer side. A promoter's released commission is made by
 * inserting a commissions row directly (the promoters module accrues and releases it): one
 * order of one line per promoter, placed through the API by a buyer, gives the row its order
 * and order line.
 */
let seq = 0

describeEachDb(
  'withdrawals',
  (ctx) => {
    const desk = () => ctx.app.withdrawals.facets.sandbox as SandboxTransferDesk

    async function promoter(platform: 'weapp' | 'alipay' | 'h5', released: number): Promise<{ token: string; promoterId: number; userId: number }> {
      const app = ctx.app
      const n = `${process.pid}${++seq}${crypto.randomBytes(3).toString('hex')}`
      const ext = platform === 'alipay' ? `2088${String(Date.now()).slice(-8)}${String(seq).padStart(4, '0')}` : `o-wd-${n}`
      const u = await app.db.one<{ id: number }>('INSERT INTO users (platform, external_id, open_id, nickname) VALUES ($1, $2, $3, $4) RETURNING id', [
        platform,
        ext,
        platform === 'weapp' ? ext : null,
        `推广员${seq}`,
      ])
      const p = await app.db.one<{ id: number }>("INSERT INTO promoters (user_id, status, scene, applied_at, decided_at) VALUES ($1, 'approved', $2, now(), now()) RETURNING id", [
        u.id,
        `S${String(seq).padStart(7, '0')}`,
      ])
      if (released > 0) {
        const buyer = await login(app)
        const sku = await skuId(app.db, 'mug', { 颜色: '米白' })
        const o = await call(app, 'POST', '/api/orders', { token: buyer, body: { items: [{ skuId: sku, quantity: 1 }], idempotencyKey: `wd-order-${n}` } })
        expect(o.status).toBe(201)
        const item = await app.db.one<{ id: number }>('SELECT id FROM order_items WHERE order_id = $1', [o.body.id])
        await app.db.query(
          `INSERT INTO commissions (promoter_id, order_id, order_item_id, level, rate_bp, base, accrued, released, created_at, released_at)
           VALUES ($1, $2, $3, 1, 1000, $4, $5, $5, now(), now())`,
          [p.id, o.body.id, item.id, released * 10, released],
        )
      }
      return { token: (await app.sessions.sign(u.id)).token, promoterId: p.id, userId: u.id }
    }

    const withdraw = (token: string, amount: number, idempotencyKey = `wd-${crypto.randomUUID()}`) =>
      call<WithdrawalView & { code?: string }>(ctx.app, 'POST', '/api/promoters/me/withdrawals', { token, body: { amount, idempotencyKey } })
    const withdrawable = async (promoterId: number) => (await ctx.app.withdrawals.totals(ctx.app.db, promoterId)).withdrawable
    const outBillNo = async (id: number) => (await ctx.app.db.one<{ out_bill_no: string }>('SELECT out_bill_no FROM withdrawals WHERE id = $1', [id])).out_bill_no
    const postNotify = (n: RawNotify) => ctx.app.inject({ method: 'POST', url: '/api/withdrawals/notify/wechat', headers: n.headers as Record<string, string>, payload: n.body })

    it('WeChat: waiting for the shopper, the sandbox confirm sends a signed notify, the withdrawal succeeds', async () => {
      const p = await promoter('weapp', 5000)
      const r = await withdraw(p.token, 1200)
      expect(r.status).toBe(201)
      expect(r.body).toMatchObject({ amount: 1200, status: 'waiting_confirm', channel: 'wechat', failure: null, finishedAt: null })
      expect(r.body.confirm).toMatchObject({ mchId: '1900000001', appId: 'wxsandbox00000000' })
      expect(r.body.confirm?.packageInfo).toMatch(/^sandbox_/)
      expect(await withdrawable(p.promoterId)).toBe(3800)

      // The app's "confirmed" is only a hint: the platform still waits, so does the withdrawal.
      expect((await call(ctx.app, 'POST', `/api/promoters/me/withdrawals/${r.body.id}/confirmed`, { token: p.token })).body.status).toBe('waiting_confirm')
      const out = await outBillNo(r.body.id)
      expect(out).toMatch(/^W\d{8}[0-9A-Z]{12}$/)
      // Someone else can't confirm it.
      const other = await promoter('weapp', 0)
      expect((await call(ctx.app, 'POST', `/api/sandbox/transfers/${out}/confirm`, { token: other.token })).status).toBe(404)

      const done = await call<WithdrawalView>(ctx.app, 'POST', `/api/sandbox/transfers/${out}/confirm`, { token: p.token })
      expect(done.status).toBe(200)
      expect(done.body).toMatchObject({ status: 'succeeded', confirm: null })
      expect(done.body.finishedAt).not.toBeNull()
      expect(await withdrawable(p.promoterId)).toBe(3800)
      const mine = await call<{ items: WithdrawalView[] }>(ctx.app, 'GET', '/api/promoters/me/withdrawals', { token: p.token })
      expect(mine.body.items.map((w) => w.status)).toEqual(['succeeded'])

      // A repeated notify, even one saying FAIL, leaves a finished withdrawal as it is.
      expect((await postNotify(await desk().wechatNotify(out))).statusCode).toBe(204)
      expect((await postNotify(await desk().wechatNotify(out, { state: 'FAIL' }))).statusCode).toBe(204)
      expect((await ctx.app.db.one<{ status: string }>('SELECT status FROM withdrawals WHERE id = $1', [r.body.id])).status).toBe('succeeded')
      expect(await withdrawable(p.promoterId)).toBe(3800)
    })

    it('a forged or stale notify is refused with 401 and changes nothing', async () => {
      const p = await promoter('weapp', 3000)
      const r = await withdraw(p.token, 1000)
      const out = await outBillNo(r.body.id)
      const real = await desk().wechatNotify(out, { state: 'SUCCESS' })
      const forged = { ...real, body: real.body.replace('"summary":"', '"summary":"x') }
      expect((await postNotify(forged)).statusCode).toBe(401)
      expect((await postNotify(await desk().wechatNotify(out, { state: 'SUCCESS', skewSec: -600 }))).statusCode).toBe(401)
      expect((await postNotify({ headers: { 'content-type': 'application/json' }, body: '{}' })).statusCode).toBe(401)
      expect((await ctx.app.db.one<{ status: string }>('SELECT status FROM withdrawals WHERE id = $1', [r.body.id])).status).toBe('waiting_confirm')
      // The genuine one moves it.
      expect((await postNotify(real)).statusCode).toBe(204)
      expect((await ctx.app.db.one<{ status: string }>('SELECT status FROM withdrawals WHERE id = $1', [r.body.id])).status).toBe('succeeded')
    })

    it("Alipay: paid at once to the promoter's user id", async () => {
      const p = await promoter('alipay', 2000)
      const r = await withdraw(p.token, 2000)
      expect(r.status).toBe(201)
      expect(r.body).toMatchObject({ status: 'succeeded', channel: 'alipay', confirm: null })
      expect(await withdrawable(p.promoterId)).toBe(0)
      const bill = (await desk().bills()).find((b) => b.provider === 'alipay' && b.amount === 2000)
      expect(bill).toMatchObject({ state: 'SUCCESS' })
      expect(bill?.openId).toMatch(/^2088/)
    })

    it("H5 preview: the sandbox's WeChat side, confirmed on the sandbox page", async () => {
      const p = await promoter('h5', 1500)
      const r = await withdraw(p.token, 1500)
      expect(r.body).toMatchObject({ status: 'waiting_confirm', channel: 'sandbox' })
      const done = await call<WithdrawalView>(ctx.app, 'POST', `/api/sandbox/transfers/${await outBillNo(r.body.id)}/confirm`, { token: p.token })
      expect(done.body.status).toBe('succeeded')
    })

    it('refuses below the minimum (400), above the balance (409), and a shopper who is no promoter (403)', async () => {
      const p = await promoter('alipay', 1000)
      expect(await withdraw(p.token, 50)).toMatchObject({ status: 400, body: { code: 'BELOW_MINIMUM' } })
      expect(await withdraw(p.token, 0)).toMatchObject({ status: 400, body: { code: 'BAD_AMOUNT' } })
      expect(await withdraw(p.token, 1001)).toMatchObject({ status: 409, body: { code: 'OVER_BALANCE' } })
      expect(await withdraw(await login(ctx.app), 1000)).toMatchObject({ status: 403, body: { code: 'NOT_PROMOTER' } })
      expect(await ctx.app.db.one('SELECT count(*)::int AS n FROM withdrawals WHERE promoter_id = $1', [p.promoterId])).toEqual({ n: 0 })
    })

    it('keeps a WeChat withdrawal below 2,000 yuan (WeChat wants the real name from there on): 400, nothing written', async () => {
      const p = await promoter('weapp', 1000)
      expect(await withdraw(p.token, 200_000)).toMatchObject({ status: 400, body: { code: 'OVER_SINGLE_LIMIT' } })
      expect(await ctx.app.db.one('SELECT count(*)::int AS n FROM withdrawals WHERE promoter_id = $1', [p.promoterId])).toEqual({ n: 0 })
    })

    it("the daily limit counts today's withdrawals (shop time) that hold or paid", async () => {
      // Through the console's settings (the promoters module owns the row).
      const settings = (over: Partial<PromoterSettings>) => call(ctx.app, 'PUT', '/api/admin/promoters/settings', { token: ADMIN_TOKEN, body: { ...DEFAULT_PROMOTER_SETTINGS, ...over } })
      expect((await settings({ dailyWithdrawalLimit: 3000 })).status).toBe(200)
      try {
        const p = await promoter('alipay', 10_000)
        expect((await withdraw(p.token, 2000)).status).toBe(201)
        expect(await withdraw(p.token, 1500)).toMatchObject({ status: 409, body: { code: 'DAILY_LIMIT' } })
        expect((await withdraw(p.token, 1000)).status).toBe(201)
      } finally {
        await settings({})
      }
    })

    it('a large withdrawal waits for review: the owner approves (paid) or rejects (money back); an operator may not', async () => {
      const p = await promoter('alipay', 200_000)
      const big = await withdraw(p.token, 60_000)
      expect(big.body).toMatchObject({ status: 'reviewing' })
      expect(await withdrawable(p.promoterId)).toBe(140_000)

      const operator = await staffToken(ctx.app, 'operator')
      expect((await call(ctx.app, 'POST', `/api/admin/withdrawals/${big.body.id}/approve`, { token: operator })).status).toBe(403)
      const listed = await call(ctx.app, 'GET', '/api/admin/withdrawals?status=reviewing', { token: operator })
      expect(listed.status).toBe(200)
      expect(listed.body.items.find((w: { id: number }) => w.id === big.body.id)).toMatchObject({ promoterId: p.promoterId, outBillNo: await outBillNo(big.body.id), reviewedBy: null })

      const owner = await staffToken(ctx.app, 'owner')
      const approved = await call(ctx.app, 'POST', `/api/admin/withdrawals/${big.body.id}/approve`, { token: owner })
      expect(approved.body).toMatchObject({ status: 'succeeded', reviewedBy: expect.stringMatching(/^owner-/) })
      expect((await call(ctx.app, 'POST', `/api/admin/withdrawals/${big.body.id}/approve`, { token: owner })).status).toBe(409)
      const audit = await ctx.app.db.one<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'withdrawal.approve' AND entity_id = $1", [String(big.body.id)])
      expect(audit.n).toBe(1)

      const second = await withdraw(p.token, 70_000)
      expect(await withdrawable(p.promoterId)).toBe(70_000)
      const rejected = await call(ctx.app, 'POST', `/api/admin/withdrawals/${second.body.id}/reject`, { token: ADMIN_TOKEN, body: { reason: '信息待核实' } })
      expect(rejected.body).toMatchObject({ status: 'rejected', failure: '审核未通过：信息待核实' })
      expect(await withdrawable(p.promoterId)).toBe(140_000)
    })

    it('a refused transfer fails and gives the money back', async () => {
      const p = await promoter('weapp', 4000)
      desk().failNext(1)
      const r = await withdraw(p.token, 4000)
      expect(r.body).toMatchObject({ status: 'failed', failure: expect.stringContaining('NOT_ENOUGH') })
      expect(await withdrawable(p.promoterId)).toBe(4000)
      expect((await withdraw(p.token, 4000)).body.status).toBe('waiting_confirm')
    })

    it('an unreachable platform leaves it processing; the sweep sends it again', async () => {
      const p = await promoter('weapp', 2000)
      desk().setOutage(1)
      const r = await withdraw(p.token, 2000)
      expect(r.body.status).toBe('processing')
      expect(await withdrawable(p.promoterId)).toBe(0)
      expect(await ctx.app.withdrawals.sweep()).toBeGreaterThanOrEqual(1)
      expect((await call(ctx.app, 'GET', '/api/promoters/me/withdrawals', { token: p.token })).body.items[0].status).toBe('waiting_confirm')
    })

    it('two withdrawals of the whole balance at once: one is made, the other is 409', async () => {
      const p = await promoter('alipay', 3000)
      const both = await Promise.all([withdraw(p.token, 3000), withdraw(p.token, 3000)])
      expect(both.map((r) => r.status).sort()).toEqual([201, 409])
      expect(await withdrawable(p.promoterId)).toBe(0)
    })

    it('the same idempotency key twice at once is one withdrawal', async () => {
      const p = await promoter('alipay', 5000)
      const key = `wd-same-${crypto.randomUUID()}`
      const both = await Promise.all([withdraw(p.token, 1000, key), withdraw(p.token, 1000, key)])
      expect(both.map((r) => r.status).sort()).toEqual([200, 201])
      expect(both[0].body.id).toBe(both[1].body.id)
      expect(await withdrawable(p.promoterId)).toBe(4000)
    })
  },
  { sandboxNotifyDelayMs: null },
)
