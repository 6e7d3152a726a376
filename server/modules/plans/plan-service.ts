import type { Db } from '../../db'
import type { ShippingService } from '../shipping'
import { planAdmin, type PlanAdmin } from './admin'
import { planCore, type PlanCore, type PlanDeps } from './service'

/** Periodic purchase (周期购): the shopper's plans and the order hooks (core), and the console's side. */
export interface PlanService extends PlanCore {
  readonly admin: PlanAdmin
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Periodic purchase (周期购, modules/plans). */
    plans: PlanService
  }
}

/** `shipping` is asked lazily: app.ts builds it after the orders hooks that already call into plans. */
export function planService(db: Db, deps: PlanDeps & { shipping: () => Pick<ShippingService, 'shipPartIn' | 'reportLateShipIn'> }): PlanService {
  return { ...planCore(db, { ...deps, lateShip: deps.shipping }), admin: planAdmin(db, { now: deps.now, shipping: { shipPartIn: (...a) => deps.shipping().shipPartIn(...a) } }) }
}
