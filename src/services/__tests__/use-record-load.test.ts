import { describe, expect, it, vi } from 'vitest'
import { act, renderHook } from '@testing-library/react'
import { ApiError } from '@/services/http'
import { useRecordLoad } from '@/services/use-record-load'

describe('useRecordLoad', () => {
  it('answers a 404 for a malformed id without fetching', async () => {
    const fetch = vi.fn(async (id: number) => id)
    const onLoad = vi.fn()
    const { result } = renderHook(() => useRecordLoad(Number('x'), '订单不存在', fetch, onLoad))
    expect(result.current.status).toBe('loading')
    await act(() => result.current.load())
    expect(fetch).not.toHaveBeenCalled()
    expect(result.current.status).toBe('error')
    expect(result.current.error).toBeInstanceOf(ApiError)
    expect((result.current.error as ApiError).message).toBe('订单不存在')
  })

  it('hands the answer to onLoad, then is ready; a failure is shown', async () => {
    const onLoad = vi.fn()
    let fail = false
    const fetch = vi.fn(async (id: number) => {
      if (fail) throw new Error('offline')
      return { id }
    })
    const { result } = renderHook(() => useRecordLoad(7, '不存在', fetch, onLoad))
    await act(() => result.current.load())
    expect(fetch).toHaveBeenCalledWith(7)
    expect(onLoad).toHaveBeenCalledWith({ id: 7 })
    expect(result.current.status).toBe('ready')
    fail = true
    await act(() => result.current.load())
    expect(result.current.status).toBe('error')
    expect((result.current.error as Error).message).toBe('offline')
  })
})
