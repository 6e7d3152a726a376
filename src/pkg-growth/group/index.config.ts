// The share card (useShareAppMessage) takes effect only with enableShareAppMessage.
export default definePageConfig({ navigationBarTitleText: '拼团详情', enablePullDownRefresh: true, enableShareAppMessage: true })
