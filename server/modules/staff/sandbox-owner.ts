import fs from 'node:fs'
import path from 'node:path'
import { SYSTEM_ACTOR } from './identity'
import type { StaffService } from './service'

export const SANDBOX_OWNER = 'admin'

export function adminPasswordFile(dataDir: string): string {
  return path.resolve(dataDir, 'admin-password')
}

/**
 * Sandbox mode, first start on a real DATA_DIR: there is no default password, so the server
 * makes owner `admin` with a random one and leaves it in DATA_DIR/admin-password (0600, like
 * the session secret). Only when the shop has no staff at all; only the process whose INSERT
 * went in writes the file, so two servers starting together can't leave a file that doesn't
 * match the account. Answers the file when it was written now.
 */
export async function ensureSandboxOwner(staff: StaffService, dataDir: string): Promise<string | null> {
  const password = await staff.createFirstOwner(SYSTEM_ACTOR, SANDBOX_OWNER)
  if (!password) return null
  const file = adminPasswordFile(dataDir)
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 })
  // `mode` applies only to a new file: one left from an earlier database keeps its mode otherwise.
  fs.chmodSync(file, 0o600)
  return file
}

/** The start banners' console line, when the sandbox's admin password file is there. */
export function consoleBannerLine(dataDir: string, base: string): string | null {
  if (dataDir.startsWith('memory://')) return null
  const file = adminPasswordFile(dataDir)
  if (!fs.existsSync(file)) return null
  return `Console: ${base}/admin/  (${SANDBOX_OWNER}, password in ${file})`
}
