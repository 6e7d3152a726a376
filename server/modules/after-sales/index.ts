// What other modules may use of after-sales: they import it from here, never from its files (lint-enforced).
export { afterSaleService, afterSalesSettled, afterSalesSettledOrders } from './service'
export type { AfterSaleRefunds, AfterSaleService, OrderAfterSales } from './service'
export { afterSaleRoutes } from './routes'
export { afterSaleAdminRoutes } from './admin-routes'
