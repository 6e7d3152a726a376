import { expect, it } from 'vitest'
import { call, describeEachDb, login, staffToken, type Ctx } from '../../../test/helpers'
import { createCardWorker, memberCardService } from '..'
import type { MemberCardsFacets } from '../../../platforms/types'

let codes = 0
/** A new sandbox shopper of this platform (the sandbox's IDE login: a new code without a device id is a new shopper). */
async function shopper(ctx: Ctx, platform: 'wechat' | 'alipay'): Promise<{ token: string; userId: number }> {
  const body = platform === 'wechat' ? { code: `card-code-${++codes}` } : { authCode: `card-auth-${++codes}` }
  const r = await call(ctx.app, 'POST', `/api/auth/${platform}`, { body })
  expect(r.status).toBe(200)
  return { token: r.body.token, userId: r.body.user.id }
}

const tokenOf = (path: string) => decodeURIComponent(new URL(path, 'http://x').searchParams.get('token') as string)

async function sandboxCalls(ctx: Ctx, api: string) {
  return (await ctx.t.db.query<{ request: Record<string, any> }>('SELECT request FROM sandbox_card_calls WHERE api = $1 ORDER BY id', [api])).rows.map((r) => // eslint-disable-line @typescript-eslint/no-explicit-any
    typeof r.request === 'string' ? JSON.parse(r.request) : r.request,
  )
}

async function givePoints(ctx: Ctx, userId: number, points: number, key: string) {
  await ctx.t.db.tx((q) => ctx.app.points.creditIn(q, { userId, points, kind: 'admin', key, title: '测试', at: new Date() }))
}

/** open → the sandbox page → its form submitted: what Alipay's form returns to the app. */
async function alipayForm(ctx: Ctx, token: string) {
  const open = await call(ctx.app, 'POST', '/api/member-card/open', { token })
  expect(open.status).toBe(200)
  expect(open.body.kind).toBe('sandbox')
  expect(open.body.path).toMatch(/^\/pkg-member\/sandbox-card\/index\?token=/)
  const cardToken = tokenOf(open.body.path)
  const page = await call(ctx.app, 'GET', `/api/sandbox/member-card/${encodeURIComponent(cardToken)}`)
  expect(page.status).toBe(200)
  expect(page.body).toMatchObject({ platform: 'alipay', fields: ['OPEN_FORM_FIELD_MOBILE'] })
  const submit = await call(ctx.app, 'POST', `/api/sandbox/member-card/${encodeURIComponent(cardToken)}/submit`, { body: { mobile: '13800138000' } })
  expect(submit.status).toBe(200)
  expect(submit.body).toMatchObject({ authCode: expect.any(String), requestId: expect.any(String), templateId: page.body.templateId })
  return submit.body as { authCode: string; requestId: string; templateId: string }
}

