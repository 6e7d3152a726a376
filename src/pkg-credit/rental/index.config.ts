export default definePageConfig({ navigationBarTitleText: '租赁详情', enablePullDownRefresh: true })
