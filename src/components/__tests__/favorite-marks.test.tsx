import { beforeEach, describe, expect, it } from 'vitest'
import { render, waitFor } from '@testing-library/react'
import { resetTaroShim, setRequestHandler } from '../../../test/shims/taro'
import ProductGrid from '@/components/product-grid'
import type { ProductSummary } from '@/domain/contract'
import { useSession } from '@/store/session'

const product = (id: number) => ({ id, title: `商品${id}`, image: `/api/images/${id}.jpg`, price: 100, stock: 3, sales: 1, categoryId: 1 }) as unknown as ProductSummary
const checks: string[] = []

beforeEach(() => {
  resetTaroShim()
  checks.length = 0
  useSession.getState().signOut()
  setRequestHandler(({ url }) => {
    checks.push(url)
    return { statusCode: 200, data: { favorited: [2] } }
  })
})

describe('favorite marks in lists', () => {
  it('marks the favorited products of a list with one check', async () => {
    useSession.getState().signIn({ token: 't', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user: { id: 1, nickname: 'a', avatar: null, platform: 'h5' } } as never)
    const { container } = render(<ProductGrid products={[product(1), product(2), product(3)]} onOpen={() => undefined} />)
    await waitFor(() => expect(container.querySelectorAll('.product-card__favorite')).toHaveLength(1))
    expect(checks).toHaveLength(1)
    expect(decodeURIComponent(checks[0])).toContain('/api/favorites/check?ids=1,2,3')
  })

  it('asks nothing for a guest', async () => {
    const { container } = render(<ProductGrid products={[product(1)]} onOpen={() => undefined} />)
    await new Promise((r) => setTimeout(r, 20))
    expect(checks).toEqual([])
    expect(container.querySelector('.product-card__favorite')).toBeNull()
  })
})
