import fs from 'node:fs'

/**
 * CPU accounting for the benches, from /proc (Linux): which process spent the CPU a request
 * took, and how much of the machine other programs used meanwhile (a shared 2-core machine).
 */

/** utime + stime of a process in clock ticks (1/100 s), and its parent; null when it is gone. */
export function procStat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) }
  } catch {
    return null
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
  } catch {
    return ''
  }
}

export interface CpuSnapshot {
  server: number
  postgres: number | null
  bench: NodeJS.CpuUsage
  /** The whole machine, ms busy (all cores) and ms elapsed (all cores), from /proc/stat. */
  machine: { busy: number; total: number }
}

/** Busy and total CPU ms of the machine (all cores) so far. */
export function machineCpu(): { busy: number; total: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number)
  const total = f.reduce((a, b) => a + b, 0)
  return { busy: (total - f[3] - f[4]) * 10, total: total * 10 }
}

/**
 * Other agents' and programs' CPU spoil a figure on a shared machine: how busy the machine is
 * for a moment (0..1), and (BENCH_QUIET_WAIT=seconds) waiting up to that long for it to calm down.
 */
export async function machineBusy(ms = 1000): Promise<number> {
  if (!fs.existsSync('/proc/stat')) return 0
  const a = machineCpu()
  await new Promise((r) => setTimeout(r, ms))
  const b = machineCpu()
  return Math.round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * 100) / 100
}

export async function waitQuiet(): Promise<number> {
  const until = Date.now() + Number(process.env.BENCH_QUIET_WAIT || 0) * 1000
  let busy = await machineBusy()
  while (busy > 0.2 && Date.now() < until) busy = await machineBusy(2000)
  return busy
}

/**
 * CPU used so far (ms) by the server (its process tree: tsx and the node it starts) and by
 * PostgreSQL (the postmaster, its helpers and the backends of the bench's database, not
 * another database's): where a request's time goes on a 2-core machine. Linux only.
 */
export function cpuSnapshot(serverPid: number | undefined, pgDatabase: string | null): CpuSnapshot | null {
  if (serverPid === undefined || !fs.existsSync('/proc/self/stat')) return null
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    const st = procStat(Number(d))
    if (st) stats.set(Number(d), st)
  }
  const tree = new Set([serverPid])
  for (let grew = true; grew; ) {
    grew = false
    for (const [pid, st] of stats) {
      if (tree.has(pid) || !tree.has(st.ppid)) continue
      tree.add(pid)
      grew = true
    }
  }
  let server = 0
  let postgres = 0
  for (const [pid, st] of stats) {
    if (tree.has(pid)) server += st.ticks
    else if (pgDatabase) {
      const cmd = cmdline(pid)
      const backend = /^postgres: [^:]+: (\S+) (\S+) /.exec(cmd)
      if (/\/bin\/postgres /.test(cmd) || (cmd.startsWith('postgres: ') && (!backend || backend[2] === pgDatabase))) postgres += st.ticks
    }
  }
  return { server: server * 10, postgres: pgDatabase ? postgres * 10 : null, bench: process.cpuUsage(), machine: machineCpu() }
}

export interface CpuPerRequest {
  /** ms of CPU per request: the Node server, PostgreSQL, and the bench itself (autocannon). */
  server: number
  postgres: number | null
  bench: number
  /** Share of the machine (all cores) other processes used meanwhile: above ~0.1 the figure is low. */
  othersShare: number
}

export function cpuPerRequest(a: CpuSnapshot | null, b: CpuSnapshot | null, requests: number): CpuPerRequest | null {
  if (!a || !b || !requests) return null
  const round = (ms: number) => Math.round((ms / requests) * 1000) / 1000
  const bench = process.cpuUsage(a.bench)
  const ours = b.server - a.server + (b.postgres ?? 0) - (a.postgres ?? 0) + (bench.user + bench.system) / 1000
  const others = Math.max(0, b.machine.busy - a.machine.busy - ours) / Math.max(1, b.machine.total - a.machine.total)
  return {
    server: round(b.server - a.server),
    postgres: a.postgres !== null && b.postgres !== null ? round(b.postgres - a.postgres) : null,
    bench: round((bench.user + bench.system) / 1000),
    othersShare: Math.round(others * 100) / 100,
  }
}

