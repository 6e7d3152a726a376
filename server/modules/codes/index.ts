// What other modules may use of codes: they import it from here, never from its files (lint-enforced).
export { codesService, codeUnavailable } from './service'
export type { CodeFacetName, CodesDeps, CodesService } from './service'
export { codeRoutes } from './routes'
