import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Fastify, { type FastifyInstance, type FastifyLoggerOptions, type FastifyReply, type FastifyRequest, type FastifyServerOptions, type RouteOptions } from 'fastify'
import { openDb, type Db } from './db'
import { migrate } from './db/migrate'
import { createSigner, bearerToken, resolveSessionSecret } from './plugins/auth'
import { isSandbox, loadConfig, type Config } from './plugins/env'
import { ensurePrivateDir } from './lib/private-dir'
import { logSerializers } from './lib/log-redact'
import { registerErrorHandling } from './plugins/errors'
import { registerSecurity } from './plugins/security'
import { unauthorized } from './lib/errors'
import { loadDemoCatalog, seedCatalog } from './seed/load'
import type { SeedCatalog } from './seed/types'
import { healthRoutes } from './modules/health/routes'
import { catalogRoutes } from './modules/catalog/routes'
import { imageRoutes, uploadRoutes } from './modules/images/routes'
import { LocalImageStore } from './modules/catalog'
import { authRoutes } from './modules/auth/routes'
import { pricingRoutes } from './modules/pricing/routes'
import { cartRoutes } from './modules/cart/routes'
import { addressRoutes } from './modules/addresses/routes'
import { orderRoutes } from './modules/orders/routes'
import { orderService } from './modules/orders/service'
import { inventoryService } from './modules/inventory/service'
import { adminGuard, adminScope } from './modules/admin/scope'
import { ensureSandboxOwner, staffService, staffSessionRoutes } from './modules/staff'
import { favoriteRoutes } from './modules/favorites/routes'
import { messageService } from './modules/messages/service'
import { messageRoutes } from './modules/messages/routes'
import { paymentService } from './modules/payments/service'
import { paymentNotifyRoutes, paymentRoutes } from './modules/payments/routes'
import { sandboxAppCashierRoutes, sandboxCashierRoutes } from './modules/payments/cashier'
import { creditService } from './modules/credit/service'
import { creditNotifyRoutes, creditRoutes } from './modules/credit/routes'
import { sandboxCreditRoutes } from './modules/credit/sandbox-page'
import { trackingService } from './modules/tracking/service'
import { trackingNotifyRoutes, trackingRoutes } from './modules/tracking/routes'
import { consoleFallback, consoleRoutes, spaFallback, webRoutes } from './modules/web/routes'
import { ReadCache } from './modules/catalog/cache'
import { PromotionCache } from './modules/promotions/repository'
import { couponRoutes } from './modules/promotions/routes'
import { afterSaleRoutes, afterSaleService } from './modules/after-sales'
import { buildPlatforms } from './platforms'
import { attributionRoutes, attributionService, type BindHook } from './modules/attribution'
import { codeRoutes, codesService } from './modules/codes'
import { carrierCode } from '../src/domain/shipping'
import { sandboxShippingRoutes, shippingRoutes, shippingService } from './modules/shipping'
import type { CodesFacets, LoginFacets } from './platforms/types'
import { promoterRoutes, promoterService } from './modules/promoters'
import { withdrawalNotifyRoutes, withdrawalRoutes, withdrawalService } from './modules/withdrawals'
import { giftRoutes, giftService } from './modules/gifts'
import { reviewRoutes, reviewService } from './modules/reviews'
import { pointsRoutes, pointsService, pointsSettingsIn } from './modules/points'
import { createCardWorker, memberCardRoutes, memberCardService, sandboxMemberCardRoutes } from './modules/member-cards'
import { groupRoutes, groupService } from './modules/groups'
import { planRoutes, planService } from './modules/plans'
import { mallRoutes, mallService } from './modules/mall'
import { referralRoutes, referralService } from './modules/referrals'
import { levelRoutes, levelsService, type LevelsDeps } from './modules/levels'
import { storeRoutes } from './modules/stores'
import { pickupRoutes, pickupService } from './modules/pickup'
import './types'

export const BODY_LIMIT = 64 * 1024

