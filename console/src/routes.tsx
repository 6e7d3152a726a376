import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { Permission } from '@domain/staff'

/** Each screen is its own chunk: the first load is the shell and the screen asked for. */
export interface ScreenRoute {
  path: string
  permission: Permission | undefined
  Screen: LazyExoticComponent<ComponentType>
}

const Dashboard = lazy(() => import('./pages/Dashboard'))
const Products = lazy(() => import('./pages/Products'))
const ProductEdit = lazy(() => import('./pages/ProductEdit'))
const Categories = lazy(() => import('./pages/Categories'))
const Banners = lazy(() => import('./pages/Banners'))
const Orders = lazy(() => import('./pages/Orders'))
const OrderDetail = lazy(() => import('./pages/OrderDetail'))
const Refunds = lazy(() => import('./pages/Refunds'))
const AfterSales = lazy(() => import('./pages/AfterSales'))
const AfterSaleDetail = lazy(() => import('./pages/AfterSaleDetail'))
const Promotions = lazy(() => import('./pages/Promotions'))
const Coupons = lazy(() => import('./pages/Coupons'))
const Members = lazy(() => import('./pages/Members'))
const GroupDeals = lazy(() => import('./pages/GroupDeals'))
const PointsSettings = lazy(() => import('./pages/PointsSettings'))
const PointsMall = lazy(() => import('./pages/PointsMall'))
const Reviews = lazy(() => import('./pages/Reviews'))
const Rentals = lazy(() => import('./pages/Rentals'))
const Messages = lazy(() => import('./pages/Messages'))
const Promoters = lazy(() => import('./pages/Promoters'))
const PromoterDetail = lazy(() => import('./pages/PromoterDetail'))
const PromoterSettings = lazy(() => import('./pages/PromoterSettings'))
const Withdrawals = lazy(() => import('./pages/Withdrawals'))
const Stores = lazy(() => import('./pages/Stores'))
const StoreDetail = lazy(() => import('./pages/StoreDetail'))
const PickupVerify = lazy(() => import('./pages/PickupVerify'))
const PlanDeliveries = lazy(() => import('./pages/PlanDeliveries'))
const Levels = lazy(() => import('./pages/Levels'))
const MemberCard = lazy(() => import('./pages/MemberCard'))
const Staff = lazy(() => import('./pages/Staff'))
const Audit = lazy(() => import('./pages/Audit'))

export const SCREENS: ScreenRoute[] = [
  { path: '/dashboard', permission: 'dashboard:read', Screen: Dashboard },
  { path: '/products', permission: 'catalog:read', Screen: Products },
  { path: '/products/new', permission: 'catalog:write', Screen: ProductEdit },
  { path: '/products/:id', permission: 'catalog:read', Screen: ProductEdit },
  { path: '/categories', permission: 'catalog:read', Screen: Categories },
  { path: '/reviews', permission: 'reviews:read', Screen: Reviews },
  { path: '/banners', permission: 'catalog:read', Screen: Banners },
  { path: '/orders', permission: 'orders:read', Screen: Orders },
  { path: '/orders/:id', permission: 'orders:read', Screen: OrderDetail },
  { path: '/refunds', permission: 'orders:read', Screen: Refunds },
  { path: '/after-sales', permission: 'orders:read', Screen: AfterSales },
  { path: '/after-sales/:id', permission: 'orders:read', Screen: AfterSaleDetail },
  { path: '/promotions', permission: 'marketing:read', Screen: Promotions },
  { path: '/coupons', permission: 'marketing:read', Screen: Coupons },
  { path: '/members', permission: 'marketing:read', Screen: Members },
  { path: '/group-deals', permission: 'marketing:read', Screen: GroupDeals },
  // Read-only without marketing:write (the pages say so).
  { path: '/points', permission: 'marketing:read', Screen: PointsSettings },
  { path: '/points/mall', permission: 'marketing:read', Screen: PointsMall },
  { path: '/promoters', permission: 'promoters:read', Screen: Promoters },
  // Read-only without promoters:write (the form says so).
  { path: '/promoters/settings', permission: 'promoters:read', Screen: PromoterSettings },
  { path: '/promoters/:id', permission: 'promoters:read', Screen: PromoterDetail },
  // Everyone who reads promoters sees their withdrawals; only withdrawals:review decides them.
  { path: '/withdrawals', permission: 'promoters:read', Screen: Withdrawals },
  // Read-only without stores:write (no 新建 / 编辑, no stock counts): customer service sees the stores and verifies pickups.
  { path: '/stores', permission: 'stores:read', Screen: Stores },
  { path: '/stores/:id', permission: 'stores:read', Screen: StoreDetail },
  { path: '/pickups', permission: 'pickups:verify', Screen: PickupVerify },
  { path: '/plan-deliveries', permission: 'plans:read', Screen: PlanDeliveries },
  // The ladder is read with marketing:read and changed with levels:write (the page says so).
  { path: '/levels', permission: 'marketing:read', Screen: Levels },
  { path: '/member-card', permission: 'levels:write', Screen: MemberCard },
  { path: '/rentals', permission: 'orders:read', Screen: Rentals },
  { path: '/messages', permission: 'messages:read', Screen: Messages },
  { path: '/staff', permission: 'staff:manage', Screen: Staff },
  { path: '/audit', permission: 'audit:read', Screen: Audit },
]
