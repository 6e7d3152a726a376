export default definePageConfig({
  navigationBarTitleText: '商品详情',
  // The share hooks only take effect with these flags (weapp: chat and moments; alipay: chat).
  enableShareAppMessage: true,
  enableShareTimeline: true,
})
