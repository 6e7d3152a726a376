import type { Db } from '../../db'
import { conflict, notFound } from '../../lib/errors'
import type { Paged } from '../../../src/domain/contract'
import type { AdminStore, AdminStoreStockRow, StoreInput } from '../../../src/domain/stores'
import type { CodeFacetName, CodesService } from '../codes'
import type { Inventory } from '../inventory'
import { recordAudit, type AuditActor } from '../staff'
import { allStores, insertStore, lockedStoreStock, skuOnSale, storeById, storeStockPage, updateStore } from './repository'
import { adminView, storeNotFound } from './service'

/** The home page: a store's code opens the shop with that store chosen. */
export const STORE_CODE_PAGE = 'pages/index/index'

/**
 * The scene a store's code carries: `st=<id>` (WeChat hands it to the page as query.scene,
 * URI-encoded; Alipay's query_param makes it `scene=st=<id>`). The app reads `st` at launch
 * and remembers the store (src/services/stores.ts chosenStore). ≤ 32 characters for any id.
 */
export const storeScene = (storeId: number) => `st=${storeId}`

const FACETS: Record<'weapp' | 'alipay' | 'h5', CodeFacetName> = { weapp: 'wechat', alipay: 'alipay', h5: 'sandbox' }

export interface StoreAdminDeps {
  db: Db
  now: () => Date
  inventory: Inventory
  codes: CodesService
}

/**
 * The console's stores (stores:read / stores:write): the form, per-store stock counts and the
 * store's code. Each change is one transaction with its audit row.
 *
 * Switching a store from own stock to the shared warehouse is allowed with units left: they
 * stay counted in store_stock (and in its movements) but nothing sells from them until the
 * store keeps its own stock again. Refusing would force staff to zero every SKU first for a
 * change that loses nothing.
 */
export function storeAdmin(deps: StoreAdminDeps) {
  const { db, now } = deps

  return {
    async list(): Promise<{ items: AdminStore[] }> {
      const at = now()
      return { items: (await allStores(db)).map((s) => adminView(s, at)) }
    },

    async get(id: number): Promise<AdminStore> {
      const s = await storeById(db, id)
      if (!s) throw storeNotFound()
      return adminView(s, now())
    },

    async create(actor: AuditActor, input: StoreInput): Promise<AdminStore> {
      return db.tx(async (q) => {
        const at = now()
        const id = await insertStore(q, input, at)
        const store = adminView({ id, ...input }, at)
        await recordAudit(q, actor, { action: 'store.create', entity: 'store', entityId: id, after: input })
        return store
      })
    },

    async update(actor: AuditActor, id: number, input: StoreInput): Promise<AdminStore> {
      return db.tx(async (q) => {
        const before = await storeById(q, id, true)
        if (!before) throw storeNotFound()
        const at = now()
        await updateStore(q, id, input, at)
        const { id: _id, ...was } = before
        await recordAudit(q, actor, { action: 'store.update', entity: 'store', entityId: id, before: was, after: input })
        return adminView({ id, ...input }, at)
      })
    },

    async stockPage(id: number, page: number, pageSize: number): Promise<Paged<AdminStoreStockRow>> {
      if (!(await storeById(db, id))) throw storeNotFound()
      const { rows, total } = await storeStockPage(db, id, page, pageSize)
      return { items: rows.map((r) => ({ ...r, specs: Object.values(r.specs).join(' / ') })), total, page, pageSize }
    },

    /**
     * A count at a store keeping its own stock: sets the SKU's units there to `stock` through
     * inventory.adjust (a movement 'adjust' naming the store). The store row is locked (two
     * counts at once queue up) and so is the store_stock row (an order reserving there waits
     * for the count), so the delta is taken from the count that is really there.
     */
    async setStock(actor: AuditActor, id: number, skuId: number, stock: number): Promise<{ skuId: number; stock: number }> {
      return db.tx(async (q) => {
        const store = await storeById(q, id, true)
        if (!store) throw storeNotFound()
        if (store.stockMode !== 'own') throw conflict('STORE_SHARED_STOCK', '这家门店共用总仓库存，请在商品库存里调整，或先改为门店独立库存')
        if (!(await skuOnSale(q, skuId))) throw notFound('商品规格', 'SKU_NOT_FOUND')
        const was = await lockedStoreStock(q, id, skuId)
        if (!(await deps.inventory.adjust(q, skuId, stock - was, `门店盘点：${store.name}`, id)))
          throw conflict('STOCK_MOVED', '库存刚刚发生了变化，请刷新后重试')
        await recordAudit(q, actor, { action: 'store.stock', entity: 'store', entityId: id, before: { skuId, stock: was }, after: { skuId, stock } })
        return { skuId, stock }
      })
    },

    /** The store's mini-program code (PNG) for a platform: the home page with scene st=<id>. */
    async code(id: number, platform: 'weapp' | 'alipay' | 'h5' = 'weapp'): Promise<Buffer> {
      if (!(await storeById(db, id))) throw storeNotFound()
      return deps.codes.code(FACETS[platform], { page: STORE_CODE_PAGE, scene: storeScene(id) })
    },
  }
}

export type StoreAdmin = ReturnType<typeof storeAdmin>
