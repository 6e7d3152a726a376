import { useEffect, useState } from 'react'
import { Select, Space } from 'antd'
import { getProduct, listProducts, type AdminProduct, type ProductRow } from '../api/catalog'
import { money, specsText } from '../lib/format'

/**
 * A product chosen by searching its title (GET /api/admin/products?q=), as the group-deal and
 * mall forms need it: the first 20 matches.
 */
export function ProductPicker({ value, onChange, id }: { value?: number; onChange?: (productId: number | undefined) => void; id?: string }) {
  const [q, setQ] = useState('')
  const [rows, setRows] = useState<ProductRow[]>([])
  const [loading, setLoading] = useState(false)
  useEffect(() => {
    let live = true
    // A pause after typing, so a title typed fast is one request.
    const timer = setTimeout(() => {
      setLoading(true)
      listProducts({ q: q.trim() || undefined, page: 1, pageSize: 20 })
        .then((r) => live && setRows(r.items))
        .catch(() => live && setRows([]))
        .finally(() => live && setLoading(false))
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [q])
  const options = rows.map((p) => ({ value: p.id, label: `${p.title}（${p.priceMin === p.priceMax ? money(p.priceMin) : `${money(p.priceMin)} 起`}）` }))
  if (value && !rows.some((p) => p.id === value)) options.unshift({ value, label: `商品 #${value}` })
  return (
    <Select
      id={id}
      style={{ width: '100%' }}
      showSearch
      allowClear
      value={value}
      placeholder="搜索商品名称"
      filterOption={false}
      onSearch={setQ}
      onChange={(v) => onChange?.(v ?? undefined)}
      loading={loading}
      options={options}
      notFoundContent={loading ? '搜索中…' : '没有找到商品'}
    />
  )
}

/** The chosen product with its SKUs (archived ones left out), or undefined while none is chosen or it loads. */
export function useProduct(productId: number | undefined): AdminProduct | undefined {
  const [product, setProduct] = useState<AdminProduct | undefined>()
  useEffect(() => {
    if (!productId) return
    let live = true
    getProduct(productId).then(
      (p) => live && setProduct({ ...p, skus: p.skus.filter((s) => !s.archived) }),
      () => live && setProduct(undefined),
    )
    return () => {
      live = false
    }
  }, [productId])
  return productId && product?.id === productId ? product : undefined
}

export const skuLabel = (s: { id: number; specs: Record<string, string> }) => specsText(s.specs) || `规格 #${s.id}`

/** One SKU: a product first, then one of its SKUs. An item saved before shows its SKU id until another product is chosen. */
export function SkuPicker({ value, onChange, id }: { value?: number | null; onChange?: (skuId: number | null) => void; id?: string }) {
  const [productId, setProductId] = useState<number | undefined>()
  const product = useProduct(productId)
  const options = (product?.skus ?? []).map((s) => ({ value: s.id, label: `${skuLabel(s)}（${money(s.price)}，库存 ${s.stock}）` }))
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: `规格 #${value}` })
  return (
    <Space.Compact style={{ width: '100%' }}>
      <div style={{ width: '55%' }}>
        <ProductPicker
          id={id}
          value={productId}
          onChange={(p) => {
            setProductId(p)
            onChange?.(null)
          }}
        />
      </div>
      <Select style={{ width: '45%' }} placeholder="选择规格" value={value ?? undefined} onChange={(v) => onChange?.(v)} options={options} aria-label="规格" />
    </Space.Compact>
  )
}
