import { eachIsolated } from '../../lib/each-isolated'
import type { CreditStart, Rental, RentInput } from '../../../src/domain/contract'
import { coverLedger, depositCover, rentalDueAt, rentalMachine, rentalSettlement, rentalTimerEvent, settlementLedger, validateRentDays, defaultDue, canRequestReturn, RETURN_REQUESTABLE, type RentalSettlement, type RentalState, type RentalTerms } from '../../../src/domain/credit'
import type { Queryable, Tx } from '../../db'
import { AppError, badInput, conflict, notFound } from '../../lib/errors'
import { iso, json } from '../../lib/rows'
import { CHANNEL_OF, payerOf, providerById, requestOf, type CreditCtx } from './context'
import { ProviderError } from '../../platforms/types'
import { addLedger, enqueueCredit, insertCreditOrder, ledgerOf, move, termsOf, type CreditRow } from './store'

interface RentalRow extends CreditRow {
  rental_no: string
  sku_id: number
  product_id: number
  title: string
  image: string
  specs: Record<string, string> | string
  days: number
  started_at: Date | null
  due_at: Date | null
  returned_at: Date | null
  return_requested_at: Date | null
  settlement: RentalSettlement | string | null
}

const SELECT = 'SELECT c.*, r.rental_no, r.sku_id, r.product_id, r.title, r.image, r.specs, r.days, r.started_at, r.due_at, r.returned_at, r.return_requested_at, r.settlement FROM credit_orders c JOIN rentals r ON r.credit_order_id = c.id'

