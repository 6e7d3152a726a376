import type { DepositCover } from '@/domain/credit'
import type { ProductDetail, Rental } from '@/domain/contract'
import { useSession } from '@/store/session'

export const TERMS = { deposit: 200000, dailyRate: 3000, minDays: 1, maxDays: 30 }

export const CAMERA: ProductDetail = {
  id: 21,
  title: '微单相机',
  subtitle: '',
  categoryId: 9,
  price: 3000,
  originalPrice: null,
  image: '/api/images/camera.jpg',
  sales: 0,
  stock: 3,
  offer: null,
  images: [],
  description: '',
  specGroups: [],
  skus: [{ id: 210, specs: {}, price: 3000, stock: 3, image: null }],
  rental: TERMS,
}

export function rental(over: Partial<Rental> = {}): Rental {
  return {
    id: 5,
    rentalNo: 'R20261124001',
    state: 'created',
    item: { productId: 21, skuId: 210, title: '微单相机', image: 'http://x/camera.jpg', specs: {} },
    terms: TERMS,
    days: 3,
    cover: null,
    startedAt: null,
    dueAt: null,
    returnedAt: null,
    returnRequestedAt: null,
    settlement: null,
    ledger: [],
    createdAt: '2026-11-24T01:00:00.000Z',
    ...over,
  }
}

export function cover(waived: number): DepositCover {
  return { deposit: TERMS.deposit, waived, frozen: TERMS.deposit - waived }
}

export function login(platform: 'weapp' | 'alipay' | 'h5' = 'alipay') {
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform } })
}

export const H5_CONFIRM = { platform: 'h5', confirmUrl: '/api/sandbox/credit/R-1' } as const
