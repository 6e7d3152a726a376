import dayjs from 'dayjs'
import { formatFen, fenToYuan } from '@domain/money'

export const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatFen(fen))
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : fenToYuan(fen))
export const dateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—')
export const specsText = (specs: Record<string, string> | string | null | undefined) =>
  !specs ? '' : typeof specs === 'string' ? specs : Object.entries(specs).map(([k, v]) => `${k}：${v}`).join('，')

/** Shopper platforms (orders, users: weapp | alipay | h5) and payment providers (wechat | alipay | sandbox). */
export const PLATFORM_LABEL: Record<string, string> = { weapp: '微信', wechat: '微信', alipay: '支付宝', h5: 'H5', sandbox: '沙箱' }
export const platformLabel = (p: string | null | undefined) => (p ? (PLATFORM_LABEL[p] ?? p) : '—')

/** ¥12,893.40: the dashboard's big numbers, grouped by thousands (from formatFen, exact). */
export const moneyGrouped = (fen: number) => money(fen).replace(/\d+(?=\.)/, (yuan) => yuan.replace(/\B(?=(\d{3})+$)/g, ','))
