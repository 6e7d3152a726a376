export default definePageConfig({
  navigationBarTitleText: 'Duet 商城',
  enablePullDownRefresh: true,
  backgroundTextStyle: 'dark',
  onReachBottomDistance: 200,
  // useShareAppMessage only takes effect with this flag on weapp.
  enableShareAppMessage: true,
})
