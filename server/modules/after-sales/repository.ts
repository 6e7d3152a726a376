import type { AdminAfterSale } from '../../../src/domain/admin-contract'
import type { Paged, Platform } from '../../../src/domain/contract'
import {
  AFTER_SALE_STATUSES,
  afterSaleDeadline,
  holdsUnits,
  type AfterSale,
  type AfterSaleActor,
  type AfterSalePolicy,
  type AfterSaleStatus,
  type AfterSaleType,
} from '../../../src/domain/after-sales'
import type { Queryable } from '../../db'
import { iso } from '../../lib/rows'
import { specText } from '../catalog'

export interface AfterSaleRow {
  id: number
  order_id: number
  user_id: number
  type: AfterSaleType
  status: AfterSaleStatus
  reason: string
  description: string | null
  photos: string[] | string
  amount: number
  refusal: string | null
  return_carrier: string | null
  return_tracking_no: string | null
  returned_at: Date | null
  resend_carrier: string | null
  resend_tracking_no: string | null
  resent_at: Date | null
  refund_id: number | null
  refund_reserved: boolean
  refund_failure: string | null
  status_at: Date
  created_at: Date
  updated_at: Date
}

/** What a view needs besides the row: the policy (deadline) and the return address. */
export interface ViewContext {
  policy: AfterSalePolicy
  returnAddress: { name: string; phone: string; address: string }
}

type Extra = { order_no: string; buyer: string; platform: Platform; refund_status: 'pending' | 'succeeded' | 'failed' | null; refund_failure_text: string | null }

const SELECT = `SELECT a.*, o.order_no, u.nickname AS buyer, u.platform, r.status AS refund_status, r.failure AS refund_failure_text
  FROM after_sales a JOIN orders o ON o.id = a.order_id JOIN users u ON u.id = a.user_id LEFT JOIN refunds r ON r.id = a.refund_id`

/** Goods go back to the shop once a return or exchange is approved (and stay shown afterwards). */
function showsReturnAddress(type: AfterSaleType, status: AfterSaleStatus): boolean {
  return type !== 'refund' && status !== 'requested' && status !== 'refused'
}

/** Full views (lines, steps) for these rows, in the rows' order: three queries, not 1 + 2n. */
async function hydrate(q: Queryable, rows: (AfterSaleRow & Extra)[], ctx: ViewContext): Promise<AdminAfterSale[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [lines, steps] = await Promise.all([
    q.query<{ after_sale_id: number; order_item_id: number; sku_id: number; quantity: number; amount: number; title: string; specs: Record<string, string> | string; image: string }>(
      `SELECT l.after_sale_id, l.order_item_id, l.sku_id, l.quantity, l.amount, i.title, i.specs, i.image
       FROM after_sale_lines l JOIN order_items i ON i.id = l.order_item_id WHERE l.after_sale_id = ANY($1::int[]) ORDER BY l.order_item_id`,
      [ids],
    ),
    q.query<{ after_sale_id: number; status: AfterSaleStatus; actor: AfterSaleActor; note: string | null; at: Date }>(
      'SELECT after_sale_id, status, actor, note, at FROM after_sale_steps WHERE after_sale_id = ANY($1::int[]) ORDER BY id',
      [ids],
    ),
  ])
  return rows.map((r) => {
    const deadline = afterSaleDeadline(r.status, new Date(r.status_at), ctx.policy)
    return {
      id: r.id,
      orderId: r.order_id,
      orderNo: r.order_no,
      type: r.type,
      status: r.status,
      lines: lines.rows
        .filter((l) => l.after_sale_id === r.id)
        .map((l) => ({
          orderItemId: l.order_item_id,
          skuId: l.sku_id,
          title: l.title,
          specs: specText(typeof l.specs === 'string' ? JSON.parse(l.specs) : l.specs),
          image: l.image,
          quantity: l.quantity,
          amount: l.amount,
        })),
      reason: r.reason,
      description: r.description,
      photos: typeof r.photos === 'string' ? JSON.parse(r.photos) : r.photos,
      amount: r.amount,
      refusal: r.refusal,
      returnAddress: showsReturnAddress(r.type, r.status) ? ctx.returnAddress : null,
      returnShipment: r.return_carrier && r.return_tracking_no ? { carrier: r.return_carrier, trackingNo: r.return_tracking_no, at: iso(r.returned_at) as string } : null,
      resendShipment: r.resend_carrier && r.resend_tracking_no ? { carrier: r.resend_carrier, trackingNo: r.resend_tracking_no, at: iso(r.resent_at) as string } : null,
      refund: r.refund_id && r.refund_status
        ? { id: r.refund_id, status: r.refund_status, failure: r.refund_failure_text }
        : r.refund_failure
          ? { id: 0, status: 'failed', failure: r.refund_failure }
          : null,
      deadline: deadline ? { event: deadline.event, at: deadline.at.toISOString() } : null,
      createdAt: iso(r.created_at) as string,
      updatedAt: iso(r.updated_at) as string,
      steps: steps.rows.filter((s) => s.after_sale_id === r.id).map((s) => ({ status: s.status, actor: s.actor, note: s.note, at: iso(s.at) as string })),
      userId: r.user_id,
      buyer: r.buyer,
      platform: r.platform as AdminAfterSale['platform'],
    }
  })
}

