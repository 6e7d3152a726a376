export default definePageConfig({ navigationBarTitleText: '轻会员' })
