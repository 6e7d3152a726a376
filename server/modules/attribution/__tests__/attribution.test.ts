import { expect, it } from 'vitest'
import type { AttributionResult } from '../../../../src/domain/sharing'
import { call, describeEachDb, login, productId } from '../../../test/helpers'
import type { Db } from '../../../db'
import { firstTouchOf, newSceneId, sceneFor, visitsOf, type BindEvent } from '..'

let clock = new Date('2026-06-01T02:00:00Z')
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}
/** What the fake promoters module was asked; it binds whoever it is asked about. */
const binds: BindEvent[] = []
const MIN = 60_000

/** An approved promoter (the promoters module's table, written directly: that module isn't in this tree). */
async function promoter(db: Db): Promise<{ id: number; userId: number }> {
  const userId = (await db.one<{ id: number }>("INSERT INTO users (platform, external_id, nickname) VALUES ('h5', $1, '推广员') RETURNING id", [`p-${newSceneId()}`])).id
  const p = await db.one<{ id: number }>("INSERT INTO promoters (user_id, status, scene, applied_at) VALUES ($1, 'approved', $2, now()) RETURNING id", [userId, newSceneId()])
  return { id: p.id, userId }
}

describeEachDb(
  'attribution',
  (ctx) => {
    const attribute = (scene: unknown, token?: string) => call<AttributionResult>(ctx.app, 'POST', '/api/attribution', { token, body: { scene } })
    const userOf = async (token: string) => ctx.app.sessions.verify(token)
    const visitRows = async (userId: number) => (await ctx.t.db.query<{ scene: string; first: boolean }>('SELECT scene, first FROM visits WHERE user_id = $1 ORDER BY id', [userId])).rows

    it('an unknown or malformed scene is ignored (200, all nulls), with or without a session', async () => {
      const token = await login(ctx.app)
      const ignored = { scene: null, productId: null, storeId: null, channel: null, recorded: false, bound: false }
      for (const scene of ['ZZZZZZZZ', 'short', '%E0%A4%A', 'x'.repeat(200), 42, null]) {
        expect(await attribute(scene)).toEqual({ status: 200, body: ignored })
        expect(await attribute(scene, token)).toEqual({ status: 200, body: ignored })
      }
      expect(await visitRows(await userOf(token))).toEqual([])
    })

    it('anonymous: the resolution only, nothing written; a bad token is 401', async () => {
      const tee = await productId(ctx.t.db, 'tee')
      const scene = await sceneFor(ctx.t.db, { promoterId: null, productId: tee, channel: 'share', storeId: null }, clock)
      expect(await attribute(`scene%3D${scene}`)).toEqual({ status: 200, body: { scene, productId: tee, storeId: null, channel: 'share', recorded: false, bound: false } })
      expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM visits WHERE scene = $1', [scene])).n).toBe(0)
      expect((await attribute(scene, 'not-a-token')).status).toBe(401)
    })

    it('first touch is kept across later visits; the bind hook gets the promoter, and is not called for a scene without one', async () => {
      const p = await promoter(ctx.t.db)
      const tee = await productId(ctx.t.db, 'tee')
      const viaPromoter = await sceneFor(ctx.t.db, { promoterId: p.id, productId: tee, channel: 'poster', storeId: null }, clock)
      const plain = await sceneFor(ctx.t.db, { promoterId: null, productId: null, channel: 'code', storeId: 3 }, clock)
      const token = await login(ctx.app)
      const userId = await userOf(token)

      binds.length = 0
      expect((await attribute(plain, token)).body).toEqual({ scene: plain, productId: null, storeId: 3, channel: 'code', recorded: true, bound: false })
      expect(binds).toEqual([])
      advance(5 * MIN)
      expect((await attribute(viaPromoter, token)).body).toEqual({ scene: viaPromoter, productId: tee, storeId: null, channel: 'poster', recorded: true, bound: true })
      expect(binds).toEqual([{ userId, promoterId: p.id, scene: viaPromoter, at: clock }])

      expect(await visitRows(userId)).toEqual([
        { scene: plain, first: true },
        { scene: viaPromoter, first: false },
      ])
      expect(await firstTouchOf(ctx.t.db, userId)).toMatchObject({ scene: plain, promoterId: null, storeId: 3, channel: 'code' })
      expect(await visitsOf(ctx.t.db, p.id)).toEqual({ visits: 1, visitors: 1, firstTouches: 0 })
    })

    it('a visit storm writes at most one row per shopper and scene per hour', async () => {
      const scene = await sceneFor(ctx.t.db, { promoterId: null, productId: null, channel: 'link', storeId: null }, clock)
      const token = await login(ctx.app)
      const userId = await userOf(token)
      for (let i = 0; i < 10; i++) expect((await attribute(scene, token)).body.recorded).toBe(true)
      await Promise.all(Array.from({ length: 10 }, () => attribute(scene, token)))
      expect((await visitRows(userId)).length).toBe(1)
      advance(59 * MIN)
      await attribute(scene, token)
      expect((await visitRows(userId)).length).toBe(1)
      advance(2 * MIN)
      await Promise.all(Array.from({ length: 10 }, () => attribute(scene, token)))
      expect(await visitRows(userId)).toEqual([
        { scene, first: true },
        { scene, first: false },
      ])
    })

    it('20 concurrent attributions of a new shopper make one first visit', async () => {
      const p = await promoter(ctx.t.db)
      const scenes = await Promise.all(
        (['share', 'poster', 'code', 'link'] as const).map((channel) => sceneFor(ctx.t.db, { promoterId: p.id, productId: null, channel, storeId: null }, clock)),
      )
      const token = await login(ctx.app)
      const userId = await userOf(token)
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => attribute(scenes[i % 4], token)))
      expect(answers.every((a) => a.status === 200 && a.body.recorded)).toBe(true)
      const rows = await visitRows(userId)
      expect(rows.filter((r) => r.first).length).toBe(1)
      // One row per scene: the first touch and one plain row for each of the other three.
      expect(rows.length).toBe(4)
      expect(new Set(rows.map((r) => r.scene))).toEqual(new Set(scenes))
      expect(await visitsOf(ctx.t.db, p.id)).toEqual({ visits: 4, visitors: 1, firstTouches: 1 })
    })

    it('GET /api/scenes/:id answers what the scene opens (never the promoter), 404 otherwise', async () => {
      const p = await promoter(ctx.t.db)
      const mug = await productId(ctx.t.db, 'mug')
      const scene = await sceneFor(ctx.t.db, { promoterId: p.id, productId: mug, channel: 'share', storeId: null }, clock)
      expect(await call(ctx.app, 'GET', `/api/scenes/${scene}`)).toEqual({ status: 200, body: { scene, productId: mug, storeId: null, channel: 'share' } })
      expect(await call(ctx.app, 'GET', '/api/scenes/ZZZZZZZZ')).toMatchObject({ status: 404, body: { code: 'SCENE_NOT_FOUND' } })
      expect(await call(ctx.app, 'GET', '/api/scenes/..%2F..')).toMatchObject({ status: 404, body: { code: 'SCENE_NOT_FOUND' } })
    })

    it('POST /api/scenes: a shopper’s share has no promoter, an approved promoter’s carries theirs; same target same id', async () => {
      const tee = await productId(ctx.t.db, 'tee')
      expect((await call(ctx.app, 'POST', '/api/scenes', { body: { productId: tee, channel: 'share' } })).status).toBe(401)
      const shopper = await login(ctx.app)
      const a = await call<{ scene: string }>(ctx.app, 'POST', '/api/scenes', { token: shopper, body: { productId: tee, channel: 'share' } })
      const b = await call<{ scene: string }>(ctx.app, 'POST', '/api/scenes', { token: await login(ctx.app), body: { productId: tee, channel: 'share' } })
      expect(a.status).toBe(200)
      expect(b.body.scene).toBe(a.body.scene)
      expect((await ctx.t.db.one<{ promoter_id: number | null }>('SELECT promoter_id FROM scenes WHERE id = $1', [a.body.scene])).promoter_id).toBeNull()

      const promoterToken = await login(ctx.app)
      const promoterUser = await userOf(promoterToken)
      const pid = (await ctx.t.db.one<{ id: number }>("INSERT INTO promoters (user_id, status, scene, applied_at) VALUES ($1, 'approved', $2, now()) RETURNING id", [promoterUser, newSceneId()])).id
      const mine = await call<{ scene: string }>(ctx.app, 'POST', '/api/scenes', { token: promoterToken, body: { productId: tee, channel: 'share' } })
      expect(mine.body.scene).not.toBe(a.body.scene)
      expect((await ctx.t.db.one<{ promoter_id: number | null }>('SELECT promoter_id FROM scenes WHERE id = $1', [mine.body.scene])).promoter_id).toBe(pid)
      const shop = await call<{ scene: string }>(ctx.app, 'POST', '/api/scenes', { token: promoterToken, body: { channel: 'poster' } })
      expect((await call(ctx.app, 'GET', `/api/scenes/${shop.body.scene}`)).body).toEqual({ scene: shop.body.scene, productId: null, storeId: null, channel: 'poster' })

      expect(await call(ctx.app, 'POST', '/api/scenes', { token: shopper, body: { productId: 999999, channel: 'share' } })).toMatchObject({ status: 404, body: { code: 'PRODUCT_NOT_FOUND' } })
      expect(await call(ctx.app, 'POST', '/api/scenes', { token: shopper, body: { productId: tee, channel: 'tv' } })).toMatchObject({ status: 400, body: { code: 'BAD_INPUT' } })
    })

    it('concurrent sceneFor of the same target makes one row', async () => {
      const mug = await productId(ctx.t.db, 'mug')
      const target = { promoterId: null, productId: mug, channel: 'link' as const, storeId: 7 }
      const ids = await Promise.all(Array.from({ length: 20 }, () => sceneFor(ctx.t.db, target, clock)))
      expect(new Set(ids).size).toBe(1)
      expect((await ctx.t.db.one<{ n: number }>('SELECT count(*)::int AS n FROM scenes WHERE product_id = $1 AND store_id = 7', [mug])).n).toBe(1)
    })
  },
  {
    now: () => clock,
    bind: async (_q, e) => {
      binds.push(e)
      return true
    },
  },
)
