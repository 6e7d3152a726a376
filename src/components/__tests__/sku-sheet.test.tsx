import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import SkuSheet from '@/components/sku-sheet'
import type { ProductDetail } from '@/domain/contract'
import { ApiError } from '@/services/http'
import { toasts } from '../../../test/shims/taro'

// 黑/M and 白/L exist with stock, 白/M is sold out, 黑/L does not exist.
const product: ProductDetail = {
  id: 1,
  title: '纯棉T恤',
  subtitle: '',
  categoryId: 1,
  price: 5900,
  originalPrice: null,
  image: 'https://img/x.jpg',
  images: ['https://img/x.jpg'],
  sales: 0,
  stock: 7,
  offer: null,
  description: '',
  specGroups: [
    { name: '颜色', values: ['黑', '白'] },
    { name: '尺码', values: ['M', 'L'] },
  ],
  skus: [
    { id: 11, specs: { 颜色: '黑', 尺码: 'M' }, price: 5900, stock: 4, image: null },
    { id: 12, specs: { 颜色: '白', 尺码: 'M' }, price: 6100, stock: 0, image: null },
    { id: 13, specs: { 颜色: '白', 尺码: 'L' }, price: 6900, stock: 3, image: 'https://img/white.jpg' },
  ],
}

const value = (text: string) => screen.getAllByText(text).find((el) => el.classList.contains('sku-value'))!
const confirm = () => document.querySelector('.sku-confirm') as HTMLButtonElement

function setup(onConfirm = vi.fn()) {
  const utils = render(<SkuSheet open product={product} mode="cart" onClose={() => undefined} onConfirm={onConfirm} />)
  return { ...utils, onConfirm }
}

describe('SkuSheet', () => {
  it('asks for the missing specs until the choice is complete', () => {
    const { container, onConfirm } = setup()
    expect(container.textContent).toContain('请选择 颜色 尺码')
    fireEvent.click(value('黑'))
    expect(container.textContent).toContain('请选择 尺码')
    fireEvent.click(confirm())
    expect(onConfirm).not.toHaveBeenCalled()
    expect(toasts).toContain('请选择 尺码')
  })

  it('disables values whose every SKU is sold out or missing, and ignores taps on them', () => {
    const { container } = setup()
    fireEvent.click(value('白'))
    expect(value('M').getAttribute('aria-disabled')).toBe('true') // 白/M sold out
    expect(value('L').getAttribute('aria-disabled')).toBeNull()
    fireEvent.click(value('M'))
    expect(value('M').classList.contains('is-active')).toBe(false)
    expect(container.textContent).toContain('请选择 尺码')
    fireEvent.click(value('白')) // deselect
    fireEvent.click(value('L'))
    expect(value('黑').getAttribute('aria-disabled')).toBe('true') // 黑/L does not exist
  })

  it('shows the chosen SKU price and stock and confirms that SKU', async () => {
    const { container, onConfirm } = setup()
    fireEvent.click(value('白'))
    fireEvent.click(value('L'))
    expect(container.textContent).toContain('¥69.00')
    expect(container.textContent).toContain('库存 3 件')
    expect(container.textContent).toContain('已选 白 L')
    expect(container.querySelector('.sku-sheet__cover')?.getAttribute('src')).toBe('https://img/white.jpg')
    fireEvent.click(confirm())
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1))
    expect(onConfirm.mock.calls[0][0].id).toBe(13)
    expect(onConfirm.mock.calls[0][1]).toBe(1)
  })

  it('bounds the quantity by the chosen SKU stock, and re-clamps when a SKU with less stock is chosen', async () => {
    const { container, onConfirm } = setup()
    fireEvent.click(value('黑'))
    fireEvent.click(value('M'))
    const plus = screen.getByLabelText('增加')
    for (let i = 0; i < 6; i++) fireEvent.click(plus)
    expect(container.querySelector('.quantity-stepper__value')?.textContent).toBe('4')
    expect(plus.getAttribute('aria-disabled')).toBe('true')
    // Switch to 白 L (stock 3): the quantity follows the smaller stock.
    fireEvent.click(value('M'))
    fireEvent.click(value('白'))
    fireEvent.click(value('L'))
    expect(container.querySelector('.quantity-stepper__value')?.textContent).toBe('3')
    fireEvent.click(confirm())
    await waitFor(() => expect(onConfirm).toHaveBeenCalledWith(expect.objectContaining({ id: 13 }), 3))
  })

  it('keeps the sheet usable and shows the message when confirming fails', async () => {
    const onConfirm = vi.fn().mockRejectedValueOnce(new ApiError(409, 'SOLD_OUT', '库存不足'))
    setup(onConfirm)
    fireEvent.click(value('黑'))
    fireEvent.click(value('M'))
    fireEvent.click(confirm())
    await waitFor(() => expect(toasts).toContain('库存不足'))
    await waitFor(() => expect(confirm().disabled).toBe(false))
  })

  it('preselects the only SKU of a product without choices', () => {
    const single: ProductDetail = { ...product, specGroups: [], skus: [{ id: 99, specs: {}, price: 1000, stock: 2, image: null }], stock: 2 }
    const { container } = render(<SkuSheet open product={single} mode="buy" onClose={() => undefined} onConfirm={vi.fn()} />)
    expect(container.textContent).toContain('库存 2 件')
    expect(confirm().textContent).toBe('立即购买')
  })
})
