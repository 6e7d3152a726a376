import { describe, expect, it } from 'vitest'
import { parseStoreId } from '../chosen-store'

describe('parseStoreId', () => {
  it('a positive integer id, as a number or digits; anything else null', () => {
    expect(parseStoreId('2')).toBe(2)
    expect(parseStoreId(' 12 ')).toBe(12)
    expect(parseStoreId(7)).toBe(7)
    for (const bad of ['0', '-1', '2a', '', null, undefined, 1.5, '99999999999']) expect(parseStoreId(bad)).toBeNull()
  })
})
