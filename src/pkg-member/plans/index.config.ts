export default definePageConfig({ navigationBarTitleText: '我的周期购' })
