import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * One owner per table's rules (server/README.md): only the orders module changes an order's
 * status (orders.transitionIn) or writes its tables, and only the inventory module changes
 * skus.stock (reserve, release, adjust, with their stock_movements rows). A text scan of the server's code, tests
 * and migrations excluded, so a new bare UPDATE elsewhere fails here instead of in review.
 */
const SERVER = path.resolve(__dirname, '..')

interface Rule {
  what: string
  /** The only folder (relative to server/) allowed to contain it. */
  owner: string
  pattern: RegExp
}

export const RULES: Rule[] = [
  // UPDATE orders [AS] o SET ... status = ... before any WHERE (any case, spacing, line
  // breaks, other columns and quoted values before it; `status = ANY(...)` in a WHERE is fine).
  { what: 'UPDATE orders SET status', owner: 'modules/orders/', pattern: /\bupdate\s+orders\b(?:\s+(?:as\s+)?(?!set\b)\w+)?\s+set\b(?:(?!\bwhere\b|;)[\s\S]){0,400}?\bstatus\s*=/i },
  // UPDATE skus [AS] k SET ... stock = ... before any WHERE.
  { what: 'UPDATE skus SET stock', owner: 'modules/inventory/', pattern: /\bupdate\s+skus\b(?:\s+(?:as\s+)?(?!set\b)\w+)?\s+set\b(?:(?!\bwhere\b|;)[\s\S]){0,400}?\bstock\s*=/i },
  // The movements explain the stock only if nobody else writes them.
  { what: 'a write to stock_movements', owner: 'modules/inventory/', pattern: /\b(?:update|insert\s+into|delete\s+from)\s+stock_movements\b/i },
  // Any other write to the orders module's tables: other modules call orders/repository.ts.
  { what: 'a write to orders / order_items / order_events', owner: 'modules/orders/', pattern: /\b(?:update|insert\s+into|delete\s+from)\s+(?:orders|order_items|order_events)\b/i },
]

/** server/**\/*.ts without tests (any *.test.ts, __tests__/, test/) and migrations. */
export function serverSources(dir = SERVER): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) {
      if (['__tests__', 'test', 'migrations', 'node_modules'].includes(e.name)) continue
      out.push(...serverSources(p))
    } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p)
  }
  return out
}

/** Every breach of the rules in these sources: "file: what". */
export function violations(files: { file: string; text: string }[]): string[] {
  const found: string[] = []
  for (const { file, text } of files) {
    const rel = path.relative(SERVER, file).split(path.sep).join('/')
    for (const r of RULES) if (!rel.startsWith(r.owner) && r.pattern.test(text)) found.push(`${rel}: ${r.what} outside ${r.owner}`)
  }
  return found
}

