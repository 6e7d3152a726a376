export default definePageConfig({ navigationBarTitleText: 'Duet 商城' })
