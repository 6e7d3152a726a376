import { expect, it } from 'vitest'
import { call, describeEachDb, login } from '../../../test/helpers'

const HOME = { name: '张三', phone: '13800138000', region: ['广东省', '深圳市', '南山区'], detail: '科技园南路 1 号 🏠' }

describeEachDb('addresses', (ctx) => {
  it('adds (first one is default), lists, edits, sets default, deletes', async () => {
    const token = await login(ctx.app)
    const a = await call(ctx.app, 'POST', '/api/addresses', { token, body: HOME })
    expect(a.status).toBe(201)
    expect(a.body).toMatchObject({ ...HOME, isDefault: true })
    const b = await call(ctx.app, 'POST', '/api/addresses', { token, body: { ...HOME, name: '李四', isDefault: true } })
    expect(b.body.isDefault).toBe(true)
    let list = await call(ctx.app, 'GET', '/api/addresses', { token })
    expect(list.body.items.map((x: { name: string; isDefault: boolean }) => [x.name, x.isDefault])).toEqual([
      ['李四', true],
      ['张三', false],
    ])
    const edited = await call(ctx.app, 'PUT', `/api/addresses/${a.body.id}`, { token, body: { ...HOME, detail: '  海天二路 88 号  ' } })
    expect(edited.body.detail).toBe('海天二路 88 号')
    const def = await call(ctx.app, 'POST', `/api/addresses/${a.body.id}/default`, { token })
    expect(def.body.isDefault).toBe(true)
    list = await call(ctx.app, 'GET', '/api/addresses', { token })
    expect(list.body.items.filter((x: { isDefault: boolean }) => x.isDefault)).toHaveLength(1)
    const del = await call(ctx.app, 'DELETE', `/api/addresses/${a.body.id}`, { token })
    expect(del.status).toBe(200)
    // The default went away: the remaining one takes over.
    expect(del.body.items).toEqual([expect.objectContaining({ id: b.body.id, isDefault: true })])
  })

  it('validates with the shared rules, storing nothing on refusal', async () => {
    const token = await login(ctx.app)
    const bad: Record<string, unknown>[] = [
      { ...HOME, phone: '12345' },
      { ...HOME, phone: 13800138000 },
      { ...HOME, name: '' },
      { ...HOME, name: '名'.repeat(21) },
      { ...HOME, region: ['广东省', '深圳市'] },
      { ...HOME, region: ['广东省', '深圳市', ''] },
      { ...HOME, detail: '短' },
      { ...HOME, detail: '长'.repeat(121) },
      { ...HOME, detail: 'a\u0000bcdef' },
      { ...HOME, isDefault: 'yes' },
      { name: '张三' },
    ]
    for (const body of bad) {
      const res = await call(ctx.app, 'POST', '/api/addresses', { token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('BAD_INPUT')
      expect(res.body.message.length).toBeGreaterThan(0)
    }
    expect((await call(ctx.app, 'GET', '/api/addresses', { token })).body.items).toHaveLength(0)
    const sqlish = await call(ctx.app, 'POST', '/api/addresses', { token, body: { ...HOME, detail: "1号'; DELETE FROM addresses; --" } })
    expect(sqlish.status).toBe(201)
    expect(sqlish.body.detail).toBe("1号'; DELETE FROM addresses; --")
  })

  it('keeps at most 20 addresses', async () => {
    const token = await login(ctx.app)
    for (let i = 0; i < 20; i++) expect((await call(ctx.app, 'POST', '/api/addresses', { token, body: HOME })).status).toBe(201)
    const over = await call(ctx.app, 'POST', '/api/addresses', { token, body: HOME })
    expect(over.status).toBe(409)
    expect(over.body.code).toBe('ADDRESS_LIMIT')
    expect((await call(ctx.app, 'GET', '/api/addresses', { token })).body.items).toHaveLength(20)
  })

  it("answers 404 for another user's address and changes nothing", async () => {
    const alice = await login(ctx.app)
    const bob = await login(ctx.app)
    const a = await call(ctx.app, 'POST', '/api/addresses', { token: alice, body: HOME })
    const id = a.body.id
    expect((await call(ctx.app, 'PUT', `/api/addresses/${id}`, { token: bob, body: { ...HOME, name: '坏人' } })).status).toBe(404)
    expect((await call(ctx.app, 'DELETE', `/api/addresses/${id}`, { token: bob })).status).toBe(404)
    expect((await call(ctx.app, 'POST', `/api/addresses/${id}/default`, { token: bob })).status).toBe(404)
    const list = await call(ctx.app, 'GET', '/api/addresses', { token: alice })
    expect(list.body.items).toEqual([expect.objectContaining({ id, name: '张三', isDefault: true })])
  })
})