describeEachDb('member cards (会员卡)', (ctx) => {
  it('Alipay through the sandbox: open, the form, activate → active with the shop card number; card.open carried level and points', async () => {
    const { token, userId } = await shopper(ctx, 'alipay')
    await givePoints(ctx, userId, 30, `card-test:${userId}:a`)
    expect((await call(ctx.app, 'GET', '/api/member-card', { token })).body).toMatchObject({ available: true, status: 'none', cardNo: null, levelName: '普通会员', points: 30 })
    const form = await alipayForm(ctx, token)
    const act = await call(ctx.app, 'POST', '/api/member-card/activate', { token, body: form })
    expect(act.status).toBe(200)
    expect(act.body).toMatchObject({ status: 'active', cardNo: expect.stringMatching(/^D\d{11}$/), points: 30, levelName: '普通会员' })
    const opened = (await sandboxCalls(ctx, 'alipay.marketing.card.open')).filter((c) => c.card_ext_info.external_card_no === act.body.cardNo)
    expect(opened).toHaveLength(1)
    expect(opened[0]).toMatchObject({ out_serial_no: act.body.cardNo, card_ext_info: { level: '普通会员', point: '30' }, card_user_info: { user_uni_id_type: 'UID' } })
    // Activating again: the same card, nothing new opened.
    const again = await call(ctx.app, 'POST', '/api/member-card/activate', { token, body: form })
    expect(again.body).toMatchObject({ status: 'active', cardNo: act.body.cardNo })
    expect((await sandboxCalls(ctx, 'alipay.marketing.card.open')).filter((c) => c.card_ext_info.external_card_no === act.body.cardNo)).toHaveLength(1)
    expect((await call(ctx.app, 'POST', '/api/member-card/open', { token })).body.code).toBe('CARD_ACTIVE')
  })

  it('two activations at once: one card, active', async () => {
    const { token, userId } = await shopper(ctx, 'alipay')
    const form = await alipayForm(ctx, token)
    const rs = await Promise.all([0, 1].map(() => call(ctx.app, 'POST', '/api/member-card/activate', { token, body: form })))
    expect(rs.map((r) => r.status)).toEqual([200, 200])
    expect(rs[0].body.cardNo).toBe(rs[1].body.cardNo)
    const rows = await ctx.t.db.query('SELECT status FROM member_cards WHERE user_id = $1', [userId])
    expect(rows.rows).toEqual([{ status: 'active' }])
  })

  it('a bad token → 400 and nothing written; a made-up auth code → 400 and the card stays unopened', async () => {
    const { token, userId } = await shopper(ctx, 'alipay')
    const form = await alipayForm(ctx, token)
    const before = (await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM sandbox_card_calls')).n
    for (const bad of ['nonsense', 'eyJ4IjoxfQ.forged']) {
      expect((await call(ctx.app, 'GET', `/api/sandbox/member-card/${bad}`)).body.code).toBe('BAD_CARD_TOKEN')
      const r = await call(ctx.app, 'POST', `/api/sandbox/member-card/${bad}/submit`, { body: { mobile: '13800138000' } })
      expect(r.status).toBe(400)
      expect(r.body.code).toBe('BAD_CARD_TOKEN')
    }
    expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM sandbox_card_calls')).n).toBe(before)
    const r = await call(ctx.app, 'POST', '/api/member-card/activate', { token, body: { ...form, authCode: 'made-up' } })
    expect(r.status).toBe(400)
    expect(r.body.code).toBe('BAD_AUTH_CODE')
    expect((await ctx.t.db.query('SELECT status FROM member_cards WHERE user_id = $1', [userId])).rows).toEqual([{ status: 'opening' }])
    // Another shopper's form: refused as not theirs.
    const other = await shopper(ctx, 'alipay')
    await call(ctx.app, 'POST', '/api/member-card/open', { token: other.token })
    const stolen = await call(ctx.app, 'POST', '/api/member-card/activate', { token: other.token, body: form })
    expect(stolen.body.code).toBe('CARD_NOT_YOURS')
  })

  it('points change → one update with the new balance (a burst sends once)', async () => {
    const { token, userId } = await shopper(ctx, 'alipay')
    const card = (await call(ctx.app, 'POST', '/api/member-card/activate', { token, body: await alipayForm(ctx, token) })).body
    await ctx.app.memberCardWorker.runOnce()
    const sentBefore = (await sandboxCalls(ctx, 'alipay.marketing.card.update')).length
    await givePoints(ctx, userId, 10, `card-test:${userId}:b1`)
    await givePoints(ctx, userId, 15, `card-test:${userId}:b2`)
    expect((await ctx.t.db.query("SELECT 1 FROM member_card_updates WHERE user_id = $1 AND status = 'pending'", [userId])).rows).toHaveLength(1)
    await ctx.app.memberCardWorker.runOnce()
    const updates = (await sandboxCalls(ctx, 'alipay.marketing.card.update')).slice(sentBefore)
    expect(updates).toHaveLength(1)
    expect(updates[0]).toMatchObject({ target_card_no_type: 'BIZ_CARD', card_info: { point: '25', level: '普通会员' } })
    expect(updates[0].target_card_no).toMatch(/^ali/)
    expect(card.cardNo).toMatch(/^D\d{11}$/)
    expect((await ctx.t.db.query("SELECT status FROM member_card_updates WHERE user_id = $1", [userId])).rows).toEqual([{ status: 'sent' }])
    // A shopper without a card: a points change enqueues nothing.
    const plain = await shopper(ctx, 'alipay')
    await givePoints(ctx, plain.userId, 5, `card-test:${plain.userId}:c`)
    expect((await ctx.t.db.query('SELECT 1 FROM member_card_updates WHERE user_id = $1', [plain.userId])).rows).toHaveLength(0)
  })

  it('a failed update is tried again after the backoff, then sent with the balance of that moment', async () => {
    const { token, userId } = await shopper(ctx, 'alipay')
    await call(ctx.app, 'POST', '/api/member-card/activate', { token, body: await alipayForm(ctx, token) })
    let clock = new Date()
    const worker = createCardWorker({ db: ctx.t.db, now: () => clock, send: ctx.app.memberCards.sendUpdate, backoffMs: 30_000, owner: `t-${userId}` })
    await worker.runOnce()
    await givePoints(ctx, userId, 40, `card-test:${userId}:r1`)
    ctx.app.memberCards.sandboxDesk.setOutage(1)
    // The row was enqueued on the app's (real) clock: the worker's is a moment later.
    clock = new Date(Date.now() + 1000)
    const sentBefore = (await sandboxCalls(ctx, 'alipay.marketing.card.update')).length
    await worker.runOnce()
    const row = await ctx.t.db.one<{ status: string; attempts: number; last_error: string }>('SELECT status, attempts, last_error FROM member_card_updates WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [userId])
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('unreachable') })
    // Not due yet: nothing sent.
    await worker.runOnce()
    expect((await sandboxCalls(ctx, 'alipay.marketing.card.update')).length).toBe(sentBefore)
    await givePoints(ctx, userId, 2, `card-test:${userId}:r2`)
    clock = new Date(clock.getTime() + 31_000)
    await worker.runOnce()
    const sent = (await sandboxCalls(ctx, 'alipay.marketing.card.update')).slice(sentBefore)
    expect(sent.map((c) => c.card_info.point)).toEqual(['42'])
  })

  it('WeChat through the sandbox: the signed cardExt verifies, a changed one is refused, the code activates; the first update sets the bonus', async () => {
    const { token, userId } = await shopper(ctx, 'wechat')
    await givePoints(ctx, userId, 12, `card-test:${userId}:w`)
    const open = await call(ctx.app, 'POST', '/api/member-card/open', { token })
    expect(open.body.kind).toBe('sandbox')
    const cardToken = encodeURIComponent(tokenOf(open.body.path))
    const page = (await call(ctx.app, 'GET', `/api/sandbox/member-card/${cardToken}`)).body
    expect(page).toMatchObject({ platform: 'wechat', cardId: expect.any(String), cardExt: expect.any(String) })
    const ext = JSON.parse(page.cardExt)
    expect(ext).toMatchObject({ code: page.cardNo, timestamp: expect.any(Number), nonce_str: expect.any(String), signature: expect.stringMatching(/^[0-9a-f]{40}$/) })
    const forged = await call(ctx.app, 'POST', `/api/sandbox/member-card/${cardToken}/submit`, { body: { cardExt: JSON.stringify({ ...ext, code: 'D99999999999' }) } })
    expect(forged.status).toBe(400)
    expect(forged.body.code).toBe('BAD_CARD_EXT')
    const added = await call(ctx.app, 'POST', `/api/sandbox/member-card/${cardToken}/submit`, { body: { cardExt: page.cardExt } })
    expect(added.status).toBe(200)
    expect(added.body.code).not.toBe(page.cardNo)
    expect((await call(ctx.app, 'POST', '/api/member-card/activate', { token, body: { code: 'garbage' } })).body.code).toBe('BAD_CARD_CODE')
    const act = await call(ctx.app, 'POST', '/api/member-card/activate', { token, body: { code: added.body.code } })
    expect(act.body).toMatchObject({ status: 'active', cardNo: page.cardNo, points: 12 })
    await ctx.app.memberCardWorker.runOnce()
    const sent = (await sandboxCalls(ctx, 'card/membercard/updateuser')).filter((c) => c.code === page.cardNo)
    expect(sent).toEqual([{ code: page.cardNo, card_id: page.cardId, bonus: 12, custom_field_value1: '普通会员' }])
  })

  it('live WeChat without WECHAT_MEMBER_CARD_ID (or a console card id): the in-app membership only, said so', async () => {
    const { userId } = await shopper(ctx, 'wechat')
    const facets = { alipay: { id: 'alipay', sandbox: true }, wechat: { id: 'wechat', sandbox: false }, sandbox: {} } as unknown as MemberCardsFacets
    const live = memberCardService(ctx.t.db, { now: () => new Date(), facets, pointsOf: async () => 7, levelNameOf: async () => '银卡会员' })
    expect(await live.view(userId)).toMatchObject({ available: false, status: 'none', points: 7, levelName: '银卡会员', note: expect.stringContaining('暂未开通微信会员卡') })
    await expect(live.open(userId)).rejects.toMatchObject({ statusCode: 409, code: 'CARD_UNAVAILABLE' })
    const withCard = memberCardService(ctx.t.db, { now: () => new Date(), facets, pointsOf: async () => 7, wechatCardId: 'pLIVE' })
    expect((await withCard.view(userId)).available).toBe(true)
  })

  it('the H5 preview: the sandbox plays the Alipay card', async () => {
    const token = await login(ctx.app)
    expect((await call(ctx.app, 'GET', '/api/member-card', { token })).body).toMatchObject({ available: true, status: 'none' })
    expect((await call(ctx.app, 'GET', '/api/member-card')).status).toBe(401)
  })

  it('console: settings saved and the Alipay template created through the sandbox, audited; service staff may not', async () => {
    const owner = await staffToken(ctx.app, 'owner')
    const put = await call(ctx.app, 'PUT', '/api/admin/member-card', { token: owner, body: { alipayTemplateId: null, wechatCardId: '', title: '鲜花会员卡', color: '#336699' } })
    expect(put.body).toEqual({ alipayTemplateId: null, wechatCardId: null, title: '鲜花会员卡', color: '#336699' })
    expect((await call(ctx.app, 'PUT', '/api/admin/member-card', { token: owner, body: { ...put.body, color: 'red' } })).status).toBe(400)
    const tpl = await call(ctx.app, 'POST', '/api/admin/member-card/template', { token: owner })
    expect(tpl.status).toBe(200)
    expect(tpl.body.alipayTemplateId).toMatch(/^2026\d{28}$/)
    const created = await sandboxCalls(ctx, 'alipay.marketing.card.template.create')
    expect(created.at(-1)).toMatchObject({ card_type: 'OUT_MEMBER_CARD', template_style_info: { card_show_name: '鲜花会员卡', bg_color: 'rgb(51,102,153)' }, open_card_conf: { open_card_source_type: 'MER' } })
    expect((await sandboxCalls(ctx, 'alipay.marketing.card.formtemplate.set')).length).toBeGreaterThan(0)
    const audit = await ctx.t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'member_card_settings' ORDER BY id")
    expect(audit.rows.map((r) => r.action)).toEqual(['member_card.settings', 'member_card.template_create'])
    // Again: the template is modified, not created anew.
    expect((await call(ctx.app, 'POST', '/api/admin/member-card/template', { token: owner })).body.alipayTemplateId).toBe(tpl.body.alipayTemplateId)
    expect((await sandboxCalls(ctx, 'alipay.marketing.card.template.modify')).length).toBe(1)
    const service = await staffToken(ctx.app, 'service')
    expect((await call(ctx.app, 'GET', '/api/admin/member-card', { token: service })).status).toBe(200)
    expect((await call(ctx.app, 'POST', '/api/admin/member-card/template', { token: service })).status).toBe(403)
  })
})