export interface BuildAppOptions {
  /** Environment to read the config from (default process.env). */
  env?: Record<string, string | undefined>
  /** Overrides on top of the environment (tests). */
  config?: Partial<Config>
  /** An open database; the app then leaves closing it to the caller. */
  db?: Db
  /** PostgreSQL schema for this app's tables (tests run files in parallel, one schema each). */
  pgSchema?: string
  /** The catalog to seed an empty shop with; false seeds nothing. Default: the demo shop. */
  seed?: SeedCatalog | false
  /** Run the unpaid-order sweeper at start and on an interval (default true). */
  sweeper?: boolean
  now?: () => Date
  logger?: FastifyServerOptions['logger']
  /** Login facets; default: the gateways' (server/platforms), built from the keys in the config. */
  login?: LoginFacets
  /** Sandbox only: delay before the sandbox delivers its own notifies (refund results); null: tests deliver them by hand. Default 200 ms. */
  sandboxNotifyDelayMs?: number | null
  /** A built H5 app (dist/h5) to serve at / next to the API (`npm start`). */
  webRoot?: string
  /** The built merchant console (dist/console) to serve at /admin/ (`npm start`). */
  consoleRoot?: string
  /** Codes facets; default: the gateways' (tests count the platform calls). */
  codes?: CodesFacets
  /** Binds a shopper arriving through a promoter's scene (the promoters module's bindIn); default: nobody is bound. */
  bind?: BindHook
  /** Called for every route as it is registered (tests list the admin routes and their permissions). */
  onRoute?: (route: RouteOptions) => void
  /** A shopper's member level changed, in the growth change's transaction (the member cards' update); default: nothing. */
  onLevelChange?: LevelsDeps['onChange']
}

