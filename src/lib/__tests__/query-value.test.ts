import { describe, expect, it } from 'vitest'
import { decodeQueryValue } from '../query-value'

describe('decodeQueryValue', () => {
  it('decodes an encoded value once and leaves a decoded one as it is', () => {
    expect(decodeQueryValue('%2Fpkg-credit%2Frental%2Findex%3Fid%3D5')).toBe('/pkg-credit/rental/index?id=5')
    expect(decodeQueryValue('/pkg-credit/rental/index?id=5')).toBe('/pkg-credit/rental/index?id=5')
    expect(decodeQueryValue('%252F')).toBe('%2F')
    expect(decodeQueryValue(undefined)).toBe('')
  })

  it('answers ifMalformed for a stray %, never throws', () => {
    expect(decodeQueryValue('100%')).toBe('')
    expect(decodeQueryValue('100%', '100%')).toBe('100%')
  })
})
