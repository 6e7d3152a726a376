export default definePageConfig({ navigationBarTitleText: '配送计划' })
