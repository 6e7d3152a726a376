import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import QuantityStepper from '@/components/quantity-stepper'

const minus = () => screen.getByLabelText('减少')
const plus = () => screen.getByLabelText('增加')

describe('QuantityStepper', () => {
  it('steps up and down inside the bounds', () => {
    const onChange = vi.fn()
    render(<QuantityStepper value={2} max={5} onChange={onChange} />)
    fireEvent.click(plus())
    fireEvent.click(minus())
    expect(onChange.mock.calls).toEqual([[3], [1]])
  })

  it('disables minus at the minimum and plus at the maximum', () => {
    const onChange = vi.fn()
    const { rerender } = render(<QuantityStepper value={1} max={3} onChange={onChange} />)
    expect(minus().getAttribute('aria-disabled')).toBe('true')
    expect(plus().getAttribute('aria-disabled')).toBeNull()
    fireEvent.click(minus())
    rerender(<QuantityStepper value={3} max={3} onChange={onChange} />)
    expect(plus().getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(plus())
    expect(onChange).not.toHaveBeenCalled()
  })

  it('does nothing while disabled', () => {
    const onChange = vi.fn()
    render(<QuantityStepper value={2} max={5} disabled onChange={onChange} />)
    fireEvent.click(plus())
    fireEvent.click(minus())
    expect(onChange).not.toHaveBeenCalled()
  })

  it('brings a value above max back to max', () => {
    const onChange = vi.fn()
    render(<QuantityStepper value={8} max={5} onChange={onChange} />)
    fireEvent.click(minus())
    expect(onChange).toHaveBeenCalledWith(5)
  })
})