export function rentalService(ctx: CreditCtx) {
  const { db, now, inventory } = ctx

  async function row(q: Queryable, id: number, userId?: number): Promise<RentalRow | null> {
    return q.maybeOne<RentalRow>(`${SELECT} WHERE c.id = $1 ${userId === undefined ? '' : 'AND c.user_id = $2'}`, userId === undefined ? [id] : [id, userId])
  }

  function view(r: RentalRow, ledger: Rental['ledger']): Rental {
    const terms = termsOf<RentalTerms>(r)
    const cover = r.waived === null || r.frozen === null ? null : { deposit: r.amount, waived: r.waived, frozen: r.frozen }
    let settlement: RentalSettlement | null = r.settlement ? json(r.settlement) : null
    // While in use: the figures so far, as if returned now.
    if (!settlement && r.started_at && r.due_at && cover && (r.state === 'in_use' || r.state === 'overdue')) settlement = rentalSettlement(terms, r.started_at, r.due_at, now(), cover)
    return {
      id: r.id,
      rentalNo: r.rental_no,
      state: r.state as Rental['state'],
      item: { productId: r.product_id, skuId: r.sku_id, title: r.title, image: r.image, specs: json(r.specs) },
      terms,
      days: r.days,
      cover,
      startedAt: iso(r.started_at),
      dueAt: iso(r.due_at),
      returnedAt: iso(r.returned_at),
      returnRequestedAt: iso(r.return_requested_at),
      settlement,
      ledger,
      createdAt: new Date(r.created_at).toISOString(),
    }
  }

  async function get(id: number, userId?: number): Promise<Rental> {
    const r = await row(db, id, userId)
    if (!r) throw notFound('租赁订单', 'RENTAL_NOT_FOUND')
    return view(r, (await ledgerOf(db, [r.id])).get(r.id) ?? [])
  }

  async function list(userId: number, page: number, pageSize: number) {
    const [rows, total] = await Promise.all([
      db.query<RentalRow>(`${SELECT} WHERE c.user_id = $1 ORDER BY c.id DESC LIMIT $2 OFFSET $3`, [userId, pageSize, (page - 1) * pageSize]),
      db.one<{ n: number }>("SELECT count(*)::int AS n FROM credit_orders WHERE user_id = $1 AND kind = 'rental'", [userId]),
    ])
    const ledgers = await ledgerOf(db, rows.rows.map((r) => r.id))
    return { items: rows.rows.map((r) => view(r, ledgers.get(r.id) ?? [])), page, pageSize, total: total.n }
  }

  /** The shop's desk: rentals in a state, or those whose shopper asked for the return (oldest ask first). */
  async function listForShop(filter: { state?: string; returnRequested?: boolean }, page: number, pageSize: number) {
    const where = `c.kind = 'rental' AND ($1::text IS NULL OR c.state = $1) AND (NOT $2::boolean OR (r.return_requested_at IS NOT NULL AND c.state = ANY($3::text[])))`
    const params = [filter.state ?? null, filter.returnRequested ?? false, RETURN_REQUESTABLE]
    const [rows, total] = await Promise.all([
      db.query<RentalRow>(`${SELECT} WHERE ${where} ORDER BY r.return_requested_at NULLS LAST, c.id DESC LIMIT $4 OFFSET $5`, [...params, pageSize, (page - 1) * pageSize]),
      db.one<{ n: number }>(`SELECT count(*)::int AS n FROM credit_orders c JOIN rentals r ON r.credit_order_id = c.id WHERE ${where}`, params),
    ])
    const ledgers = await ledgerOf(db, rows.rows.map((r) => r.id))
    return { items: rows.rows.map((r) => view(r, ledgers.get(r.id) ?? [])), page, pageSize, total: total.n }
  }

  async function confirmParams(r: RentalRow): Promise<CreditStart<Rental>['confirm']> {
    const { payer, provider } = await payerOf(ctx, r.user_id)
    const req = requestOf(r, `${r.title} 租赁押金`, { days: r.days, dailyRate: termsOf<RentalTerms>(r).dailyRate })
    if (r.confirm_ref && provider.id === r.provider) return provider.confirmFor(req, r.confirm_ref, payer)
    try {
      const created = await provider.create(req, payer)
      await db.query('UPDATE credit_orders SET confirm_ref = $2, updated_at = $3 WHERE id = $1', [r.id, created.confirmRef, now()])
      return created.confirm
    } catch (err) {
      if (err instanceof ProviderError) throw new AppError(502, 'CREDIT_PROVIDER_ERROR', '信用服务暂时无法下单，请稍后再试')
      throw err
    }
  }

  async function create(userId: number, input: RentInput): Promise<{ start: CreditStart<Rental>; created: boolean }> {
    const sku = await db.maybeOne<{ id: number; product_id: number; title: string; image: string | null; images: string[] | string; specs: Record<string, string> | string; deposit: number; daily_rate: number; min_days: number; max_days: number }>(
      `SELECT k.id, k.product_id, p.title, k.image, p.images, k.specs, t.deposit, t.daily_rate, t.min_days, t.max_days
       FROM skus k JOIN products p ON p.id = k.product_id JOIN product_rentals t ON t.product_id = p.id
       WHERE k.id = $1 AND p.on_shelf AND NOT k.archived`,
      [input.skuId],
    )
    if (!sku) throw notFound('租赁商品', 'RENTAL_PRODUCT_NOT_FOUND')
    const terms: RentalTerms = { deposit: sku.deposit, dailyRate: sku.daily_rate, minDays: sku.min_days, maxDays: sku.max_days }
    const bad = validateRentDays(terms, input.days)
    if (bad) throw badInput(bad)
    const { provider } = await payerOf(ctx, userId)
    const at = now()
    const made = await db.tx(async (q) => {
      const c = await insertCreditOrder(q, { kind: 'rental', userId, state: 'created', provider: provider.id, channel: CHANNEL_OF[provider.id], prefix: 'RT', key: input.idempotencyKey, amount: terms.deposit, terms, orderId: null, at })
      if (!c) return null
      await q.query('INSERT INTO rentals (credit_order_id, rental_no, sku_id, product_id, title, image, specs, days) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
        c.id,
        c.out_order_no,
        sku.id,
        sku.product_id,
        sku.title,
        sku.image ?? json<string[]>(sku.images)[0] ?? '',
        JSON.stringify(json(sku.specs)),
        input.days,
      ])
      // One unit of the rental SKU is held from now until it comes back (or the rental never starts).
      const taken = await inventory.reserve(q, [{ skuId: sku.id, quantity: 1 }], { reason: 'rental_out', creditOrderId: c.id })
      if (!taken.ok) throw conflict('SOLD_OUT', `「${sku.title}」暂时无货可租`)
      return c.id
    })
    const id = made ?? (await db.one<{ id: number }>('SELECT id FROM credit_orders WHERE user_id = $1 AND idempotency_key = $2', [userId, input.idempotencyKey])).id
    const r = await row(db, id, userId)
    if (!r) throw conflict('IDEMPOTENCY_KEY_REUSED', 'idempotencyKey 已用于其他信用订单')
    const confirm = r.state === 'created' ? await confirmParams(r) : { orderStr: '' }
    return { start: { credit: view(r, (await ledgerOf(db, [r.id])).get(r.id) ?? []), confirm }, created: made !== null }
  }

  async function reopen(userId: number, id: number): Promise<CreditStart<Rental>> {
    const r = await row(db, id, userId)
    if (!r) throw notFound('租赁订单', 'RENTAL_NOT_FOUND')
    if (r.state !== 'created') throw conflict('INVALID_STATE', '该租赁已确认或已结束')
    return { credit: view(r, []), confirm: await confirmParams(r) }
  }

  /** The platform's confirm: how the deposit is covered; the ledger says what credit waived and what was frozen. */
  async function confirmed(q: Queryable, r: CreditRow, waived: number, frozen: number | undefined, platformId: string | undefined, at: Date): Promise<'applied' | 'duplicate' | 'mismatch'> {
    const w = Math.min(waived, r.amount)
    if (frozen !== undefined && w + frozen !== r.amount) return 'mismatch'
    const cover = depositCover(r.amount, w)
    const moved = await move(q, rentalMachine, r.id, 'confirm', 'platform', at, 'waived = $4, frozen = $5, auth_no = COALESCE($6, auth_no), confirmed_at = $3', [cover.waived, cover.frozen, platformId ?? null])
    if (!moved) return 'duplicate'
    await addLedger(q, r.id, coverLedger(cover), r.out_order_no, at)
    return 'applied'
  }

  /** The rental's unit comes back (returned, or the rental never started). */
  async function releaseStock(q: Tx, id: number, note: string): Promise<void> {
    const r = await q.one<{ sku_id: number }>('SELECT sku_id FROM rentals WHERE credit_order_id = $1', [id])
    await inventory.release(q, [{ skuId: r.sku_id, quantity: 1 }], { reason: 'rental_back', creditOrderId: id, note })
  }

  /** created/authorized → cancelled (shopper, admin) or created → expired (timer, platform closed it); the unit goes back. */
  async function end(id: number, how: 'cancel' | 'expire', userId?: number): Promise<Rental> {
    const before = await row(db, id, userId)
    if (!before) throw notFound('租赁订单', 'RENTAL_NOT_FOUND')
    const at = now()
    const moved = await db.tx(async (q) => {
      const m = await move(q, rentalMachine, id, how, how === 'cancel' ? (userId === undefined ? 'admin' : 'shopper') : 'system', at, 'ended_at = $3')
      if (m) await releaseStock(q, id, how === 'cancel' ? 'cancelled' : 'expired')
      return m
    })
    if (!moved && how === 'cancel') throw conflict('INVALID_STATE', '租赁已开始或已结束，不能取消')
    if (moved) {
      const provider = ctx.providers.byId[moved.provider]
      // Best effort: a platform order left open expires on its side; nothing was charged.
      void provider?.cancel({ kind: 'rental', outOrderNo: moved.out_order_no, platformId: moved.auth_no, authorized: moved.amount }).catch((err: unknown) => ctx.background(err, `cancelling ${moved.out_order_no}`))
    }
    return get(id, userId)
  }

  /** The shop hands the goods over (staff only: the machine gives pickup to the shop). */
  async function start(id: number): Promise<Rental> {
    const r = await row(db, id)
    if (!r) throw notFound('租赁订单', 'RENTAL_NOT_FOUND')
    const at = now()
    const moved = await move(db, rentalMachine, id, 'start', 'admin', at)
    if (!moved) throw conflict('INVALID_STATE', r.state === 'created' ? '请先完成信用免押确认' : '租赁已开始或已结束')
    await db.query('UPDATE rentals SET started_at = $2, due_at = $3 WHERE credit_order_id = $1', [id, at, rentalDueAt(at, r.days)])
    return get(id)
  }

  /**
   * The shopper asks for the return: recorded once (a second ask keeps the first time), no
   * state change, no charge. The fee and the deposit wait for the shop's `giveBack`.
   */
  async function requestReturn(id: number, userId: number): Promise<Rental> {
    const r = await row(db, id, userId)
    if (!r) throw notFound('租赁订单', 'RENTAL_NOT_FOUND')
    if (!canRequestReturn(r.state as RentalState)) throw conflict('INVALID_STATE', '只有租用中或已逾期的租赁可以申请归还')
    await db.query(
      `UPDATE rentals SET return_requested_at = $2 WHERE credit_order_id = $1 AND return_requested_at IS NULL
         AND EXISTS (SELECT 1 FROM credit_orders c WHERE c.id = $1 AND c.state = ANY($3::text[]))`,
      [id, now(), RETURN_REQUESTABLE],
    )
    return get(id, userId)
  }

  /** in_use|overdue → settling with the fee fixed at endedAt; 'default' when the timer ends it. */
  async function settle(id: number, event: 'return' | 'default', actor: 'shopper' | 'admin' | 'system', userId?: number): Promise<boolean> {
    const r = await row(db, id, userId)
    if (!r) throw notFound('租赁订单', 'RENTAL_NOT_FOUND')
    if (!r.started_at || !r.due_at || r.waived === null || r.frozen === null) return false
    const terms = termsOf<RentalTerms>(r)
    const at = now()
    // A default is charged as of the default time, never later: the shopper isn't charged past the deposit's day.
    const endedAt = event === 'default' ? new Date(Math.min(at.getTime(), Date.parse(defaultDue(terms, r.started_at)))) : at
    const s = rentalSettlement(terms, r.started_at, r.due_at, endedAt, { deposit: r.amount, waived: r.waived, frozen: r.frozen })
    const moved = await db.tx(async (q) => {
      const m = await move(q, rentalMachine, id, event, actor, at)
      if (!m) return false
      await q.query('UPDATE rentals SET settlement = $2, returned_at = $3 WHERE credit_order_id = $1', [id, JSON.stringify(s), event === 'return' ? at : null])
      // The goods are back: the unit can be rented again. A default keeps them with the shopper.
      if (event === 'return') await releaseStock(q, id, 'returned')
      return true
    })
    if (moved) await charge(id)
    return moved
  }

  /** The shop has the goods back (staff only): the fee is fixed now and charged, the rest released. */
  async function giveBack(id: number): Promise<Rental> {
    const ok = await settle(id, 'return', 'admin')
    if (!ok) {
      const r = await row(db, id)
      if (r?.state !== 'settling') throw conflict('INVALID_STATE', '只有租用中或已逾期的租赁可以归还')
      await charge(id)
    }
    return get(id)
  }

  /** Asks the platform for the settlement's charge (idempotent per out_request_no); completes when it answers done. */
  async function charge(id: number): Promise<void> {
    const r = await row(db, id)
    if (!r || r.state !== 'settling' || !r.settlement) return
    const s = json(r.settlement)
    const provider = providerById(ctx, r.provider)
    await db.query('UPDATE credit_orders SET charge_requested_at = $2 WHERE id = $1', [id, now()])
    const answer = await provider
      .charge({ kind: 'rental', outOrderNo: r.out_order_no, platformId: r.auth_no, authorized: r.amount, charge: s.charge, outRequestNo: `${r.out_order_no}S`, description: `${r.title} 租金` })
      .catch((err: unknown) => {
        ctx.background(err, `charging rental ${r.out_order_no}`)
        return null
      })
    if (answer?.state === 'done') await db.tx((q) => charged(q, r, s.charge, answer.reference ?? r.out_order_no, now()))
  }

  /** settling → completed: the ledger's charge, unfreeze and release add up to the deposit. */
  async function charged(q: Queryable, r: CreditRow, amount: number, _reference: string, at: Date): Promise<'applied' | 'duplicate' | 'mismatch'> {
    const rr = await row(q, r.id)
    if (!rr?.settlement) return 'duplicate'
    const s = json(rr.settlement)
    if (amount !== s.charge) return 'mismatch'
    const moved = await move(q, rentalMachine, r.id, 'charged', 'platform', at, 'charged = $4, ended_at = $3', [s.charge])
    if (!moved) return 'duplicate'
    await addLedger(q, r.id, settlementLedger(s), `${r.out_order_no}S`, at)
    if (s.charge > 0) await enqueueCredit(q, r, 'credit_charged', at)
    return 'applied'
  }

  /**
   * Rental timers. Only rentals within a day of their due time can have one (the reminder a day
   * before, overdue after it, default later still), and they are read in pages by id until none
   * is left: a shop with thousands in use never leaves the newer ones without their timers.
   */
  async function sweep(onError: (err: unknown, what: string) => void): Promise<number> {
    let n = 0
    const at = now()
    const PAGE = 500
    for (let after = 0; ; ) {
      const page = await db.query<RentalRow>(
        `${SELECT} WHERE c.kind = 'rental' AND c.state IN ('in_use', 'overdue') AND r.due_at <= $1 AND c.id > $2 ORDER BY c.id LIMIT ${PAGE}`,
        [new Date(at.getTime() + 86_400_000), after],
      )
      n += await eachIsolated(page.rows, (r) => timer(r, at), (err, r) => onError(err, `rental timer for ${r.rental_no}`))
      if (page.rows.length < PAGE) return n
      after = page.rows[page.rows.length - 1].id
    }
  }

  async function timer(r: RentalRow, at: Date): Promise<boolean> {
    if (!r.started_at || !r.due_at) return false
    const ev = rentalTimerEvent(r.state as 'in_use', termsOf<RentalTerms>(r), r.started_at, r.due_at, at)
    if (ev === 'overdue') return (await move(db, rentalMachine, r.id, 'overdue', 'system', at)) !== null
    if (ev === 'default') return settle(r.id, 'default', 'system')
    if (r.state === 'in_use' && new Date(r.due_at).getTime() - at.getTime() <= 86_400_000) await enqueueCredit(db, r, 'rental_due', at)
    return false
  }

  return { get, list, listForShop, create, reopen, confirmed, end, start, requestReturn, giveBack, charge, charged, sweep }
}

export type RentalService = ReturnType<typeof rentalService>
