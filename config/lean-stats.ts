import type { Compiler } from 'webpack'

/**
 * Taro's own build reporters (webpackbar's and the dev logger's) read `stats.toJson({}, true)`
 * only for its errors and warnings, but webpack's defaults for that call walk every chunk's
 * modules and their reasons: two thirds of an H5 dev rebuild (4.7 s, of which webpack compiles
 * 0.5 s) and seconds of every production build (bench:build; profile in issue 20's note). The
 * dev server sends the browser its reload only after them.
 *
 * webpack's statsNormalize hook is where plugins give stats options their defaults: this one
 * runs before webpack's own and turns the module and chunk listings off unless a caller asks
 * for them by name. Errors, warnings, assets and timings are unchanged.
 */
const EXPENSIVE = ['modules', 'chunks', 'chunkModules', 'chunkRelations', 'chunkOrigins', 'reasons', 'nestedModules', 'orphanModules', 'dependentModules', 'usedExports', 'providedExports', 'optimizationBailout', 'children'] as const

export class LeanStatsPlugin {
  apply(compiler: Compiler): void {
    compiler.hooks.compilation.tap('DuetLeanStats', (compilation) => {
      compilation.hooks.statsNormalize.tap({ name: 'DuetLeanStats', stage: -100 }, (options) => {
        const o = options as Record<string, unknown>
        for (const key of EXPENSIVE) if (o[key] === undefined) o[key] = false
      })
    })
  }
}
