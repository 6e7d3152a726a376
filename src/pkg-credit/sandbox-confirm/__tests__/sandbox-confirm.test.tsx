import { beforeEach, describe, expect, it } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, setRouterParams, type RequestHandler } from '../../../../test/shims/taro'
import { TAB_PAGES } from '@/routes'
import { useSession } from '@/store/session'
import SandboxConfirmPage from '../index'
import { safeBack } from '../use-sandbox-confirm'

let requests: Parameters<RequestHandler>[0][]

function server(status = 200) {
  requests = []
  setRequestHandler((r) => {
    requests.push(r)
    if (r.method === 'POST' && r.url.endsWith('/api/sandbox/credit/RT1/decide')) return status === 200 ? { statusCode: 200, data: { outOrderNo: 'RT1', decision: 'full', state: 'confirmed' } } : { statusCode: 400, data: { code: 'BAD_INPUT', message: '页面已失效' } }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
  })
}

beforeEach(() => {
  useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 1, nickname: 'a', avatar: null, platform: 'weapp' } })
})

describe('in-app sandbox credit confirm', () => {
  it('rental: 全额免押 / 部分免押 / 不免押 / 取消; a decision goes with the ticket, then the rental page opens', async () => {
    server()
    setRouterParams({ out: 'RT1', t: 'tk', kind: 'rental', amount: '3000', back: encodeURIComponent('/pkg-credit/rental/index?id=7') })
    render(<SandboxConfirmPage />)
    for (const label of ['全额免押', '部分免押', '不免押', '取消']) expect(screen.getByText(label)).toBeTruthy()
    fireEvent.click(screen.getByText('部分免押'))
    await waitFor(() => expect(navigation.at(-1)).toEqual({ method: 'redirectTo', url: '/pkg-credit/rental/index?id=7' }))
    expect(requests[0].data).toEqual({ decision: 'partial', t: 'tk' })
  })

  it('membership / pay after use: 同意 / 拒绝 / 取消; a refused ticket shows the server message and stays', async () => {
    server(400)
    setRouterParams({ out: 'RT1', t: 'bad', kind: 'membership', amount: '990', back: '/pkg-credit/membership/index' })
    render(<SandboxConfirmPage />)
    expect(screen.queryByText('部分免押')).toBeNull()
    fireEvent.click(screen.getByText('同意'))
    await screen.findByText('页面已失效')
    expect(navigation).toHaveLength(0)
  })

  it('goes back only to our own pages', () => {
    expect(safeBack('/pkg-order/order-detail/index?id=3')).toBe('/pkg-order/order-detail/index?id=3')
    for (const bad of [undefined, 'https://evil.example/', '//evil.example', '/pkg-credit/rental/index?id=<x>', '%E0%A4%A']) expect(safeBack(bad)).toBe(TAB_PAGES.me)
  })
})