/** The admin view (who asked, on which platform). */
export async function findAdminAfterSale(q: Queryable, id: number, ctx: ViewContext): Promise<AdminAfterSale | null> {
  const r = await q.query<AfterSaleRow & Extra>(`${SELECT} WHERE a.id = $1`, [id])
  return (await hydrate(q, r.rows, ctx))[0] ?? null
}

/** The shopper's view: only their own request (someone else's is "not found"). */
export async function findAfterSale(q: Queryable, id: number, ctx: ViewContext, userId?: number): Promise<AfterSale | null> {
  const r = await q.query<AfterSaleRow & Extra>(`${SELECT} WHERE a.id = $1 ${userId === undefined ? '' : 'AND a.user_id = $2'}`, userId === undefined ? [id] : [id, userId])
  const v = (await hydrate(q, r.rows, ctx))[0]
  return v ? shopperView(v) : null
}

/** The wire AfterSale without the admin fields. */
export function shopperView(v: AdminAfterSale): AfterSale {
  const { userId: _u, buyer: _b, platform: _p, ...rest } = v
  return rest
}

export interface AfterSaleFilter {
  userId?: number
  orderId?: number
  status?: AfterSaleStatus
  type?: AfterSaleType
  page: number
  pageSize: number
}

export async function listAfterSales(q: Queryable, f: AfterSaleFilter, ctx: ViewContext): Promise<Paged<AdminAfterSale>> {
  const where: string[] = []
  const params: unknown[] = []
  if (f.userId !== undefined) where.push(`a.user_id = $${params.push(f.userId)}`)
  if (f.orderId !== undefined) where.push(`a.order_id = $${params.push(f.orderId)}`)
  if (f.status) where.push(`a.status = $${params.push(f.status)}`)
  if (f.type) where.push(`a.type = $${params.push(f.type)}`)
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const [rows, count] = await Promise.all([
    q.query<AfterSaleRow & Extra>(`${SELECT} ${whereSql} ORDER BY a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, f.pageSize, (f.page - 1) * f.pageSize]),
    q.one<{ total: number }>(`SELECT count(*)::int AS total FROM after_sales a ${whereSql}`, params),
  ])
  return { items: await hydrate(q, rows.rows, ctx), total: count.total, page: f.page, pageSize: f.pageSize }
}

const HOLDING = AFTER_SALE_STATUSES.filter(holdsUnits)

/**
 * Units of each order line spoken for by requests that hold them (open, refunded, exchanged),
 * less those a refund has already reserved on the order (they count in refunded_quantity
 * there; counting them here too would refuse units that are still free).
 */
export async function heldUnits(q: Queryable, orderId: number): Promise<Map<number, number>> {
  const r = await q.query<{ order_item_id: number; n: number }>(
    `SELECT l.order_item_id, sum(l.quantity)::int AS n FROM after_sale_lines l JOIN after_sales a ON a.id = l.after_sale_id
     WHERE a.order_id = $1 AND a.status = ANY($2::text[]) AND NOT a.refund_reserved
     GROUP BY l.order_item_id`,
    [orderId, HOLDING],
  )
  return new Map(r.rows.map((x) => [x.order_item_id, x.n]))
}
