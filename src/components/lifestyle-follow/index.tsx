/** The store's life account (生活号) follow entry exists only on Alipay (index.alipay.tsx). */
export default function LifestyleFollow() {
  return null
}
