import { z } from 'zod'
import { assertCoordinates, CoordinateError, hoursProblem, STOCK_MODES } from '../../../src/domain/stores'
import { pageQuery, text } from '../../lib/validate'
import { imageUrl } from '../catalog'

/**
 * The console's store form (POST /api/admin/stores, PUT /api/admin/stores/:id): every field
 * names itself in Chinese, so a 400 reads 「hours: 打烊时间必须晚于开门时间」 with `field`.
 */

const coordinate = (label: string, check: (v: number) => void) =>
  z.number({ error: `${label}必须是数字` }).superRefine((v, ctx) => {
    try {
      check(v)
    } catch (err) {
      if (!(err instanceof CoordinateError)) throw err
      ctx.addIssue({ code: 'custom', message: err.message })
    }
  })

const Hours = z
  .object(
    {
      weekdays: z.array(z.number({ error: '营业日必须是 1 到 7 的整数' }), { error: '营业日必须是数组' }).max(7, '营业日最多 7 天'),
      open: z.string({ error: '开门时间必须是 HH:mm' }),
      close: z.string({ error: '打烊时间必须是 HH:mm' }),
    },
    { error: '营业时间必须是 {weekdays, open, close}' },
  )
  // The rule is the domain's (no overnight hours, real weekdays): the same words in the app and the console.
  .superRefine((h, ctx) => {
    const problem = hoursProblem(h)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })
  .transform((h) => ({ weekdays: [...new Set(h.weekdays)].sort((a, b) => a - b), open: h.open, close: h.close }))

export const StoreBody = z.object({
  name: text(60, '门店名称', { min: 1 }),
  city: text(20, '城市', { min: 1 }),
  address: text(120, '门店地址', { min: 1 }),
  phone: text(20, '联系电话').default(''),
  // GCJ-02, as the platforms' map pickers and getLocation give them.
  latitude: coordinate('纬度', (v) => assertCoordinates(v, 0)),
  longitude: coordinate('经度', (v) => assertCoordinates(0, v)),
  hours: Hours,
  photos: z.array(imageUrl('门店照片'), { error: '门店照片必须是数组' }).max(9, '门店照片最多 9 张').default([]),
  stockMode: z.enum(STOCK_MODES, { error: '库存方式必须是 own（门店独立库存）或 shared（共用总仓库存）' }),
  pickup: z.boolean({ error: '是否支持自提必须是 true 或 false' }).default(true),
  deliveryRadiusMeters: z
    .number({ error: '配送半径必须是整数（米）' })
    .int('配送半径必须是整数（米）')
    .min(0, '配送半径不能为负数')
    .max(50_000, '配送半径最多 50000 米'),
  active: z.boolean({ error: '是否营业必须是 true 或 false' }).default(true),
  sort: z.number({ error: '排序必须是整数' }).int('排序必须是整数').min(0, '排序不能为负数').max(1_000_000, '排序过大').default(0),
})

export const StockBody = z.object({
  skuId: z.number({ error: 'skuId 必须是正整数 id' }).int('skuId 必须是正整数 id').positive('skuId 必须是正整数 id').max(2_147_483_647, 'skuId 过大'),
  stock: z.number({ error: '库存必须是整数' }).int('库存必须是整数').min(0, '库存不能为负数').max(10_000_000, '库存过大'),
})

export const PageQuery = z.object(pageQuery)

// The code's platform: WeChat's getwxacodeunlimit, Alipay's qrcode.create, or the sandbox's QR code (h5); default WeChat.
export const CodeQuery = z.object({ platform: z.enum(['weapp', 'alipay', 'h5'], { error: 'platform 必须是 weapp、alipay 或 h5' }).optional() })

export const PositionQuery = z.object({ lat: z.string().max(40).optional(), lng: z.string().max(40).optional() })
export const ListQuery = PositionQuery.extend({ city: z.string().max(20).optional() })
export const StockQuery = z.object({ skuIds: z.string().max(600).optional() })
