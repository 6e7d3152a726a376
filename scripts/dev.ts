import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

/**
 * `npm run dev`: the API (tsx, on DUET_API_PORT, default 3000) and Taro's H5 dev server
 * (`taro build --type h5 --watch`, on DUET_DEV_PORT, default 10086) side by side. The dev
 * server proxies /api to the API (config/dev.ts), so the browser sees one origin.
 * Ctrl-C stops both; if either dies, the other is stopped too.
 */
const ROOT = path.resolve(__dirname, '..')
const apiPort = process.env.DUET_API_PORT || '3000'
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)

const children: ChildProcess[] = []
function run(name: string, cmd: string, args: string[], env: Record<string, string>): void {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' })
  child.on('exit', (code) => {
    console.log(`[dev] ${name} exited (${code ?? 'signal'}); stopping`)
    stop(code ?? 1)
  })
  children.push(child)
}

let stopping = false
function stop(code: number): void {
  if (stopping) return
  stopping = true
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM')
  setTimeout(() => process.exit(code), 500).unref()
}

process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))

run('api', bin('tsx'), ['watch', '--clear-screen=false', 'server/server.ts'], { PORT: apiPort })
run('h5', bin('taro'), ['build', '--type', 'h5', '--watch'], { NODE_ENV: 'development', DUET_API_PORT: apiPort })
console.log(`[dev] API on http://127.0.0.1:${apiPort}/api, H5 dev server on http://127.0.0.1:${process.env.DUET_DEV_PORT || 10086}/ (proxying /api)`)
