import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import { LIMITS, checkAddress } from '../../../src/domain/validation'
import { badInput } from '../../lib/errors'
import { idParams, parse } from '../../lib/validate'
import * as repo from './repository'
import { addAddress, editAddress, makeDefault, removeAddress } from './service'

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

export async function addressRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)

  app.get('/addresses', async (req) => ({ items: await repo.listAddresses(app.db, req.userId) }))

  app.post('/addresses', async (req, reply) => reply.status(201).send(await addAddress(app.db, req.userId, validAddress(req.body), app.now())))

  app.put('/addresses/:id', async (req) => editAddress(app.db, req.userId, parse(idParams, req.params).id, validAddress(req.body)))

  app.delete('/addresses/:id', async (req) => ({ items: await removeAddress(app.db, req.userId, parse(idParams, req.params).id) }))

  app.post('/addresses/:id/default', async (req) => makeDefault(app.db, req.userId, parse(idParams, req.params).id))
}
