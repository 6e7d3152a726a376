import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildApp } from './app'
import { describeConfig, loadConfig } from './plugins/env'
import { closeOnSignals, runMain } from './lib/run-main'
import { consoleBannerLine } from './modules/staff'

/**
 * `npm start`: the whole shop on one port. Builds the H5 app and the merchant console first
 * when dist/h5 or dist/console is missing, then serves the app at /, the console at /admin/
 * and the API at /api, on PGlite in DATA_DIR unless DATABASE_URL is set.
 */
const ROOT = path.resolve(__dirname, '..')
const WEB_ROOT = path.join(ROOT, 'dist', 'h5')
const CONSOLE_ROOT = path.join(ROOT, 'dist', 'console')

function ensureBuild(root: string, script: string, what: string): void {
  if (fs.existsSync(path.join(root, 'index.html'))) return
  console.log(`${path.relative(ROOT, root)} is missing: building ${what} once (npm run ${script}) ...`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const r = spawnSync(npm, ['run', script], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0 || !fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`the ${what} build failed; run \`npm run ${script}\` to see why`)
  }
}

async function main(): Promise<void> {
  const config = loadConfig()
  ensureBuild(WEB_ROOT, 'build:h5', 'the H5 app')
  ensureBuild(CONSOLE_ROOT, 'build:console', 'the merchant console')
  const app = await buildApp({ logger: { level: config.logLevel === 'info' ? 'warn' : config.logLevel }, webRoot: WEB_ROOT, consoleRoot: CONSOLE_ROOT })
  await app.listen({ port: config.port, host: config.host })
  const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  console.log('')
  console.log(`  Duet shop: http://${shown}:${config.port}/`)
  console.log(`  Console:   http://${shown}:${config.port}/admin/`)
  console.log(`  API:       http://${shown}:${config.port}/api/health`)
  const consoleLine = consoleBannerLine(config.dataDir, `http://${shown}:${config.port}`)
  if (consoleLine) console.log(`  ${consoleLine}`)
  for (const line of describeConfig(config)) console.log(`  ${line}`)
  console.log('')
  closeOnSignals(app)
}

runMain(main)
