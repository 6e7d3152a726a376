import { isStaffRole, ROLE_LABELS, STAFF_ROLES } from '../../../src/domain/staff'
import { AppError } from '../../lib/errors'
import { CLI_ACTOR } from './identity'
import { username as usernameSchema } from './schemas'
import type { StaffService } from './service'

export interface CliIo {
  out: (line: string) => void
  err: (line: string) => void
}

const USAGE = [
  'usage: npm run staff -- <command>',
  `  add <username> --role ${STAFF_ROLES.join('|')}   create an account; prints a one-time password`,
  '  list                                     all accounts',
  '  reset <username>                         new one-time password; unlocks the account',
  '  disable <username>                       the account can no longer sign in; its sessions end',
]

/**
 * `npm run staff`: the accounts, from the server's own machine (who can run this can read
 * DATA_DIR anyway). Answers the exit code: 0 done, 2 a bad command or a refused change.
 */
export async function runStaffCli(staff: StaffService, argv: string[], io: CliIo): Promise<number> {
  const fail = (msg: string) => {
    io.err(msg)
    return 2
  }
  const [cmd, ...rest] = argv
  // Words that are neither a flag nor a `--flag value`'s value.
  const positional = rest.filter((a, i) => !a.startsWith('--') && !/^--[^=]+$/.test(rest[i - 1] ?? ''))
  const flag = (name: string) => {
    const i = rest.indexOf(`--${name}`)
    if (i >= 0) return rest[i + 1]
    const eq = rest.find((a) => a.startsWith(`--${name}=`))
    return eq?.slice(name.length + 3)
  }
  const name = () => {
    const r = usernameSchema.safeParse(positional[0] ?? '')
    return r.success ? { ok: true as const, name: r.data } : { ok: false as const, msg: `bad username "${positional[0] ?? ''}": ${r.error.issues[0].message}` }
  }
  const found = async (n: string) => (await staff.findByUsername(n)) ?? null

  try {
    switch (cmd) {
      case 'add': {
        const n = name()
        if (!n.ok) return fail(n.msg)
        const role = flag('role')
        if (!isStaffRole(role)) return fail(`bad role "${role ?? ''}": use --role ${STAFF_ROLES.join('|')}`)
        const made = await staff.create(CLI_ACTOR, { username: n.name, role })
        io.out(`Created ${role} (${ROLE_LABELS[role]}) "${made.username}".`)
        io.out(`One-time password (shown once; it must be changed at the first sign-in):`)
        io.out(`  ${made.password}`)
        return 0
      }
      case 'list': {
        const { items } = await staff.list()
        if (!items.length) io.out('No staff accounts. Create one: npm run staff -- add <username> --role owner')
        for (const s of items) {
          const state = s.disabled ? 'disabled' : s.lockedUntil ? `locked until ${s.lockedUntil}` : 'active'
          io.out(`${String(s.id).padStart(4)}  ${s.username.padEnd(24)} ${s.role.padEnd(9)} ${state.padEnd(10)} last sign-in ${s.lastLoginAt ?? 'never'}`)
        }
        return 0
      }
      case 'reset': {
        const n = name()
        if (!n.ok) return fail(n.msg)
        const s = await found(n.name)
        if (!s) return fail(`no staff account "${n.name}"`)
        const { password } = await staff.resetPassword(CLI_ACTOR, s.id)
        io.out(`New one-time password for "${s.username}" (unlocked; it must be changed at the next sign-in):`)
        io.out(`  ${password}`)
        return 0
      }
      case 'disable': {
        const n = name()
        if (!n.ok) return fail(n.msg)
        const s = await found(n.name)
        if (!s) return fail(`no staff account "${n.name}"`)
        await staff.update(CLI_ACTOR, s.id, { disabled: true })
        io.out(`Disabled "${s.username}"; its sessions have ended.`)
        return 0
      }
      default:
        return fail([cmd ? `unknown command "${cmd}"` : 'no command', ...USAGE].join('\n'))
    }
  } catch (err) {
    // The service's refusals (name taken, last owner) carry their own message.
    if (err instanceof AppError) return fail(`${err.code}: ${err.message}`)
    throw err
  }
}
