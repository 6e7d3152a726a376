export default definePageConfig({ navigationBarTitleText: '确认收款（沙箱）' })
