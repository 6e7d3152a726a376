import crypto from 'node:crypto'
import type { SandboxActivitiesFacet } from '../types'

const DAY_MS = 24 * 3600_000

/** The sandbox playing WeChat's updatable messages: ids valid 24 hours (WeChat's default), updates kept in memory for tests. */
export function sandboxActivities(now: () => Date): SandboxActivitiesFacet {
  const sent: SandboxActivitiesFacet['sent'] = []
  return {
    id: 'sandbox',
    sandbox: true,
    sent,
    createActivityId: async () => ({ activityId: `sandbox-activity-${crypto.randomBytes(8).toString('hex')}`, expiresAt: new Date(now().getTime() + DAY_MS) }),
    update: async (activityId, update) => {
      sent.push({ activityId, update })
    },
  }
}
