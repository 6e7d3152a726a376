export default definePageConfig({ navigationBarTitleText: '我的租赁', enablePullDownRefresh: true })
