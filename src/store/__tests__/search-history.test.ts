import { beforeEach, describe, expect, it } from 'vitest'
import Taro from '@tarojs/taro'
import { SEARCH_HISTORY_MAX, useSearchHistory } from '@/store/search-history'

beforeEach(() => useSearchHistory.setState({ terms: [] }))

describe('search history', () => {
  it('keeps the newest term first and moves a repeated term to the front', () => {
    const { record } = useSearchHistory.getState()
    record('T恤')
    record('衬衫')
    record('T恤')
    expect(useSearchHistory.getState().terms).toEqual(['T恤', '衬衫'])
  })

  it('trims terms and ignores blank ones', () => {
    const { record } = useSearchHistory.getState()
    record('  帽子 ')
    record('   ')
    record('帽子')
    expect(useSearchHistory.getState().terms).toEqual(['帽子'])
  })

  it(`keeps at most ${SEARCH_HISTORY_MAX} terms, dropping the oldest`, () => {
    for (let i = 1; i <= SEARCH_HISTORY_MAX + 3; i++) useSearchHistory.getState().record(`词${i}`)
    const terms = useSearchHistory.getState().terms
    expect(terms).toHaveLength(SEARCH_HISTORY_MAX)
    expect(terms[0]).toBe(`词${SEARCH_HISTORY_MAX + 3}`)
    expect(terms).not.toContain('词3')
    expect(terms).toContain('词4')
  })

  it('removes one term and clears all', () => {
    const s = useSearchHistory.getState()
    s.record('a')
    s.record('b')
    s.remove('a')
    expect(useSearchHistory.getState().terms).toEqual(['b'])
    useSearchHistory.getState().clear()
    expect(useSearchHistory.getState().terms).toEqual([])
  })

  it('persists to Taro storage and restores from it', async () => {
    useSearchHistory.getState().record('连衣裙')
    const raw = Taro.getStorageSync('duet-search-history') as string
    expect(JSON.parse(raw).state.terms).toEqual(['连衣裙'])
    useSearchHistory.setState({ terms: [] }, false)
    Taro.setStorageSync('duet-search-history', JSON.stringify({ state: { terms: ['卫衣', '外套'] }, version: 0 }))
    await useSearchHistory.persist.rehydrate()
    expect(useSearchHistory.getState().terms).toEqual(['卫衣', '外套'])
  })
})
