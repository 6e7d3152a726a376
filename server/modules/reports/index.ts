// The reports module (the console's dashboard): read-only aggregates; other modules import it from here.
export { reportAdminRoutes } from './routes'
export { dashboard, rangeWindow, shopDay, type Dashboard, type DashboardRange } from './service'
