// enableShareAppMessage: the 分享给好友 button (open-type share) answers with the product, not this page.
export default definePageConfig({ navigationBarTitleText: '分享海报', enableShareAppMessage: true })
