import { expect, it } from 'vitest'
import { call, describeEachDb } from '../../../test/helpers'

describeEachDb('health and error shapes', (ctx) => {
  it('reports the database and sandbox mode', async () => {
    const res = await call(ctx.app, 'GET', '/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, db: ctx.t.kind, mode: 'sandbox' })
  })

  it('answers unknown routes with 404 {code, message}', async () => {
    const res = await call(ctx.app, 'GET', '/api/nope')
    expect(res.status).toBe(404)
    expect(res.body.code).toBe('NOT_FOUND')
    expect(typeof res.body.message).toBe('string')
  })

  it('answers malformed JSON with 400 BAD_JSON', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { 'content-type': 'application/json' },
      payload: '{"nickname": "a",',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('BAD_JSON')
  })

  it('answers a body over 64 KB with 413', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/dev-login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ nickname: 'x'.repeat(70 * 1024) }),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().code).toBe('BODY_TOO_LARGE')
  })

  it('answers a non-JSON body with 415 and an empty JSON body as no input', async () => {
    const text = await ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', headers: { 'content-type': 'text/plain' }, payload: 'nickname=x' })
    expect(text.statusCode).toBe(415)
    expect(text.json().code).toBe('UNSUPPORTED_MEDIA_TYPE')
    const empty = await ctx.app.inject({ method: 'POST', url: '/api/auth/dev-login', headers: { 'content-type': 'application/json' }, payload: '' })
    expect(empty.statusCode).toBe(400)
    expect(empty.json().code).toBe('BAD_INPUT')
  })

  it('keeps the schema_migrations record', async () => {
    const r = await ctx.t.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    expect(r.rows.map((x) => x.version)[0]).toBe(1)
  })
})
