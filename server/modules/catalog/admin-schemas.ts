import { z } from 'zod'
import { id, idText, money, pageQuery, text } from '../../lib/validate'

/**
 * The catalog editor's forms (docs/admin-api.md, Catalog). Every field names itself in
 * Chinese, so a 400 reads 「skus.0.price: 价格最多两位小数」 with `field` for the form.
 */

/** An image we serve (an upload or a seed image) or an https URL (an object store, a CDN). */
export const imageUrl = (label: string) =>
  text(500, label, { min: 1 }).refine((s) => /^\/api\/(?:uploads|images)\/[A-Za-z0-9._-]+$/.test(s) || /^https:\/\/[^\s"'<>]+$/.test(s), `${label}必须是上传后得到的地址`)

const sort = z.number({ error: '排序必须是整数' }).int('排序必须是整数').min(0, '排序不能为负数').max(1_000_000, '排序过大')
const days = (label: string) => z.number({ error: `${label}必须是整数` }).int(`${label}必须是整数`).min(1, `${label}至少 1 天`).max(3650, `${label}最多 3650 天`)

export const CategoryInput = z.object({
  name: text(20, '分类名称', { min: 1 }),
  parentId: id.nullable().optional(),
  icon: imageUrl('分类图标'),
  sort: sort.optional(),
})
export const CategoryPatch = CategoryInput.partial()

const SpecGroup = z.object({
  name: text(20, '规格名', { min: 1 }),
  values: z.array(text(30, '规格值', { min: 1 }), { error: '规格值必须是数组' }).min(1, '每个规格至少一个值').max(50, '每个规格最多 50 个值'),
})

const SkuInput = z.object({
  id: id.optional(),
  specs: z.record(z.string(), z.string({ error: '规格值必须是文字' }), { error: '规格必须是对象，如 {"颜色": "白色"}' }),
  price: money('价格'),
  stock: z.number({ error: '库存必须是整数' }).int('库存必须是整数').min(0, '库存不能为负数').max(10_000_000, '库存过大').optional(),
  originalPrice: money('原价').nullable().optional(),
  code: text(64, '商品编码').nullable().optional(),
})

const RentalInput = z.object({
  deposit: money('押金'),
  dailyRate: money('日租金'),
  minDays: days('最短租期'),
  maxDays: days('最长租期'),
})

const productFields = {
  title: text(60, '商品标题', { min: 1 }),
  categoryId: id,
  images: z.array(imageUrl('商品图片'), { error: '商品图片必须是数组' }).min(1, '请至少上传一张商品图片').max(20, '商品图片最多 20 张'),
  specs: z.array(SpecGroup, { error: '规格必须是数组' }).max(3, '最多 3 组规格'),
  skus: z.array(SkuInput, { error: 'SKU 必须是数组' }).min(1, '请至少添加一个 SKU').max(200, 'SKU 最多 200 个'),
  subtitle: text(100, '副标题').optional(),
  description: text(5000, '商品详情').optional(),
  onShelf: z.boolean({ error: '上架状态必须是 true 或 false' }).optional(),
  rental: RentalInput.nullable().optional(),
}

export const ProductInput = z.object(productFields).superRefine((p, ctx) => {
  for (const [i, s] of p.skus.entries()) if (s.stock === undefined) ctx.addIssue({ code: 'custom', path: ['skus', i, 'stock'], message: '请填写库存' })
})

export const ProductPatch = z
  .object(productFields)
  .partial()
  .extend({ version: z.number({ error: '请带上读取时的版本号 version' }).int('版本号必须是整数').min(1, '版本号必须是正整数') })

export const ShelfInput = z.object({ onShelf: z.boolean({ error: '上架状态必须是 true 或 false' }) })

export const StockInput = z.object({
  delta: z
    .number({ error: '调整数量必须是整数' })
    .int('调整数量必须是整数')
    .min(-10_000_000, '调整数量过大')
    .max(10_000_000, '调整数量过大')
    .refine((n) => n !== 0, '调整数量不能为 0'),
  reason: text(100, '调整原因', { min: 1 }),
})

export const AdminProductQuery = z.object({
  ...pageQuery,
  q: text(50, '搜索词').optional(),
  categoryId: idText.optional(),
  onShelf: z.enum(['true', 'false'], { error: 'onShelf 只能是 true 或 false' }).transform((s) => s === 'true').optional(),
})

export const PageQuery = z.object(pageQuery)

export const BannerInput = z.object({
  title: text(40, '轮播图标题', { min: 1 }),
  image: imageUrl('轮播图图片'),
  productId: id.nullable().optional(),
  sort: sort.optional(),
})
export const BannerPatch = BannerInput.partial()
