import { describe, expect, it } from 'vitest'
import { CODE_PAGES, isCodePage, isSceneId, parseSceneId } from '../sharing'

describe('parseSceneId', () => {
  it('takes a plain id, a URI-encoded one and the `scene=` form of an Alipay query', () => {
    expect(parseSceneId('Ab3dE5gH')).toBe('Ab3dE5gH')
    expect(parseSceneId('scene%3DAb3dE5gH')).toBe('Ab3dE5gH')
    expect(parseSceneId('scene=Ab3dE5gH')).toBe('Ab3dE5gH')
    expect(parseSceneId(encodeURIComponent('scene=00000000'))).toBe('00000000')
  })

  it('answers null for junk: wrong length, other characters, bad escapes, other keys, non-strings', () => {
    for (const raw of ['', 'Ab3dE5g', 'Ab3dE5gHi', 'Ab3d-5gH', 'Ab3d E5g', '%E0%A4%A', 'id=Ab3dE5gH', 'scene=', 'scene=scene=Ab3dE5gH', '中文中文中文中文', '../../..'])
      expect(parseSceneId(raw), raw).toBeNull()
    for (const raw of [undefined, null, 12345678, {}, ['Ab3dE5gH']]) expect(parseSceneId(raw)).toBeNull()
  })

  it('refuses anything over 96 characters before decoding it', () => {
    expect(parseSceneId('%41'.repeat(8))).toBe('AAAAAAAA')
    expect(parseSceneId(`scene=Ab3dE5gH${'&x=1'.repeat(30)}`)).toBeNull()
    expect(parseSceneId('A'.repeat(97))).toBeNull()
    expect(parseSceneId('A'.repeat(10_000))).toBeNull()
  })
})

describe('isSceneId / isCodePage', () => {
  it('scene ids are exactly 8 of [0-9A-Za-z]; code pages are the listed ones, without slash or query', () => {
    expect(isSceneId('Ab3dE5gH')).toBe(true)
    expect(isSceneId('scene=Ab3dE5gH')).toBe(false)
    for (const p of CODE_PAGES) expect(isCodePage(p)).toBe(true)
    for (const p of ['/pages/index/index', 'pages/index/index?x=1', 'pages/admin/index', '', 7]) expect(isCodePage(p)).toBe(false)
  })
})
