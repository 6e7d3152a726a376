import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { LIMITS, checkAddress } from '../../../src/domain/validation'
import { badInput, conflict, notFound } from '../../lib/errors'
import { idParams, parse } from '../../lib/validate'
import * as repo from './repository'

// Shape and size first (zod), then the shop's own rules (src/domain/validation), so the
// server and the app's form give the same messages.
const capped = (max: number, label: string) => z.string({ error: `${label}必须是文字` }).max(max * 4, `${label}过长`)
const AddressBody = z.object({
  name: capped(LIMITS.receiverName, '收货人'),
  phone: capped(20, '手机号'),
  region: z.array(capped(LIMITS.regionPart, '地区'), { error: '请选择省、市、区' }).max(3, '请选择省、市、区'),
  detail: capped(LIMITS.addressDetail, '详细地址'),
  isDefault: z.boolean({ error: 'isDefault 必须是 true 或 false' }).optional(),
})

function validAddress(body: unknown): repo.AddressFields & { isDefault?: boolean } {
  const a = parse(AddressBody, body)
  const fields = { name: a.name.trim(), phone: a.phone.trim(), region: a.region.map((p) => p.trim()), detail: a.detail.trim() }
  const problem = checkAddress(fields)
  if (problem) throw badInput(problem)
  // eslint-disable-next-line no-control-regex -- control characters are never address text
  if (/[\u0000-\u001f\u007f]/.test(fields.name + fields.detail + fields.region.join(''))) throw badInput('地址含有不可见字符')
  return { ...fields, region: fields.region as [string, string, string], isDefault: a.isDefault }
}

const addressNotFound = () => notFound('收货地址', 'ADDRESS_NOT_FOUND')

export async function addressRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.get('/addresses', async (req) => ({ items: await repo.listAddresses(app.db, req.userId) }))

  app.post('/addresses', async (req, reply) => {
    const input = validAddress(req.body)
    const created = await app.db.tx(async (q) => {
      // Lock the user's row so two concurrent adds can't both pass the limit check.
      await q.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [req.userId])
      const n = (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM addresses WHERE user_id = $1', [req.userId])).n
      if (n >= repo.MAX_ADDRESSES) throw conflict('ADDRESS_LIMIT', `最多保存 ${repo.MAX_ADDRESSES} 个收货地址`)
      // The first address is the default whatever the form said.
      const isDefault = n === 0 || input.isDefault === true
      const a = await repo.insertAddress(q, req.userId, input, isDefault, app.now())
      if (isDefault) await repo.setDefault(q, req.userId, a.id)
      return a
    })
    return reply.status(201).send(created)
  })

  app.put('/addresses/:id', async (req) => {
    const { id } = parse(idParams, req.params)
    const input = validAddress(req.body)
    return app.db.tx(async (q) => {
      const a = await repo.updateAddress(q, req.userId, id, input)
      if (!a) throw addressNotFound()
      if (input.isDefault === true && !a.isDefault) {
        await repo.setDefault(q, req.userId, id)
        return { ...a, isDefault: true }
      }
      return a
    })
  })

  app.delete('/addresses/:id', async (req) => {
    const { id } = parse(idParams, req.params)
    await app.db.tx(async (q) => {
      const gone = await q.maybeOne<{ is_default: boolean }>('DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default', [id, req.userId])
      if (!gone) throw addressNotFound()
      // Deleting the default hands it to the newest remaining address.
      if (gone.is_default) {
        const next = await q.maybeOne<{ id: number }>('SELECT id FROM addresses WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [req.userId])
        if (next) await repo.setDefault(q, req.userId, next.id)
      }
    })
    return { items: await repo.listAddresses(app.db, req.userId) }
  })

  app.post('/addresses/:id/default', async (req) => {
    const { id } = parse(idParams, req.params)
    const a = await repo.findAddress(app.db, req.userId, id)
    if (!a) throw addressNotFound()
    await repo.setDefault(app.db, req.userId, id)
    return { ...a, isDefault: true }
  })
}
