import type { Db } from '../../db'
import type { Inventory } from '../inventory'
import type { OrderService } from '../orders'
import { AppError } from '../../lib/errors'
import type { CreditFacet, CreditFacets, CreditOrderRequest, Payer, ProviderId } from '../../platforms/types'
import type { CreditRow } from './store'

/** What every credit area needs: the database, the clock and the platform of the caller. */
export interface CreditCtx {
  db: Db
  now: () => Date
  providers: CreditFacets
  background: (err: unknown, what: string) => void
  /** Shop orders change status only through the orders module (pay after use marks one paid). */
  orders: Pick<OrderService, 'transitionIn'>
  /** A rental's unit goes out and comes back through inventory. */
  inventory: Inventory
}

const PROVIDER_FOR: Record<Payer['platform'], ProviderId> = { weapp: 'wechat', alipay: 'alipay', h5: 'sandbox' }
/** The notify format each provider's callbacks arrive in (the H5 sandbox writes Sesame's). */
export const CHANNEL_OF: Record<ProviderId, 'wechat' | 'alipay'> = { wechat: 'wechat', alipay: 'alipay', sandbox: 'alipay' }

export function providerById(ctx: CreditCtx, id: ProviderId): CreditFacet {
  const p = ctx.providers.byId[id]
  if (!p) throw new AppError(503, 'PLATFORM_NOT_CONFIGURED', id === 'sandbox' ? '网页版只能在沙箱模式下使用信用服务' : '该平台的信用服务尚未配置')
  return p
}

export async function payerOf(ctx: CreditCtx, userId: number): Promise<{ payer: Payer; provider: CreditFacet }> {
  const u = await ctx.db.one<{ platform: Payer['platform']; external_id: string; open_id: string | null }>('SELECT platform, external_id, open_id FROM users WHERE id = $1', [userId])
  const payer: Payer = { platform: u.platform, externalId: u.external_id, openId: u.open_id }
  return { payer, provider: providerById(ctx, PROVIDER_FOR[payer.platform]) }
}

export function requestOf(row: CreditRow, title: string, extra: Partial<CreditOrderRequest> = {}): CreditOrderRequest {
  return { kind: row.kind, outOrderNo: row.out_order_no, amount: row.amount, title, ...extra }
}