/** Each table's owner (server/README.md): the only folders whose code writes it. seed/ and db/ (loader, migrator) may write any. */
export const TABLE_OWNERS: Record<string, string[]> = {
  categories: ['modules/catalog/'],
  products: ['modules/catalog/'],
  banners: ['modules/catalog/'],
  skus: ['modules/catalog/', 'modules/inventory/'],
  stock_movements: ['modules/inventory/'],
  users: ['modules/auth/'],
  cart_lines: ['modules/cart/'],
  addresses: ['modules/addresses/'],
  orders: ['modules/orders/'],
  order_items: ['modules/orders/'],
  order_events: ['modules/orders/'],
  payments: ['modules/payments/'],
  payment_notifies: ['modules/payments/'],
  refunds: ['modules/payments/'],
  favorites: ['modules/favorites/'],
  message_quota: ['modules/messages/'],
  message_outbox: ['modules/messages/'],
  // The sandbox gateway plays the platforms' message inbox: what it "delivered" is its own record.
  sandbox_messages: ['platforms/sandbox/'],
  promotions: ['modules/promotions/'],
  promotion_items: ['modules/promotions/'],
  promotion_purchases: ['modules/promotions/'],
  coupon_batches: ['modules/promotions/'],
  user_coupons: ['modules/promotions/'],
  memberships: ['modules/members/'],
  product_rentals: ['modules/credit/'],
  credit_orders: ['modules/credit/'],
  rentals: ['modules/credit/'],
  credit_ledger: ['modules/credit/'],
  credit_notifies: ['modules/credit/'],
  membership_settlements: ['modules/credit/'],
  shipments: ['modules/shipping/'],
  shipping_uploads: ['modules/shipping/'],
  // The sandbox gateway plays WeChat's shipping management and Alipay's order centre: its calls and order states are its own.
  sandbox_shipping_calls: ['platforms/sandbox/'],
  sandbox_card_calls: ['platforms/sandbox/'],
  member_card_settings: ['modules/member-cards/'],
  member_cards: ['modules/member-cards/'],
  member_card_updates: ['modules/member-cards/'],
  sandbox_wechat_orders: ['platforms/sandbox/'],
  staff: ['modules/staff/'],
  staff_sessions: ['modules/staff/'],
  audit_log: ['modules/staff/'],
  after_sales: ['modules/after-sales/'],
  after_sale_lines: ['modules/after-sales/'],
  after_sale_steps: ['modules/after-sales/'],
  after_sale_photos: ['modules/after-sales/'],
  parcels: ['modules/tracking/'],
  scenes: ['modules/attribution/'],
  visits: ['modules/attribution/'],
  promoter_settings: ['modules/promoters/'],
  promoters: ['modules/promoters/'],
  product_commission_rates: ['modules/promoters/'],
  promoter_bindings: ['modules/promoters/'],
  commissions: ['modules/promoters/'],
  commission_entries: ['modules/promoters/'],
  withdrawals: ['modules/withdrawals/'],
  // The sandbox gateway plays WeChat's and Alipay's transfer side: its bills are its own.
  sandbox_transfers: ['platforms/sandbox/'],
  gifts: ['modules/gifts/'],
  gift_claims: ['modules/gifts/'],
  group_deals: ['modules/groups/'],
  group_deal_skus: ['modules/groups/'],
  deal_groups: ['modules/groups/'],
  group_members: ['modules/groups/'],
  group_deal_buyers: ['modules/groups/'],
  points_settings: ['modules/points/'],
  points_accounts: ['modules/points/'],
  points_entries: ['modules/points/'],
  check_ins: ['modules/points/'],
  mall_items: ['modules/mall/'],
  mall_redemptions: ['modules/mall/'],
  invite_codes: ['modules/referrals/'],
  referrals: ['modules/referrals/'],
  reviews: ['modules/reviews/'],
  review_photos: ['modules/reviews/'],
  stores: ['modules/stores/'],
  // A store's own stock is stock: inventory moves it, like skus.stock.
  store_stock: ['modules/inventory/'],
  plan_offers: ['modules/plans/'],
  plan_settings: ['modules/plans/'],
  plans: ['modules/plans/'],
  plan_deliveries: ['modules/plans/'],
  level_settings: ['modules/levels/'],
  growth_accounts: ['modules/levels/'],
  growth_entries: ['modules/levels/'],
  member_birthdays: ['modules/levels/'],
  order_pickups: ['modules/pickup/'],
  pickup_settings: ['modules/pickup/'],
}

/**
 * Writes across an owner that are known and not yet moved (README "Not yet through the owner").
 * Moving one means deleting its line here; a new one fails the test.
 */
const KNOWN_CROSSINGS = [
  'modules/orders/service.ts writes promotion_items',
  'modules/orders/service.ts writes promotion_purchases',
  'modules/orders/service.ts writes user_coupons',
]

/** "file writes table" for every write (INSERT INTO / UPDATE / DELETE FROM, not ON CONFLICT's DO UPDATE) outside the table's owner. */
export function crossings(files: { file: string; text: string }[]): string[] {
  const found = new Set<string>()
  for (const { file, text } of files) {
    const rel = path.relative(SERVER, file).split(path.sep).join('/')
    if (rel.startsWith('seed/') || rel.startsWith('db/')) continue
    for (const m of text.matchAll(/\b(?:(do\s+)?update|insert\s+into|delete\s+from)\s+([a-z_]+)\b/gi)) {
      if (m[1]) continue
      const table = m[2].toLowerCase()
      const owners = TABLE_OWNERS[table]
      if (owners && !owners.some((o) => rel.startsWith(o))) found.add(`${rel} writes ${table}`)
    }
  }
  return [...found].sort()
}

