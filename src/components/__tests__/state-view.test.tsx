import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import StateView from '@/components/state-view'
import { ApiError } from '@/services/http'

describe('StateView', () => {
  it('shows the error message and a retry that calls onRetry', () => {
    const onRetry = vi.fn()
    render(<StateView status="error" error={new ApiError(0, 'NETWORK', '网络不给力，请稍后重试')} onRetry={onRetry} />)
    expect(screen.getByText('网络不给力，请稍后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('shows a generic message for errors that are not ApiErrors', () => {
    render(<StateView status="error" error={new TypeError('x is undefined')} />)
    expect(screen.getByText('出了点问题，请稍后重试')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })

  it('shows the children only when ready', () => {
    const { rerender, container } = render(
      <StateView status="loading">
        <span>商品列表</span>
      </StateView>,
    )
    expect(screen.queryByText('商品列表')).toBeNull()
    expect(container.textContent).toContain('加载中')
    rerender(
      <StateView status="ready">
        <span>商品列表</span>
      </StateView>,
    )
    expect(screen.getByText('商品列表')).toBeTruthy()
  })

  it('shows the empty text and its action', () => {
    const onClick = vi.fn()
    render(<StateView status="empty" emptyText="购物车是空的" emptyAction={{ label: '去逛逛', onClick }} />)
    expect(screen.getByText('购物车是空的')).toBeTruthy()
    fireEvent.click(screen.getByText('去逛逛'))
    expect(onClick).toHaveBeenCalled()
  })
})
