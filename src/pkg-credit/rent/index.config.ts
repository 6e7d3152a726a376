export default definePageConfig({ navigationBarTitleText: '免押租赁' })