describe('table ownership', () => {
  it('every table is written only by its owner (and the known crossings still exist)', () => {
    const files = serverSources().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))
    expect(crossings(files)).toEqual([...KNOWN_CROSSINGS].sort())
  })

  it('every table of the migrations has an owner', () => {
    const dir = path.join(SERVER, 'migrations')
    const tables = fs
      .readdirSync(dir)
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/create\s+table\s+(?:if\s+not\s+exists\s+)?([a-z_]+)/gi)].map((m) => m[1].toLowerCase()))
      .filter((t) => t !== 'meta')
    expect(tables.filter((t) => !TABLE_OWNERS[t])).toEqual([])
  })

  it('a new crossing fails', () => {
    const at = (rel: string, text: string) => ({ file: path.join(SERVER, rel), text })
    expect(
      crossings([
        at('modules/credit/membership.ts', "await q.query('UPDATE memberships SET auto_renew = $2 WHERE user_id = $1')"),
        at('modules/cart/repository.ts', 'INSERT INTO cart_lines (user_id) VALUES ($1) ON CONFLICT (user_id) DO UPDATE SET quantity = 1'),
        at('modules/payments/x.ts', 'delete from favorites where user_id = $1'),
      ]),
    ).toEqual(['modules/credit/membership.ts writes memberships', 'modules/payments/x.ts writes favorites'])
  })

  it('order status changes (and order writes) only in the orders module, SKU stock only in inventory', () => {
    const files = serverSources().map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }))
    expect(files.length).toBeGreaterThan(50)
    expect(violations(files)).toEqual([])
  })

  it('the owners themselves do contain the statements (the patterns still match real code)', () => {
    const text = (rel: string) => fs.readFileSync(path.join(SERVER, rel), 'utf8')
    expect(RULES[0].pattern.test(text('modules/orders/service.ts'))).toBe(true)
    expect(RULES[1].pattern.test(text('modules/inventory/service.ts'))).toBe(true)
  })

  it('catches the spellings a refactor might bring back', () => {
    const at = (rel: string, text: string) => ({ file: path.join(SERVER, rel), text })
    expect(
      violations([
        at('modules/payments/service.ts', "await q.query(\"UPDATE orders SET status = 'paid' WHERE id = $1\")"),
        at('modules/credit/x.ts', '`update   orders o\n   set paid_at = $2,\n status=$3 where id = $1`'),
        at('modules/payments/refunds.ts', "q.query('UPDATE skus SET stock = stock + $2 WHERE id = $1')"),
        at('modules/credit/rentals.ts', '`Update skus AS k Set price = 1, stock=stock-1`'),
        at('modules/credit/pay.ts', "UPDATE orders SET payment_mode = 'pay_after_use', status = 'paid' WHERE id = $1"),
        at('lib/x.ts', 'UPDATE orders SET refunded_total = refunded_total + $2 WHERE id = $1 AND status = ANY($3)'),
        at('lib/y.ts', "UPDATE skus SET price = 100 WHERE stock = 0"),
        at('modules/messages/outbox.ts', 'INSERT INTO message_outbox (order_id) SELECT id FROM orders WHERE id = $1'),
        at('seed/load.ts', 'INSERT INTO stock_movements (sku_id, delta) VALUES ($1, $2)'),
        at('modules/orders/service.ts', 'UPDATE orders SET status = $3'),
        at('modules/inventory/service.ts', 'UPDATE skus SET stock = stock + $2'),
      ]),
    ).toEqual([
      'modules/payments/service.ts: UPDATE orders SET status outside modules/orders/',
      'modules/payments/service.ts: a write to orders / order_items / order_events outside modules/orders/',
      'modules/credit/x.ts: UPDATE orders SET status outside modules/orders/',
      'modules/credit/x.ts: a write to orders / order_items / order_events outside modules/orders/',
      'modules/payments/refunds.ts: UPDATE skus SET stock outside modules/inventory/',
      'modules/credit/rentals.ts: UPDATE skus SET stock outside modules/inventory/',
      'modules/credit/pay.ts: UPDATE orders SET status outside modules/orders/',
      'modules/credit/pay.ts: a write to orders / order_items / order_events outside modules/orders/',
      'lib/x.ts: a write to orders / order_items / order_events outside modules/orders/',
      'seed/load.ts: a write to stock_movements outside modules/inventory/',
    ])
  })
})
