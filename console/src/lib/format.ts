import { formatFen, fenToYuan } from '@domain/money'

export const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatFen(fen))
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : fenToYuan(fen))
/**
 * Times are shown in the shop's time zone (Beijing), whatever the browser's: the dashboard's
 * days and the order filters' dates are Beijing days, and a list must agree with them.
 */
const SHOP_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
function shopParts(iso: string | number): Record<string, string> {
  return Object.fromEntries(SHOP_TIME.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
}
/** An ISO string, or epoch ms (promotions' startsAt/endsAt). */
export const dateTime = (iso: string | number | null | undefined) => {
  if (!iso) return '—'
  const p = shopParts(iso)
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`
}
/** HH:mm in shop time (a lock's end, a slot). */
export const clockTime = (iso: string) => {
  const p = shopParts(iso)
  return `${p.hour}:${p.minute}`
}
export const specsText = (specs: Record<string, string> | string | null | undefined) =>
  !specs ? '' : typeof specs === 'string' ? specs : Object.entries(specs).map(([k, v]) => `${k}：${v}`).join('，')

/** Shopper platforms (orders, users: weapp | alipay | h5) and payment providers (wechat | alipay | sandbox). */
export const PLATFORM_LABEL: Record<string, string> = { weapp: '微信', wechat: '微信', alipay: '支付宝', h5: 'H5', sandbox: '沙箱' }
export const platformLabel = (p: string | null | undefined) => (p ? (PLATFORM_LABEL[p] ?? p) : '—')

/** ¥12,893.40: the dashboard's big numbers, grouped by thousands (from formatFen, exact). */
export const moneyGrouped = (fen: number) => money(fen).replace(/\d+(?=\.)/, (yuan) => yuan.replace(/\B(?=(\d{3})+$)/g, ','))
