export default definePageConfig({ navigationBarTitleText: '礼物', enablePullDownRefresh: true, enableShareAppMessage: true })
