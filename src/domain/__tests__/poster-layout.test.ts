import { describe, expect, it } from 'vitest'
import { estimateWidth, POSTER_HEIGHT, POSTER_WIDTH, posterLayout, wrapText, type PosterStep } from '../poster-layout'

const texts = (steps: PosterStep[]) => steps.filter((s): s is Extract<PosterStep, { kind: 'text' }> => s.kind === 'text').map((s) => s.text)

describe('wrapText', () => {
  it('keeps a short title on one line', () => {
    expect(wrapText('纯棉T恤', 300, 28, 2)).toEqual(['纯棉T恤'])
  })

  it('breaks by measured width and ends the last line with … when text is left over', () => {
    const lines = wrapText('一二三四五六七八九十一二三四五六七八九十一二三四五', 280, 28, 2)
    expect(lines).toHaveLength(2)
    expect(lines[0]).toBe('一二三四五六七八九十')
    expect(lines[1].endsWith('…')).toBe(true)
    for (const l of lines) expect(estimateWidth(l, 28)).toBeLessThanOrEqual(280)
  })

  it('uses the measure it is given (the canvas’s measureText)', () => {
    expect(wrapText('abcdef', 30, 10, 3, (t) => t.length * 10)).toEqual(['abc', 'def'])
  })

  it('an over-wide single character still gets a line of its own', () => {
    expect(wrapText('宽', 5, 28, 1)).toEqual(['宽'])
  })
})

describe('posterLayout', () => {
  const product = { title: '纯棉T恤 夏季新款 宽松百搭 男女同款', price: 1990, image: '/tmp/p.jpg' }

  it('draws the product image, the price in yuan, the title, the code and the sharer', () => {
    const steps = posterLayout({ shopName: 'Duet 商城', nickname: '小红', product, code: '/tmp/code.png' })
    expect(steps[0]).toEqual({ kind: 'rect', x: 0, y: 0, w: POSTER_WIDTH, h: POSTER_HEIGHT, color: '#ffffff' })
    expect(steps.filter((s) => s.kind === 'image').map((s) => (s as { src: string }).src)).toEqual(['/tmp/p.jpg', '/tmp/code.png'])
    expect(texts(steps)).toEqual(expect.arrayContaining(['Duet 商城', '¥19.90', '小红 推荐', '长按识别小程序码查看']))
  })

  it('keeps everything inside the poster and the title clear of the code', () => {
    const steps = posterLayout({ shopName: 'Duet 商城', nickname: '一个名字特别特别特别特别长的推广员', product: { ...product, title: '很长'.repeat(40) }, code: '/tmp/code.png' })
    const code = steps.find((s) => s.kind === 'image' && s.src === '/tmp/code.png') as Extract<PosterStep, { kind: 'image' }>
    for (const s of steps) {
      if (s.kind === 'text') {
        expect(s.x + estimateWidth(s.text, s.size)).toBeLessThanOrEqual(s.y < code.y - 30 ? POSTER_WIDTH : code.x)
        expect(s.y).toBeLessThanOrEqual(POSTER_HEIGHT)
      }
    }
  })

  it('without a product: the shop poster; without a code or image it still lays out', () => {
    const steps = posterLayout({ shopName: 'Duet 商城', nickname: null, product: null, code: null })
    expect(steps.some((s) => s.kind === 'image')).toBe(false)
    expect(texts(steps)).toContain('好友推荐')
    const noImage = posterLayout({ shopName: 'Duet 商城', nickname: null, product: { ...product, image: null }, code: null })
    expect(noImage.filter((s) => s.kind === 'rect')).toHaveLength(2)
  })
})
