import type { FastifyInstance } from 'fastify'
import type { Db } from '../../../db'
import { ADMIN_TOKEN, call } from '../../../test/helpers'

/** An admin call with ADMIN_TOKEN (staff logins come with their own helper). */
export function admin<T = any>(app: FastifyInstance, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, body?: unknown) { // eslint-disable-line @typescript-eslint/no-explicit-any
  return call<T>(app, method, url, { token: ADMIN_TOKEN, body })
}

export async function auditRows(db: Db, action: string, entityId?: number | string) {
  const r = await db.query<{ action: string; entity: string; entity_id: string; actor_name: string; before: unknown; after: unknown }>(
    `SELECT action, entity, entity_id, actor_name, before, after FROM audit_log WHERE action = $1 ${entityId === undefined ? '' : 'AND entity_id = $2'} ORDER BY id`,
    entityId === undefined ? [action] : [action, String(entityId)],
  )
  return r.rows.map((x) => ({ ...x, before: typeof x.before === 'string' ? JSON.parse(x.before) : x.before, after: typeof x.after === 'string' ? JSON.parse(x.after) : x.after }))
}

export async function movementSum(db: Db, skuId: number): Promise<number> {
  return (await db.one<{ n: number }>('SELECT COALESCE(sum(delta), 0)::int AS n FROM stock_movements WHERE sku_id = $1 AND store_id IS NULL', [skuId])).n
}

/** A multipart/form-data body with the given parts (as a browser's form would send it). */
export function multipart(parts: { name: string; filename?: string; contentType?: string; data: Buffer | string }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----duettest${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`))
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data))
    chunks.push(Buffer.from('\r\n'))
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}
