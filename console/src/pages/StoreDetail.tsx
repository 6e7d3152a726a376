import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { Alert, App, Button, Card, Col, Descriptions, Image, InputNumber, Row, Space, Spin, Table, Tag } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { hoursText } from '@domain/stores'
import { listStores, listStoreStock, setStoreStock, storeCodeBlob, type AdminStore, type StoreStockRow } from '../api/stores'
import { useAuth } from '../auth'
import { PageTitle } from '../components/PageTitle'
import { StoreFormDialog } from '../components/StoreFormDialog'
import { showError } from '../lib/errors'
import { specsText } from '../lib/format'
import { hasOwnStock, radiusText, STOCK_MODE } from '../lib/stores'
import { useLoad } from '../lib/use-load'
import { usePagedList } from '../lib/use-paged'

/** A store: what the shopper sees of it, its own stock (own-stock stores) counted inline, and its store code. */
export default function StoreDetail() {
  const id = Number(useParams().id)
  const { allowed } = useAuth()
  const [editing, setEditing] = useState(false)
  // There is no GET /api/admin/stores/:id: the list is short (a shop's stores).
  const stores = useLoad(() => listStores(), [])
  const store = stores.data?.items.find((s) => s.id === id)

  if (stores.loading && !stores.data) return <Spin style={{ display: 'block', margin: 48 }} />
  if (!store) return <Alert type="error" showIcon title="门店不存在" action={<Link to="/stores">返回门店列表</Link>} />

  return (
    <div>
      <PageTitle
        title={
          <Space>
            {store.name}
            {store.active ? <Tag color="blue">营业</Tag> : <Tag>停用</Tag>}
          </Space>
        }
        extra={allowed('stores:write') && <Button onClick={() => setEditing(true)}>编辑门店</Button>}
      />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card size="small" title="门店信息" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="地址">
                {store.city} {store.address}
              </Descriptions.Item>
              <Descriptions.Item label="电话">{store.phone}</Descriptions.Item>
              <Descriptions.Item label="营业时间">{store.hoursText || hoursText(store.hours)}</Descriptions.Item>
              <Descriptions.Item label="坐标（GCJ-02）">
                {store.latitude}, {store.longitude}
              </Descriptions.Item>
              <Descriptions.Item label="自提">{store.pickup ? '支持' : '不支持'}</Descriptions.Item>
              <Descriptions.Item label="配送半径">{radiusText(store.deliveryRadiusMeters)}</Descriptions.Item>
              <Descriptions.Item label="库存方式">{STOCK_MODE[store.stockMode].label}</Descriptions.Item>
            </Descriptions>
            {store.photos.length > 0 && (
              <Image.PreviewGroup>
                <Space wrap style={{ marginTop: 12 }}>
                  {store.photos.map((p) => (
                    <Image key={p} src={p} width={96} height={72} style={{ objectFit: 'cover' }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
          </Card>
          {hasOwnStock(store) ? <StockTable store={store} /> : <Alert type="info" showIcon title="本店使用共享总仓库存" description="自提订单从商品规格的库存扣减；如需按门店盘点，请在编辑门店中改为「门店独立库存」。" />}
        </Col>
        <Col xs={24} lg={8}>
          <StoreCode store={store} />
        </Col>
      </Row>
      <StoreFormDialog
        store={store}
        open={editing}
        onClose={() => setEditing(false)}
        onDone={() => {
          setEditing(false)
          stores.reload()
        }}
      />
    </div>
  )
}

/** The store's own counts; a row's new count is saved on its own (an 'adjust' movement at this store). */
function StockTable({ store }: { store: AdminStore }) {
  const { message } = App.useApp()
  const { allowed } = useAuth()
  const canWrite = allowed('stores:write')
  const { list, pagination } = usePagedList((q) => listStoreStock(store.id, q), [store.id])
  const [drafts, setDrafts] = useState<Record<number, number | null>>({})
  const [saving, setSaving] = useState<number | null>(null)
  const [saved, setSaved] = useState<Record<number, number>>({})

  const save = async (row: StoreStockRow) => {
    const stock = drafts[row.skuId]
    if (typeof stock !== 'number') return
    setSaving(row.skuId)
    try {
      const answer = await setStoreStock(store.id, row.skuId, stock)
      setSaved((s) => ({ ...s, [row.skuId]: answer.stock }))
      setDrafts(({ [row.skuId]: _, ...rest }) => rest)
      void message.success(`库存已改为 ${answer.stock}`)
    } catch (err) {
      // A 409 (units held by unpaid orders, say) says why in the server's words.
      showError(message, err)
    } finally {
      setSaving(null)
    }
  }

  return (
    <Card size="small" title="门店库存">
      <Table<StoreStockRow>
        rowKey="skuId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination}
        columns={[
          { title: '商品', dataIndex: 'title', render: (t: string, r) => <Link to={`/products/${r.productId}`}>{t}</Link> },
          { title: '规格', dataIndex: 'specs', render: specsText },
          {
            title: '库存',
            key: 'stock',
            width: 240,
            render: (_, r) => {
              const current = saved[r.skuId] ?? r.stock
              if (!canWrite) return current
              const draft = drafts[r.skuId]
              const dirty = typeof draft === 'number' && draft !== current
              return (
                <Space>
                  <InputNumber
                    aria-label={`库存 ${r.title} ${specsText(r.specs)}`}
                    min={0}
                    max={1_000_000}
                    precision={0}
                    value={draft ?? current}
                    onChange={(v) => setDrafts((d) => ({ ...d, [r.skuId]: v }))}
                    onPressEnter={() => dirty && void save(r)}
                    style={{ width: 110 }}
                  />
                  {dirty && (
                    <Button size="small" type="primary" loading={saving === r.skuId} onClick={() => save(r)}>
                      保存
                    </Button>
                  )}
                </Space>
              )
            },
          },
        ]}
      />
    </Card>
  )
}

/** The store's mini-program code (scene st=<id>): shown, and downloaded under the store's name. */
function StoreCode({ store }: { store: AdminStore }) {
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    let made: string | null = null
    storeCodeBlob(store.id).then(
      (blob) => {
        if (!live) return
        made = URL.createObjectURL(blob)
        setUrl(made)
      },
      (err: Error) => live && setError(err.message),
    )
    return () => {
      live = false
      if (made) URL.revokeObjectURL(made)
    }
  }, [store.id, tick])

  return (
    <Card size="small" title="门店码">
      <div style={{ textAlign: 'center' }}>
        {error ? (
          <Alert type="error" showIcon title="门店码生成失败" description={error} action={
              <Button
                onClick={() => {
                  setError(null)
                  setTick((t) => t + 1)
                }}
              >
                重试
              </Button>
            } />
        ) : url ? (
          <img src={url} alt={`${store.name} 门店码`} style={{ width: 220, height: 220 }} />
        ) : (
          <Spin />
        )}
        <p style={{ color: '#888' }}>顾客扫码进入小程序，自动选中本店。可打印张贴在收银台。</p>
        <Button icon={<DownloadOutlined />} disabled={!url} href={url ?? undefined} download={`门店码-${store.name}.png`}>
          下载
        </Button>
      </div>
    </Card>
  )
}
