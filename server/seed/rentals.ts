import type { Db } from '../db'
import { addSku } from '../modules/inventory/service'
import { checkRentalTerms, type RentalTerms } from '../../src/domain/credit'

/** Like load.ts's imagePath (not imported: load.ts imports this file). */
const imagePath = (file: string) => `/api/images/${file}`

interface SeedRental {
  key: string
  title: string
  subtitle: string
  description: string
  images: string[]
  /** One spec group with one SKU per value; the SKU's price is the daily rate shown on cards. */
  spec: { name: string; values: string[] }
  stock: number
  terms: RentalTerms
}

/**
 * The demo shop's deposit-free rentals (租赁): a category of their own, each product with its
 * rental terms (product_rentals). The power bank and tent reuse the sold products' pictures;
 * the camera has no picture of its own yet and reuses the earbuds' (scripts/make-images.ts
 * renders only catalog.ts products).
 */
export const DEMO_RENTALS: SeedRental[] = [
  {
    key: 'rent-power-bank',
    title: '共享充电宝 免押租借',
    subtitle: '芝麻信用/微信支付分免押 每天1.50元',
    description: '信用免押借用，10000mAh，自带双线。按天计费，最长 30 天；逾期按日计费，最多不超过押金。',
    images: ['power-bank-1.jpg', 'power-bank-2.jpg', 'power-bank-3.jpg'],
    spec: { name: '颜色', values: ['白色'] },
    stock: 200,
    terms: { deposit: 9900, dailyRate: 150, minDays: 1, maxDays: 30 },
  },
  {
    key: 'rent-camera',
    title: '微单相机 免押租赁',
    subtitle: '旅行拍照 信用免押 每天49元',
    description: '2400 万像素微单相机，含标准变焦镜头、电池两块和 64G 存储卡。信用免押，1-15 天。',
    images: ['earbuds-anc-1.jpg', 'earbuds-anc-2.jpg', 'earbuds-anc-3.jpg'],
    spec: { name: '套装', values: ['标准套装'] },
    stock: 20,
    terms: { deposit: 300000, dailyRate: 4900, minDays: 1, maxDays: 15 },
  },
  {
    key: 'rent-tent',
    title: '速开帐篷 周末露营租赁',
    subtitle: '3-4人款 信用免押 每天29元',
    description: '全自动速开帐篷，3-4 人款，防雨防晒。信用免押，2-10 天，归还后自动结算租金。',
    images: ['tent-auto-1.jpg', 'tent-auto-2.jpg', 'tent-auto-3.jpg'],
    spec: { name: '规格', values: ['3-4人款'] },
    stock: 30,
    terms: { deposit: 80000, dailyRate: 2900, minDays: 2, maxDays: 10 },
  },
]

/** Seeds the rentals once per database, claimed by their own meta row: a shop seeded before credit existed gets them now. */
export async function seedRentals(db: Db, rentals: SeedRental[], now: Date): Promise<boolean> {
  return db.tx(async (q) => {
    const claimed = await q.query(`INSERT INTO meta (key, value) VALUES ('seeded_rentals', $1) ON CONFLICT (key) DO NOTHING RETURNING key`, [now.toISOString()])
    if (claimed.rowCount === 0) return false
    const sort = (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM categories')).n
    const cat = await q.one<{ id: number }>("INSERT INTO categories (key, name, icon, sort) VALUES ('rental', '租赁', $1, $2) RETURNING id", [imagePath('cat-digital.png'), sort])
    for (const [i, r] of rentals.entries()) {
      const bad = checkRentalTerms(r.terms)
      if (bad) throw new Error(`seed: rental ${r.key}: ${bad}`)
      const p = await q.one<{ id: number }>(
        `INSERT INTO products (key, category_id, title, subtitle, description, original_price, sales, images, spec_groups, sort, listed_at)
         VALUES ($1, $2, $3, $4, $5, NULL, 0, $6, $7, $8, $9) RETURNING id`,
        [r.key, cat.id, r.title, r.subtitle, r.description, JSON.stringify(r.images.map(imagePath)), JSON.stringify([r.spec]), 1000 + i, now],
      )
      for (const v of r.spec.values) await addSku(q, { productId: p.id, specs: { [r.spec.name]: v }, price: r.terms.dailyRate, stock: r.stock, image: null }, now)
      await q.query('INSERT INTO product_rentals (product_id, deposit, daily_rate, min_days, max_days) VALUES ($1, $2, $3, $4, $5)', [p.id, r.terms.deposit, r.terms.dailyRate, r.terms.minDays, r.terms.maxDays])
    }
    return true
  })
}
