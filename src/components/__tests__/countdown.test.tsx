import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, render } from '@testing-library/react'
import Countdown from '@/components/countdown'
import { countdownText } from '@/components/countdown/countdown-text'

// The page's show/hide hooks, fired by the test.
const page = vi.hoisted(() => ({ show: [] as (() => void)[], hide: [] as (() => void)[] }))
vi.mock('@tarojs/taro', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../../test/shims/taro')>()
  const useDidShow = (cb: () => void) => void page.show.push(cb)
  const useDidHide = (cb: () => void) => void page.hide.push(cb)
  return { ...mod, default: { ...mod.default, useDidShow, useDidHide }, useDidShow, useDidHide }
})

const START = new Date('2026-11-24T00:00:00.000Z').getTime()
const time = (c: HTMLElement) => c.querySelector('.countdown__time')!.textContent

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(START)
  page.show.length = 0
  page.hide.length = 0
})
afterEach(() => vi.useRealTimers())

describe('countdownText', () => {
  it('shows days only when there are any, and never goes below zero', () => {
    expect(countdownText(((2 * 24 + 3) * 3600 + 12 * 60 + 45) * 1000)).toBe('2天 03:12:45')
    expect(countdownText(59_999)).toBe('00:00:59')
    expect(countdownText(-5000)).toBe('00:00:00')
  })
})

describe('Countdown', () => {
  it('ticks each second and tells the page once when the offer ends', () => {
    const onEnd = vi.fn()
    const { container } = render(<Countdown endsAt={START + ((2 * 24 + 3) * 3600 + 12 * 60 + 45) * 1000} onEnd={onEnd} />)
    expect(container.textContent).toBe('距结束2天 03:12:45')
    act(() => void vi.advanceTimersByTime(1000))
    expect(time(container)).toBe('2天 03:12:44')
    act(() => void vi.advanceTimersByTime(5000))
    expect(time(container)).toBe('2天 03:12:39')
    expect(onEnd).not.toHaveBeenCalled()
  })

  it('stops at zero, calls onEnd once and leaves no timer behind', () => {
    const onEnd = vi.fn()
    const { container } = render(<Countdown endsAt={START + 3000} onEnd={onEnd} />)
    act(() => void vi.advanceTimersByTime(2000))
    expect(time(container)).toBe('00:00:01')
    act(() => void vi.advanceTimersByTime(5000))
    expect(time(container)).toBe('00:00:00')
    expect(onEnd).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('clears its timer on unmount', () => {
    const { unmount } = render(<Countdown endsAt={START + 60_000} />)
    expect(vi.getTimerCount()).toBe(1)
    unmount()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('pauses while the page is hidden and shows the real time left when it comes back', () => {
    const { container } = render(<Countdown endsAt={START + 60_000} />)
    act(() => page.hide.at(-1)!())
    expect(vi.getTimerCount()).toBe(0)
    act(() => void vi.advanceTimersByTime(10_000))
    expect(time(container)).toBe('00:01:00')
    act(() => page.show.at(-1)!())
    expect(time(container)).toBe('00:00:50')
    expect(vi.getTimerCount()).toBe(1)
  })
})
