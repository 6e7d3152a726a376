import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT, listFiles } from './dist'

/**
 * WeChat's own template compilers (wcc for WXML, wcsc for WXSS) from miniprogram-compiler,
 * called directly so their exit status and stderr reach the test unchanged (the package's
 * JS wrapper returns an Error object from wxssToJs instead of throwing).
 */
const BIN_DIR = path.join(ROOT, 'node_modules/miniprogram-compiler/bin/linux')

function binary(name: 'wcc' | 'wcsc'): string {
  if (process.platform !== 'linux') throw new Error(`the template check runs the Linux ${name} binary; this is ${process.platform}`)
  const file = path.join(BIN_DIR, name)
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: is miniprogram-compiler installed?`)
  // npm 11 here does not run install scripts and the tarball ships the binaries without +x.
  const mode = fs.statSync(file).mode
  if ((mode & 0o111) !== 0o111) fs.chmodSync(file, mode | 0o755)
  return file
}

export interface CompileResult {
  ok: boolean
  status: number | null
  stderr: string
  outputBytes: number
  files: string[]
}

/** The component table wcc wants: "<count> <page.wxml> <n> <names...> ...". */
function componentArgs(root: string, wxml: string[]): string {
  const parts: (string | number)[] = []
  let count = 0
  for (const file of wxml) {
    const json = path.join(root, file.replace(/\.wxml$/, '.json'))
    if (!fs.existsSync(json)) continue
    const using = (JSON.parse(fs.readFileSync(json, 'utf8')) as { usingComponents?: Record<string, string> }).usingComponents
    if (!using || !Object.keys(using).length) continue
    parts.push(file, Object.keys(using).length, ...Object.keys(using))
    count++
  }
  return [count, ...parts].join(' ')
}

export function compileWxml(root: string, files = listFiles(root, (f) => f.endsWith('.wxml'))): CompileResult {
  const wxs = listFiles(root, (f) => f.endsWith('.wxs'))
  const res = spawnSync(binary('wcc'), ['-d', '-cc', componentArgs(root, files), ...files, ...wxs, '-gn', '$gwx'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (res.error) throw res.error
  return { ok: res.status === 0, status: res.status, stderr: res.stderr.toString(), outputBytes: res.stdout.length, files }
}

export function compileWxss(root: string, files = listFiles(root, (f) => f.endsWith('.wxss'))): CompileResult {
  const res = spawnSync(binary('wcsc'), ['-db', '-pc', '0', ...files], { cwd: root, maxBuffer: 64 * 1024 * 1024 })
  if (res.error) throw res.error
  return { ok: res.status === 0, status: res.status, stderr: res.stderr.toString(), outputBytes: res.stdout.length, files }
}
