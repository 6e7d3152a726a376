import { buildApp } from './app'
import { describeConfig, loadConfig } from './plugins/env'
import { closeOnSignals, runMain } from './lib/run-main'
import { consoleBannerLine } from './modules/staff'

/** `npm run server`: the API alone on PORT (default 3000), bound to HOST (default 127.0.0.1). */
async function main(): Promise<void> {
  const config = loadConfig()
  const app = await buildApp({ logger: { level: config.logLevel } })
  for (const line of describeConfig(config)) console.log(line)
  await app.listen({ port: config.port, host: config.host })
  console.log(`Duet API on http://${config.host}:${config.port}/api (health: /api/health)`)
  const consoleLine = consoleBannerLine(config.dataDir, `http://${config.host}:${config.port}`)
  if (consoleLine) console.log(consoleLine)
  closeOnSignals(app)
}

runMain(main)
