import { describe, expect, it } from 'vitest'
import { route, TAB_PAGES } from '@/routes'
import { backTarget } from '../back-target'

describe('backTarget', () => {
  it('switches to a tab page, dropping its query', () => {
    expect(backTarget(encodeURIComponent(TAB_PAGES.cart))).toEqual({ url: TAB_PAGES.cart, tab: true })
  })
  it('redirects to other pages with their query, encoded or not', () => {
    const checkout = route.checkout({ from: 'cart' })
    expect(backTarget(encodeURIComponent(checkout))).toEqual({ url: checkout, tab: false })
    expect(backTarget(checkout)).toEqual({ url: checkout, tab: false })
  })
  it('falls back to the me tab for nothing or a foreign target', () => {
    expect(backTarget(undefined)).toEqual({ url: TAB_PAGES.me, tab: true })
    expect(backTarget('https://evil.example.com')).toEqual({ url: TAB_PAGES.me, tab: true })
    expect(backTarget('%E0%A4%A')).toEqual({ url: TAB_PAGES.me, tab: true })
  })
})
