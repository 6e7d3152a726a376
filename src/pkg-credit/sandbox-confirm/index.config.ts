export default definePageConfig({ navigationBarTitleText: '信用确认（沙箱）' })
