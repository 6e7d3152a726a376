import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { Paged } from '../../../src/domain/contract'
import { FULFILMENT_KINDS, type ReceiptMode, type ShipInput, type Shipment, type ShippingUpload } from '../../../src/domain/shipping'
import { id, idParams, idText, pageQuery, parse, quantity } from '../../lib/validate'
import { adminOf } from '../staff'

const UPLOAD_STATUSES = ['pending', 'sent', 'failed'] as const
const UploadQuery = z.object({ ...pageQuery, orderId: idText.optional(), status: z.enum(UPLOAD_STATUSES, { error: `status 只能是 ${UPLOAD_STATUSES.join('、')}` }).optional() })

// Shapes only; lengths, tracking-number format, order lines and quantities are checked by the service (validate.ts).
const ParcelBody = z.object({
  carrier: z.string({ error: '请填写快递公司' }).trim(),
  trackingNo: z.string({ error: '请填写快递单号' }).trim(),
  items: z.array(z.object({ orderItemId: id, quantity }), { error: 'items 必须是数组' }).max(100).optional(),
  // A multi-recipient gift: the claim this parcel goes to (its address, its share by default).
  giftClaimId: id.optional(),
})
/** ShipInput, or the old {carrier, trackingNo}: one express parcel. */
export const ShipBody = z.union([
  z.object({ kind: z.enum(FULFILMENT_KINDS, { error: `kind 只能是 ${FULFILMENT_KINDS.join('、')}` }), parcels: z.array(ParcelBody, { error: 'parcels 必须是数组' }).max(50).default([]) }),
  ParcelBody.omit({ items: true, giftClaimId: true }),
])

export function shipInput(body: unknown): ShipInput {
  const b = parse(ShipBody, body)
  return 'kind' in b ? { kind: b.kind, parcels: b.parcels } : { kind: 'express', parcels: [{ carrier: b.carrier, trackingNo: b.trackingNo }] }
}

/** The console's shipping routes; inside the admin scope (../admin/scope.ts). The ship itself is POST /admin/orders/:id/ship (admin/routes.ts). */
export async function shippingAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/orders/:id/shipments', { config: { permission: 'orders:read' } }, async (req): Promise<{ items: Shipment[] }> => {
    const { id: orderId } = parse(idParams, req.params)
    return { items: await app.shipping.shipments(orderId) }
  })

  // What was sent to each platform for an order (or all), and how it went: failed ones need a person.
  app.get('/admin/shipping-uploads', { config: { permission: 'orders:read' } }, async (req): Promise<Paged<ShippingUpload>> => {
    const q = parse(UploadQuery, req.query)
    return app.shipping.uploads({ orderId: q.orderId, status: q.status, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
  })

  app.post('/admin/shipping-uploads/:id/retry', { config: { permission: 'orders:write' } }, async (req) => {
    const { id: uploadId } = parse(idParams, req.params)
    return app.shipping.retry(uploadId, adminOf(req))
  })

  app.get('/admin/carriers', { config: { permission: 'orders:read' } }, async () => app.shipping.carriers())
}

/** The shopper's side: how to confirm receipt, and the sandbox receipt page's confirm. */
export async function shippingRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)
  app.get('/orders/:id/receipt', async (req): Promise<ReceiptMode> => {
    const { id: orderId } = parse(idParams, req.params)
    return app.shipping.receiptMode(req.userId, orderId)
  })
}

const SandboxConfirm = z.object({ orderId: id })

/** Only on servers where the sandbox plays WeChat: what WeChat's weappOrderConfirm component would record. */
export async function sandboxShippingRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('preHandler', app.authenticate)
  app.post('/sandbox/shipping/confirm', async (req) => {
    const { orderId } = parse(SandboxConfirm, req.body)
    await app.shipping.sandboxConfirm(req.userId, orderId)
    return { ok: true }
  })
}
