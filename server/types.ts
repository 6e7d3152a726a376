import type { Config } from './plugins/env'
import type { SessionSigner } from './plugins/auth'
import type { Db } from './db'
import type { OrderService } from './modules/orders/service'
import type { ReadCache } from './modules/catalog/cache'
import type { PromotionCache } from './modules/promotions/repository'
import type { StaffService } from './modules/staff'
import type { ShippingService } from './modules/shipping'
import type { PromoterService } from './modules/promoters'
import type { MallService } from './modules/mall'
import type { ReferralService } from './modules/referrals'

// Typed decorations (fastify/demo style): what every module can reach on the instance.
declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    config: Config
    /** The clock; tests move it to expire sessions and orders. */
    now: () => Date
    sandbox: boolean
    sessions: SessionSigner
    orders: OrderService
    /** Catalog reads (list, detail) cached briefly; cleared when this server changes stock. */
    catalogCache: ReadCache
    /** Where uploaded images are stored (DATA_DIR/uploads; a temporary folder for an in-memory database). */
    uploadsDir: string
    /** The live promotions, cached briefly; cleared when this server changes a promotion or an offer's stock. */
    promotions: PromotionCache
    /** preHandler: 401 unless a valid session token names an existing user; sets req.userId. */
    authenticate: (req: FastifyRequest) => Promise<void>
    /** Staff accounts and console sessions (modules/staff). */
    staff: StaffService
    /** Shipments, the platforms' shipping uploads, confirming receipt (modules/shipping). */
    shipping: ShippingService
    /** Promoters (modules/promoters): applications, bindings (锁客), commission accrued, reversed and released. */
    promoters: PromoterService
    /** Points mall (modules/mall): items, redemptions; the console's item editor. */
    mall: MallService
    /** Referral rewards (modules/referrals): invite codes, friends, the reward sweep. */
    referrals: ReferralService
    /** Closes unpaid orders past their time; returns how many. */
    sweepExpiredOrders: () => Promise<number>
  }
  interface FastifyRequest {
    userId: number
  }
}

export {}
