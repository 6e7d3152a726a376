import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// Taro's useShareAppMessage only answers a share (the ··· menu or an open-type="share" button)
// when the page's config sets enableShareAppMessage: without it WeChat shares the bare page.
// The promoter centre's 分享店铺给好友 went out that way, without the promoter's scene.

const SRC = path.resolve(__dirname, '../..')

function pageSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === '__tests__' ? [] : pageSources(full)
    return /^index\.tsx$/.test(e.name) && fs.existsSync(path.join(dir, 'index.config.ts')) ? [full] : []
  })
}

describe('pages that answer shares', () => {
  const sharing = pageSources(SRC).filter((f) => /useShareAppMessage\(/.test(fs.readFileSync(f, 'utf8')))

  it('are found', () => {
    expect(sharing.length).toBeGreaterThan(3)
  })

  it.each(sharing.map((f) => [path.relative(SRC, path.dirname(f))]))('%s enables enableShareAppMessage in its config', (dir) => {
    const config = fs.readFileSync(path.join(SRC, dir, 'index.config.ts'), 'utf8')
    expect(config).toMatch(/enableShareAppMessage:\s*true/)
  })
})
