import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildApp } from './app'
import { describeConfig, loadConfig } from './plugins/env'
import { closeOnSignals, runMain } from './lib/run-main'
import { consoleBannerLine } from './modules/staff'

/**
 * `npm start`: the whole shop on one port. Builds the H5 app first when dist/h5 is missing,
 * then serves it at / and the API at /api, on PGlite in DATA_DIR unless DATABASE_URL is set.
 */
const ROOT = path.resolve(__dirname, '..')
const WEB_ROOT = path.join(ROOT, 'dist', 'h5')

function ensureH5Build(): void {
  if (fs.existsSync(path.join(WEB_ROOT, 'index.html'))) return
  console.log('dist/h5 is missing: building the H5 app once (npm run build:h5) ...')
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const r = spawnSync(npm, ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0 || !fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error('the H5 build failed; run `npm run build:h5` to see why')
  }
}

async function main(): Promise<void> {
  const config = loadConfig()
  ensureH5Build()
  const app = await buildApp({ logger: { level: config.logLevel === 'info' ? 'warn' : config.logLevel }, webRoot: WEB_ROOT })
  await app.listen({ port: config.port, host: config.host })
  const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  console.log('')
  console.log(`  Duet shop: http://${shown}:${config.port}/`)
  console.log(`  API:       http://${shown}:${config.port}/api/health`)
  const consoleLine = consoleBannerLine(config.dataDir, `http://${shown}:${config.port}`)
  if (consoleLine) console.log(`  ${consoleLine}`)
  for (const line of describeConfig(config)) console.log(`  ${line}`)
  console.log('')
  closeOnSignals(app)
}

runMain(main)
