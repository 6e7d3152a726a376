import type { AdminMallItem, AdminRedemption, MallItemInput, PointsSettings } from '@domain/points'
import { api, type Paged, type Query } from './client'

/** Issue 18, points settings and the points mall (积分商城) for the merchant: the shapes are the server's (@domain/points). */
export type { AdminMallItem, AdminRedemption, MallItemInput, PointsSettings }

export const getPointsSettings = () => api<PointsSettings>('/admin/points/settings')
/** 400 {code, message, field} names the bad field as a path (checkIn.streakBonuses.0.day). */
export const savePointsSettings = (body: PointsSettings) => api<PointsSettings>('/admin/points/settings', { method: 'PUT', body })

export const listMallItems = () => api<{ items: AdminMallItem[] }>('/admin/mall-items')
export const createMallItem = (body: MallItemInput) => api<AdminMallItem>('/admin/mall-items', { method: 'POST', body })
/** 409 STOCK_BELOW_REDEEMED when the stock would fall below what was already redeemed. */
export const updateMallItem = (id: number, body: MallItemInput) => api<AdminMallItem>(`/admin/mall-items/${id}`, { method: 'PUT', body })

export const listRedemptions = (query: Query) => api<Paged<AdminRedemption>>('/admin/mall-redemptions', { query })
