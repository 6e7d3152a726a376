export default definePageConfig({ navigationBarTitleText: '确认收货（沙箱）' })
