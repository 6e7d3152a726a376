/**
 * A small stand-in for @tarojs/taro in unit tests (jsdom). Storage is an in-memory map,
 * navigation is recorded, and `request` is answered by whatever a test installs with
 * `setRequestHandler`. Extend it when a test needs another API; keep it honest (no magic).
 */
type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> }
type RequestResult = { statusCode: number; data: unknown; header?: Record<string, string> }
export type RequestHandler = (options: RequestOptions) => RequestResult | Promise<RequestResult>

const storage = new Map<string, unknown>()
let requestHandler: RequestHandler = () => {
  throw new Error('no request handler installed in this test')
}
export const navigation: { method: string; url: string }[] = []
export const toasts: string[] = []
const routerParams: { params: Record<string, string> } = { params: {} }

export function setRequestHandler(handler: RequestHandler): void {
  requestHandler = handler
}
export function setRouterParams(params: Record<string, string>): void {
  routerParams.params = params
}
export function resetTaroShim(): void {
  storage.clear()
  navigation.length = 0
  toasts.length = 0
  routerParams.params = {}
}

const Taro = {
  async request(options: RequestOptions) {
    return requestHandler(options)
  },
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  navigateTo: async ({ url }: { url: string }) => void navigation.push({ method: 'navigateTo', url }),
  redirectTo: async ({ url }: { url: string }) => void navigation.push({ method: 'redirectTo', url }),
  switchTab: async ({ url }: { url: string }) => void navigation.push({ method: 'switchTab', url }),
  reLaunch: async ({ url }: { url: string }) => void navigation.push({ method: 'reLaunch', url }),
  navigateBack: async () => void navigation.push({ method: 'navigateBack', url: '' }),
  showToast: async ({ title }: { title: string }) => void toasts.push(title),
  showLoading: async () => undefined,
  hideLoading: async () => undefined,
  showModal: async () => ({ confirm: true, cancel: false }),
  setTabBarBadge: async () => undefined,
  removeTabBarBadge: async () => undefined,
  stopPullDownRefresh: async () => undefined,
  pageScrollTo: async () => undefined,
  previewImage: async () => undefined,
  pxTransform: (n: number) => `${n / 2}px`,
  getCurrentInstance: () => ({ router: routerParams }),
  useRouter: () => routerParams,
  useDidShow: () => undefined,
  useDidHide: () => undefined,
  useLoad: () => undefined,
  usePullDownRefresh: () => undefined,
  useReachBottom: () => undefined,
  useShareAppMessage: () => undefined,
  useShareTimeline: () => undefined,
  useAddToFavorites: () => undefined,
  getEnv: () => 'WEB',
  ENV_TYPE: { WEAPP: 'WEAPP', ALIPAY: 'ALIPAY', WEB: 'WEB' },
}

export const {
  useRouter,
  useDidShow,
  useDidHide,
  useLoad,
  usePullDownRefresh,
  useReachBottom,
  useShareAppMessage,
  useShareTimeline,
  useAddToFavorites,
  getCurrentInstance,
} = Taro
export default Taro
