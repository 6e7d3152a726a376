import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { OutboxEntry, Paged } from '../../../src/domain/contract'
import { idParams, idText, pageQuery, parse } from '../../lib/validate'
import { adminOf } from '../staff'
import { listOutbox, requeueByAdmin } from './outbox'

const SandboxQuery = z.object({ ...pageQuery, userId: idText.optional(), orderId: idText.optional() })
const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown', 'skipped_no_quota', 'skipped_no_template', 'skipped_stale'] as const
const OutboxQuery = z.object({ ...pageQuery, orderId: idText.optional(), status: z.enum(OUTBOX_STATUSES, { error: `status 只能是 ${OUTBOX_STATUSES.join('、')}` }).optional() })

/** The sandbox inbox and the outbox; inside the admin scope (../admin/scope.ts). */
export async function messageAdminRoutes(app: FastifyInstance): Promise<void> {

  // What the sandbox delivered, newest first: the H5 preview's "message inbox".
  app.get('/admin/messages', { config: { permission: 'messages:read' } }, async (req) => {
    const q = parse(SandboxQuery, req.query)
    return app.messages.sandbox.list({ userId: q.userId, orderId: q.orderId, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })

  // The outbox as it stands: what is waiting, what failed, what is 'unknown' and needs a person.
  app.get('/admin/messages/outbox', { config: { permission: 'messages:read' } }, async (req): Promise<Paged<OutboxEntry>> => {
    const q = parse(OutboxQuery, req.query)
    return listOutbox(app.db, { status: q.status, orderId: q.orderId, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })

  // A person decides to send a failed or unknown message again (for unknown: accepting that the
  // shopper may get it twice). Never automatic.
  app.post('/admin/messages/outbox/:id/requeue', { config: { permission: 'messages:write' } }, async (req) => {
    const { id } = parse(idParams, req.params)
    return requeueByAdmin(app.db, adminOf(req), id, app.now())
  })
}
