import { openDb } from './db'
import { migrate } from './db/migrate'
import { ensurePrivateDir } from './lib/private-dir'
import { runMain } from './lib/run-main'
import { loadConfig } from './plugins/env'
import { runStaffCli, staffService } from './modules/staff'

/**
 * `npm run staff -- add <username> --role owner|operator|service | list | reset <username> |
 * disable <username>`: staff accounts on the server's database (DATABASE_URL, else PGlite in
 * DATA_DIR). PGlite is one process's database: stop the server before running this on it.
 */
async function main(): Promise<void> {
  const config = loadConfig()
  if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) ensurePrivateDir(config.dataDir)
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  let code = 0
  try {
    await migrate(db)
    const staff = staffService(db, { now: () => new Date(), sessionTtlMs: config.staffSessionTtlMs })
    code = await runStaffCli(staff, process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) })
  } finally {
    await db.close()
    if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) ensurePrivateDir(config.dataDir)
  }
  process.exitCode = code
}

runMain(main)
