import type { LoginAdapter } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const loginAdapter: LoginAdapter = {
  kind: 'platform',
  buttonText: '登录',
  login: async () => ({ status: 'unavailable', reason: '当前环境不支持登录' }),
} satisfies LoginAdapter
