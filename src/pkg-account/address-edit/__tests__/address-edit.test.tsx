import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { navigation, setRequestHandler, type RequestHandler } from '../../../../test/shims/taro'
import { useSession } from '@/store/session'
import AddressEditPage from '../index'
import { validateForm, EMPTY_FORM } from '../form'

type Req = Parameters<RequestHandler>[0]
let requests: Req[]

beforeEach(() => {
  requests = []
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
})
afterEach(() => vi.restoreAllMocks())

function type(container: HTMLElement, field: string, value: string) {
  fireEvent.change(container.querySelector(`.field-${field}`)!, { target: { value } })
}

function fill(container: HTMLElement, values: Partial<Record<'name' | 'phone' | 'province' | 'city' | 'district' | 'detail', string>>) {
  for (const [k, v] of Object.entries(values)) type(container, k, v)
}

const GOOD = { name: '张三', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '西溪路 556 号' }

describe('validateForm', () => {
  it('names every problem of an empty form', () => {
    expect(validateForm(EMPTY_FORM)).toEqual({
      name: '请填写收货人',
      phone: '请输入 11 位手机号',
      region: '请选择省、市、区',
      detail: '请填写详细地址（至少 4 个字）',
    })
  })
})

describe('address edit page', () => {
  it('shows the rule messages and sends nothing while the form is wrong', async () => {
    setRequestHandler((r) => {
      requests.push(r)
      return { statusCode: 201, data: {} }
    })
    const { container } = render(<AddressEditPage />)
    fill(container, { ...GOOD, phone: '12345' })
    fireEvent.click(screen.getByText('保存'))
    expect(await screen.findByText('请输入 11 位手机号')).toBeTruthy()
    expect(screen.queryByText('请填写收货人')).toBeNull()
    expect(requests).toHaveLength(0)
    // Typing in the field clears its message.
    type(container, 'phone', '13800138000')
    expect(screen.queryByText('请输入 11 位手机号')).toBeNull()
  })

  it('saves a valid address and goes back', async () => {
    setRequestHandler((r) => {
      requests.push(r)
      return { statusCode: 201, data: { id: 5 } }
    })
    const { container } = render(<AddressEditPage />)
    fill(container, GOOD)
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(navigation).toContainEqual({ method: 'navigateBack', url: '' }))
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ method: 'POST', data: { name: '张三', phone: '13800138000', region: ['浙江省', '杭州市', '西湖区'], detail: '西溪路 556 号', isDefault: false } })
  })

  it('shows a server refusal and keeps everything typed', async () => {
    setRequestHandler(() => ({ statusCode: 409, data: { code: 'TOO_MANY', message: '最多保存 20 个地址' } }))
    const { container } = render(<AddressEditPage />)
    fill(container, GOOD)
    fireEvent.click(screen.getByText('保存'))
    expect(await screen.findByText('最多保存 20 个地址')).toBeTruthy()
    expect((container.querySelector('.field-name') as HTMLInputElement).value).toBe('张三')
    expect((container.querySelector('.field-detail') as HTMLInputElement).value).toBe('西溪路 556 号')
    expect(navigation).toHaveLength(0)
  })
})
