import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import type { PlanDelivery } from '@/domain/plans'
import PlanSchedule from '../plan/schedule'

const shipped: PlanDelivery = { n: 1, date: '2026-12-14', status: 'shipped', shippedAt: '2026-12-13T02:00:00.000Z', tracking: { carrier: 'SF', number: 'SF7700112233' }, cutoffAt: '2026-12-12T16:00:00.000Z' }

describe('the plan schedule', () => {
  it("a shipped delivery names its carrier (the server keeps WeChat's code)", () => {
    render(<PlanSchedule deliveries={[shipped]} busy={null} />)
    expect(screen.getByText('顺丰速运 SF7700112233')).toBeTruthy()
    expect(screen.getByText('已发货')).toBeTruthy()
  })
})