export async function buildApp(opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const config: Config = { ...loadConfig(opts.env ?? process.env), ...opts.config }
  const now = opts.now ?? (() => new Date())
  const app = Fastify({
    // Our serializers, whatever the caller's options: no ticket in an access log, no HTTP client's headers or bodies in an error.
    logger: opts.logger ? ({ ...(typeof opts.logger === 'object' ? opts.logger : {}), serializers: logSerializers } satisfies FastifyLoggerOptions) : false,
    bodyLimit: BODY_LIMIT,
    // Ids in paths are short; a megabyte of URL is an attack, not a request.
    routerOptions: { maxParamLength: 200 },
    trustProxy: config.trustProxy,
  })

  // 1. Error shapes and the JSON parser first, so even a plugin failing later answers {code, message};
  //    then security headers and rate limits, which must see every route as it is added.
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute)
  // Deep links: /admin/* to the console's index.html, other pages to the H5 app's.
  const toConsole = opts.consoleRoot ? consoleFallback(opts.consoleRoot) : undefined
  const fallback =
    toConsole || opts.webRoot ? (req: FastifyRequest, reply: FastifyReply) => !!toConsole?.(req, reply) || (!!opts.webRoot && spaFallback(req, reply)) : undefined
  registerErrorHandling(app, fallback)
  await registerSecurity(app, { rateLimit: config.rateLimit, webRoot: opts.webRoot })

  // 2. The database: opened, migrated and seeded before any route can run a query. DATA_DIR
  //    (database, session secret, sandbox keys) is made private before anything is written.
  if (!config.dataDir.startsWith('memory://')) ensurePrivateDir(config.dataDir)
  const db = opts.db ?? (await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: opts.pgSchema }))
  if (!opts.db)
    app.addHook('onClose', async () => {
      await db.close()
      // PGlite chmods its files 0666 whatever the umask; the 0700 folder already shuts others
      // out, and the files are closed again at rest too.
      if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) ensurePrivateDir(config.dataDir)
    })
  await migrate(db)
  if (opts.seed !== false) await seedCatalog(db, opts.seed ?? (await loadDemoCatalog()), now())

  // 3. Shared services on the instance: config, clock, sessions. Routes depend on these.
  const sandbox = isSandbox(config)
  const sessions = createSigner(resolveSessionSecret(config.sessionSecret, config.dataDir), config.sessionTtlSec, now)
  app.decorate('db', db)
  app.decorate('config', config)
  app.decorate('now', now)
  app.decorate('sandbox', sandbox)
  app.decorate('sessions', sessions)
  app.decorateRequest('userId', 0)
  const knownUsers = new Set<number>()
  app.decorate('authenticate', async (req) => {
    const token = bearerToken(req)
    if (!token) throw unauthorized()
    const userId = await sessions.verify(token)
    // A token for a user this database doesn't know (e.g. after a reset) is no session.
    // Users are never deleted, so a user seen once needn't be looked up again.
    if (!knownUsers.has(userId)) {
      if (!(await db.maybeOne('SELECT 1 FROM users WHERE id = $1', [userId]))) throw unauthorized('登录信息无效，请重新登录', 'BAD_TOKEN')
      if (knownUsers.size > 100_000) knownUsers.clear()
      knownUsers.add(userId)
    }
    req.userId = userId
  })

  // Uploaded images (the catalog editor's): DATA_DIR/uploads, private like DATA_DIR. An
  // in-memory database (tests) gets a temporary folder of its own, removed on close.
  const memoryData = config.dataDir.startsWith('memory://')
  const uploadsDir = memoryData ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duet-uploads-')), 'uploads') : path.join(config.dataDir, 'uploads')
  const images = new LocalImageStore(uploadsDir)
  if (memoryData) app.addHook('onClose', async () => fs.rmSync(path.dirname(uploadsDir), { recursive: true, force: true }))
  app.decorate('uploadsDir', uploadsDir)

  const catalogCache = new ReadCache(config.catalogCacheMs)
  app.decorate('catalogCache', catalogCache)
  const promotions = new PromotionCache(db, config.catalogCacheMs, now)
  app.decorate('promotions', promotions)
  // The outside systems (server/platforms): one gateway each, built from the config; each module gets its facets.
  const platforms = buildPlatforms(config, opts.env ?? process.env, { db, now, login: opts.login, sandboxNotifyDelayMs: opts.sandboxNotifyDelayMs })
  app.addHook('onClose', async () => platforms.stop())
  // One owner per table: inventory alone moves skus.stock (and writes stock_movements), the
  // orders module alone moves orders.status; payments and credit call them in their own
  // transactions. Their after-commit work (cache drops, closing attempts) runs on commit.
  const inventory = inventoryService({ now, onStockChange: () => catalogCache.clear() })
  // An unpaid order that ends closes its payment attempts and, when paid after use, its credit
  // order. Declared here, called only after an order ended (payments and credit exist by then).
  const endedUnpaid = async (orderId: number) => {
    await payments.closeAttempts(orderId)
    await credit.payAfterUse.orderEnded(orderId)
  }
  app.decorate('inventory', inventory)
  // What the platforms must be told of an order change (Alipay's order sync) is enqueued in the change's own transaction.
  // Promoters: commission accrues in the paid transition, reverses in a refund's, and the sweeper releases it after the after-sales window.
  const promoters = promoterService(db, { now, windowDays: config.afterSales.windowDays, onBackgroundError: (err, what) => app.log.error({ err }, `promoters: ${what} failed`) })
  app.decorate('promoters', promoters)
  // Points (积分): the ledger; a paid order earns, an order ended unpaid returns what checkout spent, a refund takes back and returns in proportion.
  // Member levels (会员等级): growth from paid orders, taken back by refunds; the level's member-price tier,
  // free shipping and points multiplier go into prices and points; birthday coupons from the sweeper.
  // A level change updates the shopper's platform member card (declared below; called only once requests run).
  const levels = levelsService(db, {
    now,
    onChange: async (q, userId, change) => {
      await memberCards.cardChanged(q, userId)
      await opts.onLevelChange?.(q, userId, change)
    },
    onBackgroundError: (err, what) => app.log.error({ err }, `levels: ${what} failed`),
  })
  app.decorate('levels', levels)
  // A balance change also updates the card.
  const points = pointsService(db, { now, multiplierOf: levels.multiplierOf, onChange: (q, userId) => memberCards.cardChanged(q, userId) })
  app.decorate('points', points)
  // Member cards (会员卡): Alipay's card pack / WeChat's card holder, level and points pushed through an outbox.
  const memberCards = memberCardService(db, { now, facets: platforms.memberCards, pointsOf: (userId) => points.balanceOf(userId), levelNameOf: levels.levelNameOf, wechatCardId: (opts.env ?? process.env).WECHAT_MEMBER_CARD_ID || undefined })
  app.decorate('memberCards', memberCards)
  const cardWorker = createCardWorker({ db, now, send: memberCards.sendUpdate, onError: (err, what) => app.log.error({ err }, `member cards: ${what} failed`) })
  app.decorate('memberCardWorker', cardWorker)
  app.addHook('onClose', async () => cardWorker.stop())
  // A gift order's gift is written with the order and follows its payment and end (modules/gifts).
  const orders = orderService(db, {
    now,
    ttlMs: config.orderTtlMs,
    promotions,
    inventory,
    onEndedUnpaid: endedUnpaid,
    onTransition: async (q, id, to, at) => {
      await shipping.onTransition(q, id, to, at)
      await promoters.onOrderTransition(q, id, to, at)
      await gifts.onOrderTransition(q, id, to, at)
      // Points mall: a points + money order paid → done; ended unpaid → points and the unit back.
      await mall.onOrderTransition(q, id, to, at)
      // Referral: the invited friend's first paid order starts the wait for the reward.
      await referrals.onOrderTransition(q, id, to, at)
      await points.onOrderTransition(q, id, to, at)
      // After points: this order earns points at the level held before its own growth.
      await levels.onOrderTransition(q, id, to, at)
      // Periodic purchase (周期购): paid → the plan starts; ended unpaid or refunded in full → cancelled.
      await plans.onOrderTransition(q, id, to, at)
      // Pickup (门店自提): paid → pickup_ready; an order that ends takes its pickup with it.
      await pickups.onOrderTransition(q, id, to, at)
      // Last: a payment into a group that no longer forms is refunded from here (its own move to refunding comes back through this chain).
      await groups.onOrderTransition(q, id, to, at)
    },
    onCreatedIn: (q, id, userId, input, lines) => gifts.createIn(q, id, userId, input, lines),
    // Points spent at checkout (积分抵扣): priced into the order and debited in its transaction.
    points: points.checkout,
    levels,
    // Pickup at a store: its store and slot checked, its row and code written in the order's transaction.
    pickups: { check: (f, at) => pickups.check(f, at), createIn: (q, id, f, at) => pickups.createIn(q, id, f, at) },
  })
  app.decorate('orders', orders)
  app.decorate('sweepExpiredOrders', orders.sweepExpired)
  const payments = paymentService(db, platforms.pay, now, {
    orders,
    inventory,
    onBackgroundError: (err, what) => app.log.error({ err }, `payments: ${what} failed`),
    // A pay-after-use order's refund is its credit order's (credit exists by the time an admin asks).
    payAfterUseRefund: (orderId, input, actor) => credit.payAfterUse.refund(orderId, input, actor),
    // A refund that finishes moves its after-sales request to refunded, in the same transaction.
    // …and takes back the refunded lines' pending commission.
    onRefundFinished: async (q, refund) => {
      await afterSales.onRefundFinished(q, refund)
      await promoters.onRefundFinished(q, refund)
      // …and voids a referral whose first order was refunded in full before the reward.
      await referrals.onRefundFinished(q, refund)
      // …and gives a points + money mall order's points back once it is refunded in full.
      await mall.onRefundFinished(q, refund, now())
      await points.onRefundFinished(q, refund)
      await levels.onRefundFinished(q, refund)
      await groups.onRefundFinished(q, refund)
    },
  })
  app.decorate('payments', payments)
  // Gifts (送礼): shares nobody claimed in time are refunded through the refunds module.
  const gifts = giftService(db, {
    now,
    claimHours: config.giftClaimHours,
    refunds: payments.refunds,
    onBackgroundError: (err, what) => app.log.error({ err }, `gifts: ${what} failed`),
  })
  app.decorate('gifts', gifts)
  // Group buying (拼团): seats follow their orders; groups past their time fail (paid members refunded once) or are robot-filled.
  const groups = groupService(db, {
    now,
    orders,
    activities: platforms.activities.wechat,
    refunds: payments.refunds,
    onBackgroundError: (err, what) => app.log.error({ err }, `groups: ${what} failed`),
  })
  app.decorate('groups', groups)
  // Periodic purchase (周期购): one caller-priced order per plan; each delivery ships through shipping.shipPartIn, cancels refund through refunds.
  const plans = planService(db, { now, orders, refunds: payments.refunds, shipping: () => shipping, onBackgroundError: (err, what) => app.log.error({ err }, `plans: ${what} failed`) })
  app.decorate('plans', plans)
  // Points mall (积分商城) and referral rewards (老带新): points spent, returned and earned through the ledger, in their own transactions.
  const mall = mallService(db, { now, ledger: points, orders })
  app.decorate('mall', mall)
  const referrals = referralService(db, {
    now,
    ledger: points,
    windowDays: config.afterSales.windowDays,
    // The shop's referral reward (积分设置), read when a reward is paid.
    reward: async () => (await points.settings()).referral,
    onBackgroundError: (err, what) => app.log.error({ err }, `referrals: ${what} failed`),
  })
  app.decorate('referrals', referrals)
  const credit = creditService(db, platforms.credit, now, {
    orders,
    inventory,
    onBackgroundError: (err, what) => app.log.error({ err }, `credit: ${what} failed`),
  })
  app.decorate('credit', credit)
  // After-sales: its refunds go through the refunds module (reserved in the request's own transaction).
  // Parcel tracking: the shipping module's ship transaction (and after-sales' returns) call
  // tracking.watch(q, …); Kuaidi100 (or the sandbox playing it) pushes to the notify route.
  const tracking = trackingService(db, platforms.tracking, {
    now,
    notifyUrl: `${config.notifyBaseUrl}/api/tracking/notify/kuaidi100`,
    pollAfterMs: config.trackingPollAfterMs,
    onBackgroundError: (err, what) => app.log.error({ err }, `tracking: ${what} failed`),
  })
  await tracking.connectSandbox()
  app.decorate('tracking', tracking)
  app.addHook('onClose', async () => tracking.idle())
  const afterSales = afterSaleService(db, {
    now,
    policy: config.afterSales,
    returnAddress: config.afterSales.returnAddress,
    refunds: payments.refunds,
    // The shopper's return parcel is tracked like a delivery (without the delivered message).
    onReturnShipped: (q, e) => tracking.watch(q, { orderId: e.orderId, kind: 'return', parcels: [{ carrier: carrierCode(e.carrier), trackingNo: e.trackingNo }], at: e.at }),
    onBackgroundError: (err, what) => app.log.error({ err }, `after-sales: ${what} failed`),
  })
  app.decorate('afterSales', afterSales)
  // Subscription messages: the outbox rows are written by orders.transitionIn(); this sends them.
  const messages = messageService(db, {
    config: config.messages,
    wechat: config.wechat,
    alipay: config.alipay,
    now,
    facets: platforms.messages,
    onError: (err, what) => app.log.error({ err }, `messages: ${what} failed`),
  })
  app.decorate('messages', messages)
  app.addHook('onClose', async () => messages.worker.stop())
  // Shipping: parcels, the platforms' uploads (outbox + worker), confirming receipt and the auto-confirm timer.
  const shipping = shippingService(db, {
    now,
    facets: platforms.shipping,
    orders,
    autoConfirmDays: config.autoConfirmDays,
    // Confirmed by the timer: a pay-after-use order is collected, as the shopper's confirm does.
    onAutoConfirmed: (orderId) => credit.payAfterUse.collect(orderId, 'system'),
    // Every parcel shipped is tracked from the same transaction (none for virtual goods and pickup).
    // A paid order of a group still forming waits for the group (409 GROUP_FORMING).
    // A pickup order is verified at the store, never shipped (409 PICKUP_ORDER); a plan ships delivery by delivery.
    holdShipping: async (q, orderId) => {
      await pickups.refuseShipping(q, orderId)
      await plans.refuseShipping(q, orderId)
      return groups.holdShipping(q, orderId)
    },
    // A plan order is confirmed only after its last delivery (and ORDER_AUTO_CONFIRM_DAYS after that one).
    holdConfirm: (q, orderId, shippedBefore) => plans.holdConfirm(q, orderId, shippedBefore),
    onShipped: (q, e) => tracking.watch(q, { orderId: e.orderId, kind: e.kind, parcels: e.parcels.map((p) => ({ carrier: carrierCode(p.carrier), trackingNo: p.trackingNo })), at: e.at }),
    onError: (err, what) => app.log.error({ err }, `shipping: ${what} failed`),
  })
  app.decorate('shipping', shipping)
  app.addHook('onClose', async () => shipping.worker.stop())
  // Pickup (门店自提): verified at the store (shipped as a pickup and received at once), unpicked orders reminded, then refunded.
  const pickups = pickupService(db, { now, orders, shipping, refunds: payments.refunds, onBackgroundError: (err, what) => app.log.error({ err }, `pickup: ${what} failed`) })
  app.decorate('pickups', pickups)
  // Reviews and the buyer show: each new review earns its points in the review's own transaction (once per review: the key).
  const reviews = reviewService(db, {
    now,
    onReviewed: async (q, e) => {
      const { review } = await pointsSettingsIn(q)
      await points.creditIn(q, { userId: e.userId, points: review.points + (e.withPhotos ? review.photoBonus : 0), kind: 'review', key: `review:${e.reviewId}`, title: e.withPhotos ? '晒图评价奖励' : '评价奖励', at: e.at })
    },
  })
  app.decorate('reviews', reviews)
  // Promoters' withdrawals: paid out through the transfers facet (WeChat's 商家转账, Alipay's uni.transfer, or the sandbox).
  const withdrawals = withdrawalService(db, { now, facets: platforms.transfers, onBackgroundError: (err, what) => app.log.error({ err }, `withdrawals: ${what} failed`) })
  app.decorate('withdrawals', withdrawals)
  // Staff accounts and console sessions. The sandbox has no default password: its first start
  // on a real DATA_DIR makes owner `admin` and leaves the password in DATA_DIR/admin-password.
  const staff = staffService(db, { now, sessionTtlMs: config.staffSessionTtlMs })
  app.decorate('staff', staff)
  if (sandbox && !config.dataDir.startsWith('memory://')) {
    const file = await ensureSandboxOwner(staff, config.dataDir)
    if (file) app.log.warn(`sandbox: created console owner "admin"; its password is in ${file}`)
  }

  // Sharing: scene ids, first-touch visits (the promoters module binds through `bind`), and
  // mini-program codes kept in memory and in DATA_DIR/codes (private, like uploads).
  const attribution = attributionService(db, { now, bind: opts.bind ?? ((q, e) => promoters.bindIn(q, e)) })
  const codesDir = memoryData ? path.join(path.dirname(uploadsDir), 'codes') : path.join(config.dataDir, 'codes')
  const codes = codesService({ facets: opts.codes ?? platforms.codes, dir: codesDir, onError: (err, what) => app.log.warn({ err }, `codes: ${what} failed`) })

  // 4. Routes, all under /api so the same server can also serve the H5 app at /.
  await app.register(
    async (api) => {
      await api.register(healthRoutes)
      await api.register(catalogRoutes)
      await api.register(imageRoutes)
      await api.register(uploadRoutes, { dir: uploadsDir })
      await api.register(authRoutes, { providers: platforms.login })
      await api.register(pricingRoutes)
      // Each of these registers app.authenticate as a preHandler for all its routes.
      await api.register(cartRoutes)
      await api.register(addressRoutes)
      await api.register(orderRoutes)
      await api.register(favoriteRoutes)
      await api.register(afterSaleRoutes, { service: afterSales, images })
      await api.register(couponRoutes)
      await api.register(messageRoutes)
      await api.register(shippingRoutes)
      await api.register(giftRoutes)
      await api.register(reviewRoutes, { service: reviews, images })
      await api.register(mallRoutes, { service: mall })
      await api.register(referralRoutes, { service: referrals })
      await api.register(pointsRoutes)
      await api.register(memberCardRoutes)
      if (memberCards.sandboxed) await api.register(sandboxMemberCardRoutes)
      await api.register(levelRoutes)
      await api.register(groupRoutes)
      await api.register(planRoutes)
      // Stores (门店): public list, detail and stock; the console's side is in the admin scope.
      await api.register(storeRoutes)
      await api.register(pickupRoutes)
      if (platforms.shipping.wechat.sandbox) await api.register(sandboxShippingRoutes)
      await api.register(paymentRoutes)
      await api.register(paymentNotifyRoutes)
      await api.register(sandboxCashierRoutes)
      if (sandbox) await api.register(sandboxAppCashierRoutes)
      await api.register(creditRoutes)
      await api.register(creditNotifyRoutes)
      if (sandbox) await api.register(sandboxCreditRoutes)
      await api.register(trackingRoutes)
      await api.register(trackingNotifyRoutes)
      await api.register(attributionRoutes, { service: attribution })
      await api.register(codeRoutes, { service: codes })
      await api.register(promoterRoutes)
      await api.register(withdrawalRoutes, { sandbox: !!platforms.transfers.sandbox })
      await api.register(withdrawalNotifyRoutes)
      // Staff sign-in needs no token, so it sits outside the admin scope; then every other
      // /api/admin/* route set, behind the one admin guard (staff sessions, and ADMIN_TOKEN when set).
      await api.register(staffSessionRoutes)
      await api.register(adminScope, { guard: adminGuard({ token: config.adminToken, staff }), images, codes })
    },
    { prefix: '/api' },
  )

  // 5. The H5 app at / and the console at /admin/ (npm start): after the API so /api/* is never shadowed by a file.
  if (opts.webRoot) await app.register(webRoutes, { root: opts.webRoot })
  if (opts.consoleRoot) await app.register(consoleRoutes, { root: opts.consoleRoot })

  // 6. The sweeper: once now (orders that expired while the server was down), then on an
  // interval. It reads expires_at from the database, so it needs no memory of its own.
  if (opts.sweeper !== false) {
    const sweep = () =>
      Promise.all([
        orders.sweepExpired().then(
          (n) => n > 0 && app.log.info(`closed ${n} unpaid order(s) past their time`),
          (err: Error) => app.log.error({ err }, 'order sweeper failed'),
        ),
        // Refunds whose result never came (lost notify, platform outage) are asked again after a minute.
        payments.refunds.reconcile(60_000).then(
          (n) => n > 0 && app.log.info(`finished ${n} refund(s) on a second ask`),
          (err: Error) => app.log.error({ err }, 'refund reconciler failed'),
        ),
        // Audit retention: unverified notifies past NOTIFY_AUDIT_DAYS, a few bounded batches per tick, each table by its owner.
        Promise.all([payments.pruneNotifies(config.notifyAuditMs), credit.pruneNotifies(config.notifyAuditMs)]).then(
          ([a, b]) => a + b > 0 && app.log.info(`pruned ${a + b} unverified notify audit row(s)`),
          (err: Error) => app.log.error({ err }, 'notify audit pruning failed'),
        ),
        // Credit timers (expiry, overdue, default, collect, period ends) and orders waiting on a platform answer.
        credit.sweep().then(
          (n) => n > 0 && app.log.info(`credit sweeper moved ${n} record(s)`),
          (err: Error) => app.log.error({ err }, 'credit sweeper failed'),
        ),
        // After-sales timers: unanswered requests approved, returns not sent back closed.
        afterSales.sweep().then(
          (n) => n > 0 && app.log.info(`after-sales sweeper moved ${n} request(s)`),
          (err: Error) => app.log.error({ err }, 'after-sales sweeper failed'),
        ),
        // Commission of orders whose after-sales window ended with nothing open becomes withdrawable.
        promoters.release().then(
          (n) => n > 0 && app.log.info(`released commission of ${n} order(s)`),
          (err: Error) => app.log.error({ err }, 'commission release failed'),
        ),
        // Gifts past GIFT_CLAIM_HOURS: expired, their unclaimed shares refunded to the giver.
        gifts.sweep().then(
          (n) => n > 0 && app.log.info(`expired ${n} gift(s)`),
          (err: Error) => app.log.error({ err }, 'gift sweeper failed'),
        ),
        // Referrals whose first order's after-sales window ended: both shoppers rewarded, once.
        referrals.sweep().then(
          (n) => n > 0 && app.log.info(`rewarded ${n} referral(s)`),
          (err: Error) => app.log.error({ err }, 'referral sweeper failed'),
        ),
        // Points lots past their year end (积分过期).
        points.sweep().then(
          (n) => n > 0 && app.log.info(`expired ${n} points lot(s)`),
          (err: Error) => app.log.error({ err }, 'points sweeper failed'),
        ),
        // Birthday coupons (生日券) of today's birthdays, once a year per shopper.
        levels.sweep().then(
          (n) => n > 0 && app.log.info(`issued ${n} birthday coupon(s)`),
          (err: Error) => app.log.error({ err }, 'birthday coupon sweeper failed'),
        ),
        // Groups past their time limit: failed (every paid member refunded once) or robot-filled.
        groups.sweep().then(
          (n) => n > 0 && app.log.info(`ended ${n} group(s) past their time`),
          (err: Error) => app.log.error({ err }, 'group sweeper failed'),
        ),
        // Pickup orders not picked up: reminded once, then refunded in full (units back to the store).
        pickups.sweep().then(
          (n) => n > 0 && app.log.info(`pickup sweeper moved ${n} order(s)`),
          (err: Error) => app.log.error({ err }, 'pickup sweeper failed'),
        ),
        // Shipped orders nobody confirmed within ORDER_AUTO_CONFIRM_DAYS.
        shipping.autoConfirm().then(
          (n) => n > 0 && app.log.info(`auto-confirmed receipt of ${n} order(s)`),
          (err: Error) => app.log.error({ err }, 'auto-confirm failed'),
        ),
        // Tracking: subscriptions that failed, and parcels the provider has been silent about (polled).
        tracking.sweep().then(
          (n) => n > 0 && app.log.info(`tracking sweeper moved ${n} parcel(s)`),
          (err: Error) => app.log.error({ err }, 'tracking sweeper failed'),
        ),
        // Withdrawals the platform never answered for (sent again) or quiet for a minute (asked).
        withdrawals.sweep().then(
          (n) => n > 0 && app.log.info(`withdrawal sweeper moved ${n} withdrawal(s)`),
          (err: Error) => app.log.error({ err }, 'withdrawal sweeper failed'),
        ),
      ])
    await sweep()
    const timer = setInterval(sweep, config.sweepIntervalMs)
    timer.unref()
    app.addHook('onClose', async () => clearInterval(timer))
    // The message outbox worker: rows left by a crash are leased again once their lease runs out.
    messages.worker.start(2000)
    shipping.worker.start(5000)
    cardWorker.start(5000)
  }

  return app
}
