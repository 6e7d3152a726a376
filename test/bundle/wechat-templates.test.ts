import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listFiles, requireDist } from '../helpers/dist'
import { compileWxml, compileWxss } from '../helpers/wechat-compiler'

// dist/weapp's templates and styles must pass WeChat's own compilers, as the IDE and the
// upload would run them; any error fails here instead of in the developer tools.
describe('WeChat template compilers on dist/weapp', () => {
  let root = ''
  beforeAll(() => {
    root = requireDist('weapp')
  })

  it('compiles every WXML with wcc', () => {
    const res = compileWxml(root)
    const pages = (JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as { pages: string[] }).pages
    // The check must cover the pages, not an empty list.
    for (const page of pages) expect(res.files).toContain(`${page}.wxml`)
    expect(res.stderr, res.stderr).not.toMatch(/error/i)
    expect(res.ok, `wcc exited ${res.status}: ${res.stderr}`).toBe(true)
    expect(res.outputBytes).toBeGreaterThan(1000)
  })

  it('compiles every WXSS with wcsc', () => {
    const files = listFiles(root, (f) => f.endsWith('.wxss'))
    expect(files).toContain('app.wxss')
    const res = compileWxss(root, files)
    expect(res.ok, `wcsc exited ${res.status}: ${res.stderr}`).toBe(true)
    expect(res.stderr, res.stderr).not.toMatch(/ERR|error/)
  })
})

// The check above is only worth something if the compilers do refuse bad input.
describe('the template check can fail', () => {
  let dir = ''
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duet-wcc-'))
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('wcc rejects a WXML with a mismatched end tag', () => {
    fs.writeFileSync(path.join(dir, 'good.wxml'), '<view class="a"><text>{{title}}</text></view>\n')
    expect(compileWxml(dir, ['good.wxml']).ok).toBe(true)
    fs.writeFileSync(path.join(dir, 'bad.wxml'), '<view class="a"><text>{{title}}</view>\n')
    const res = compileWxml(dir, ['bad.wxml'])
    expect(res.ok).toBe(false)
    expect(res.stderr).toMatch(/bad\.wxml.*end-tag/)
  })

  it('wcsc rejects a broken WXSS', () => {
    fs.writeFileSync(path.join(dir, 'good.wxss'), '.a { color: red; }\n')
    expect(compileWxss(dir, ['good.wxss']).ok).toBe(true)
    fs.writeFileSync(path.join(dir, 'bad.wxss'), '.a { color: red;\n .b {')
    const res = compileWxss(dir, ['bad.wxss'])
    expect(res.ok).toBe(false)
    expect(res.stderr).toMatch(/bad\.wxss/)
  })
})
