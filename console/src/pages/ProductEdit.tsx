import { useCallback, useEffect, useMemo, useState } from 'react'
import { useNavigate, useParams, useSearchParams } from 'react-router-dom'
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Spin, Switch, Table, Tag, TreeSelect, Upload, type UploadFile } from 'antd'
import { DeleteOutlined, HistoryOutlined, PlusOutlined } from '@ant-design/icons'
import { fenToYuan } from '@domain/money'
import { ApiError } from '../api/client'
import {
  categoryTree,
  createProduct,
  getProduct,
  listCategories,
  toTreeData,
  updateProduct,
  type AdminProduct,
  type ProductInput,
  type SpecGroup,
  type UploadedImage,
} from '../api/catalog'
import { useAuth } from '../auth'
import { PageTitle } from '../components/PageTitle'
import { ProductCommissionCard } from '../components/ProductCommissionCard'
import { ProductPlanCard } from '../components/ProductPlanCard'
import { MovementsDrawer, StockAdjustModal, type SkuRef } from '../components/StockDialogs'
import { showError } from '../lib/errors'
import { imageUploadProps, MAX_IMAGE_BYTES } from '../lib/image-upload'
import { toFen, yuanRule } from '../lib/money-input'
import { mergeMatrix, type SkuRow } from '../lib/sku-matrix'
import { useLoad } from '../lib/use-load'

interface MatrixRow {
  key: number
  name: number
  row?: SkuRow
}

interface FormValues {
  title: string
  subtitle?: string
  categoryId?: number
  description?: string
  onShelf: boolean
  specs: SpecGroup[]
  skus: SkuRow[]
  rentalOn: boolean
  rental?: { deposit: string; dailyRate: string; minDays: number; maxDays: number }
}

const yuanOf = (fen: number | null | undefined) => (fen === null || fen === undefined ? '' : fenToYuan(fen))

function toValues(p: AdminProduct): FormValues {
  return {
    title: p.title,
    subtitle: p.subtitle ?? '',
    categoryId: p.categoryId,
    description: p.description ?? '',
    onShelf: p.onShelf,
    specs: p.specs.map((s) => ({ name: s.name, values: [...s.values] })),
    // Archived SKUs (removed, but with orders) stay in the matrix, read-only: a spec value that
    // still names them must not turn into an empty row the merchant has to fill.
    skus: p.skus.map((s) => ({ id: s.id, specs: s.specs, price: yuanOf(s.price), originalPrice: yuanOf(s.originalPrice), code: s.code ?? '', currentStock: s.stock, archived: s.archived })),
    rentalOn: !!p.rental,
    rental: p.rental ? { deposit: yuanOf(p.rental.deposit), dailyRate: yuanOf(p.rental.dailyRate), minDays: p.rental.minDays, maxDays: p.rental.maxDays } : undefined,
  }
}

const imageFiles = (urls: string[]): UploadFile[] => urls.map((url, i) => ({ uid: `existing-${i}`, name: url.split('/').pop() ?? `图片${i + 1}`, status: 'done', url }))

export default function ProductEdit() {
  const { id: idParam } = useParams()
  const id = idParam ? Number(idParam) : null
  const isNew = id === null
  const navigate = useNavigate()
  const [search, setSearch] = useSearchParams()
  const { message, modal } = App.useApp()
  const { allowed } = useAuth()
  const canWrite = allowed('catalog:write')
  const [form] = Form.useForm<FormValues>()
  const [product, setProduct] = useState<AdminProduct | null>(null)
  const [files, setFiles] = useState<UploadFile[]>([])
  const [saving, setSaving] = useState(false)
  const [adjusting, setAdjusting] = useState<SkuRef | null>(null)
  const [history, setHistory] = useState<SkuRef | null>(null)
  const categories = useLoad(() => listCategories(), [])
  const treeData = useMemo(() => toTreeData(categoryTree(categories.data?.items ?? [])), [categories.data])

  const show = useCallback(
    (p: AdminProduct) => {
      setProduct(p)
      form.resetFields()
      form.setFieldsValue(toValues(p))
      setFiles(imageFiles(p.images))
    },
    [form],
  )
  const loaded = useLoad(
    () => (id ? getProduct(id) : Promise.resolve(null)),
    [id],
    (p) => {
      if (!p) return
      show(p)
      // From the dashboard's low-stock table (?stock=<skuId>): open that SKU's stock dialog.
      const skuId = Number(search.get('stock'))
      const sku = skuId ? p.skus.find((s) => s.id === skuId) : undefined
      if (sku) {
        setAdjusting({ id: sku.id, label: skuLabel(sku.specs), stock: sku.stock })
        const next = new URLSearchParams(search)
        next.delete('stock')
        setSearch(next, { replace: true })
      }
    },
  )

  // The SKU matrix follows the spec groups; what was typed for a kept combination stays.
  const specs = Form.useWatch('specs', form)
  useEffect(() => {
    if (!specs) return
    const rows = (form.getFieldValue('skus') as SkuRow[] | undefined) ?? []
    const next = mergeMatrix(specs, rows)
    if (JSON.stringify(next.map((r) => r.specs)) !== JSON.stringify(rows.map((r) => r.specs))) form.setFieldValue('skus', next)
  }, [specs, form])
  const rentalOn = Form.useWatch('rentalOn', form)
  // preserve: the rows' specs, ids and stock are not form fields, only their inputs are.
  const skus = (Form.useWatch('skus', { form, preserve: true }) as SkuRow[] | undefined) ?? []
  const specNames = (specs ?? []).filter((g) => g?.name?.trim() && g.values?.length).map((g) => g.name.trim())

  const uploading = files.some((f) => f.status === 'uploading')

  const save = async () => {
    let v: FormValues
    try {
      v = await form.validateFields()
    } catch {
      void message.error('请检查标红的内容')
      return
    }
    const images = files.filter((f) => f.status === 'done').map((f) => (f.response as UploadedImage | undefined)?.url ?? f.url!)
    if (images.length === 0) {
      void message.error('请至少上传一张商品图片')
      return
    }
    const rows = (form.getFieldValue('skus') as SkuRow[]) ?? []
    // The body lists the live rows only; a server error on skus.N names the Nth of those.
    const live = rows.filter((r) => !r.archived)
    const formIndex = rows.flatMap((r, i) => (r.archived ? [] : [i]))
    // On create, empty optional fields are left out; on update, a field that had a value and
    // is now empty is sent empty (or null) so that it is cleared.
    const before = product ? new Map(product.skus.map((s) => [s.id, s])) : null
    const optionalText = (text: string | undefined, had: string | null | undefined) => (text?.trim() ? text.trim() : had ? '' : undefined)
    const body: ProductInput = {
      title: v.title.trim(),
      subtitle: optionalText(v.subtitle, product?.subtitle),
      description: optionalText(v.description, product?.description),
      categoryId: v.categoryId!,
      images,
      onShelf: v.onShelf,
      specs: (v.specs ?? []).filter((g) => g.name?.trim() && g.values?.length).map((g) => ({ name: g.name.trim(), values: g.values })),
      skus: live.map((r) => {
        const original = toFen(r.originalPrice)
        const had = r.id ? before?.get(r.id)?.originalPrice : null
        return {
          ...(r.id ? { id: r.id } : { stock: r.stock ?? 0 }),
          specs: r.specs,
          price: toFen(r.price)!,
          ...(original !== null ? { originalPrice: original } : had ? { originalPrice: null } : {}),
          ...(r.code?.trim() ? { code: r.code.trim() } : r.id && before?.get(r.id)?.code ? { code: '' } : {}),
        }
      }),
    }
    if (v.rentalOn && v.rental) body.rental = { deposit: toFen(v.rental.deposit)!, dailyRate: toFen(v.rental.dailyRate)!, minDays: v.rental.minDays, maxDays: v.rental.maxDays }
    else if (product?.rental) body.rental = null
    setSaving(true)
    try {
      if (isNew) {
        const created = await createProduct(body)
        void message.success('商品已创建')
        navigate(`/products/${created.id}`, { replace: true })
      } else {
        const updated = await updateProduct(id!, { ...body, version: product!.version })
        show(updated)
        void message.success('已保存')
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') {
        modal.confirm({
          title: '商品已被其他人修改',
          content: '你打开这个页面后，商品被其他人（或另一个窗口）保存过。重新加载会显示最新内容，你这次的修改需要重新填写。',
          okText: '重新加载',
          cancelText: '留在此页',
          onOk: () => loaded.reload(),
        })
      } else
        showError(message, err, form, (f) => {
          const path = f.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
          if (path[0] === 'skus' && typeof path[1] === 'number') path[1] = formIndex[path[1]] ?? path[1]
          return path
        })
    } finally {
      setSaving(false)
    }
  }

  if (!isNew && loaded.loading && !product) return <Spin style={{ display: 'block', margin: 48 }} />
  if (!isNew && loaded.error && !product) return <Alert type="error" showIcon message="商品加载失败" description={loaded.error.message} action={<Button onClick={loaded.reload}>重试</Button>} />

  return (
    <div className="product-edit">
      <PageTitle
        title={isNew ? '新建商品' : `编辑商品 #${id}`}
        extra={
          <Space>
            <Button onClick={() => navigate('/products')}>返回列表</Button>
            {canWrite && (
              <Button type="primary" onClick={save} loading={saving} disabled={uploading}>
                {isNew ? '创建商品' : '保存'}
              </Button>
            )}
          </Space>
        }
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        disabled={!canWrite}
        initialValues={{ onShelf: true, specs: [], skus: [{ specs: {}, price: '', originalPrice: '', stock: 0, code: '' }], rentalOn: false }}
        scrollToFirstError
      >
        <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item name="title" label="商品名称" rules={[{ required: true, whitespace: true, message: '请输入商品名称' }, { max: 60, message: '最多 60 个字' }]}>
                <Input maxLength={60} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="categoryId" label="分类" rules={[{ required: true, message: '请选择分类' }]}>
                <TreeSelect treeData={treeData} treeDefaultExpandAll placeholder="选择分类" showSearch treeNodeFilterProp="title" loading={categories.loading} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="subtitle" label="副标题">
                <Input maxLength={100} placeholder="一句话卖点（选填）" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item name="onShelf" label="上架" valuePropName="checked">
                <Switch checkedChildren="上架" unCheckedChildren="下架" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="商品图片（第一张为主图，最多 9 张，单张不超过 5 MB）" name="images" required>
            <Upload
              {...imageUploadProps()}
              fileList={files}
              disabled={!canWrite}
              showUploadList={{ showRemoveIcon: canWrite }}
              multiple
              maxCount={9}
              beforeUpload={(file) => {
                if (file.size > MAX_IMAGE_BYTES) {
                  void message.error(`${file.name} 超过 5 MB`)
                  return Upload.LIST_IGNORE
                }
                return true
              }}
              onChange={({ file, fileList }) => {
                if (file.status === 'error') {
                  const r = file.response as { message?: string } | undefined
                  void message.error(r?.message ?? `${file.name} 上传失败`)
                  setFiles(fileList.filter((f) => f.uid !== file.uid))
                  return
                }
                setFiles(fileList)
              }}
            >
              {files.length < 9 && canWrite && (
                <div>
                  <PlusOutlined />
                  <div style={{ marginTop: 8 }}>上传图片</div>
                </div>
              )}
            </Upload>
          </Form.Item>
          <Form.Item name="description" label="商品详情">
            <Input.TextArea rows={5} maxLength={5000} showCount placeholder="材质、尺寸、售后说明……" />
          </Form.Item>
        </Card>

        <Card title="规格与价格" size="small" style={{ marginBottom: 16 }}>
          <Form.List name="specs">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请输入规格名' }]} style={{ marginBottom: 0 }}>
                      <Input placeholder={`规格名，如 ${i === 0 ? '颜色' : '尺码'}`} style={{ width: 160 }} aria-label={`规格名 ${i + 1}`} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'values']} rules={[{ required: true, message: '请至少添加一个规格值' }]} style={{ marginBottom: 0 }}>
                      <Select mode="tags" placeholder="输入规格值后回车，如 红色" style={{ minWidth: 280 }} tokenSeparators={[',', '，']} open={false} suffixIcon={null} aria-label={`规格值 ${i + 1}`} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除规格" />
                  </Space>
                ))}
                {fields.length < 3 && canWrite && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', values: [] })} style={{ marginBottom: 16 }}>
                    添加规格（如颜色、尺码）
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Form.List name="skus">
            {(fields) => (
              <Table<MatrixRow>
                className="sku-table"
                size="small"
                rowKey="key"
                pagination={false}
                scroll={{ x: 760 }}
                dataSource={fields.map((f) => ({ key: f.key, name: f.name, row: skus[f.name] }))}
                columns={[
                  ...(specNames.length
                    ? [{ title: '规格', key: 'specs', width: 160, render: (_: unknown, f: MatrixRow) => specNames.map((n) => <Tag key={n}>{f.row?.specs?.[n]}</Tag>) }]
                    : []),
                  {
                    title: '售价（元）',
                    key: 'price',
                    render: (_: unknown, f: MatrixRow) =>
                      f.row?.archived ? (
                        <Space size={4}>
                          <Tag>已归档</Tag>¥{f.row.price}
                        </Space>
                      ) : (
                        <Form.Item name={[f.name, 'price']} rules={[yuanRule('售价')]} style={{ marginBottom: 0 }}>
                          <Input prefix="¥" placeholder="0.00" inputMode="decimal" />
                        </Form.Item>
                      ),
                  },
                  {
                    title: '划线价（元）',
                    key: 'originalPrice',
                    render: (_: unknown, f: MatrixRow) =>
                      f.row?.archived ? (
                        <span style={{ color: '#888' }}>有订单，不再销售</span>
                      ) : (
                        <Form.Item name={[f.name, 'originalPrice']} rules={[yuanRule('划线价', false)]} style={{ marginBottom: 0 }}>
                          <Input prefix="¥" placeholder="选填" inputMode="decimal" />
                        </Form.Item>
                      ),
                  },
                  {
                    title: '库存',
                    key: 'stock',
                    width: 170,
                    render: (_: unknown, f: MatrixRow) =>
                      f.row?.id ? (
                        <Space size={4}>
                          <b>{f.row.currentStock}</b>
                          {canWrite && !f.row.archived && (
                            <Button size="small" type="link" onClick={() => setAdjusting({ id: f.row!.id!, label: skuLabel(f.row!.specs), stock: f.row!.currentStock ?? 0 })}>
                              调整
                            </Button>
                          )}
                          <Button size="small" type="link" icon={<HistoryOutlined />} aria-label="库存流水" onClick={() => setHistory({ id: f.row!.id!, label: skuLabel(f.row!.specs), stock: f.row!.currentStock ?? 0 })} />
                        </Space>
                      ) : (
                        <Form.Item name={[f.name, 'stock']} rules={[{ required: true, message: '请输入库存' }]} style={{ marginBottom: 0 }}>
                          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                  },
                  {
                    title: '编码',
                    key: 'code',
                    render: (_: unknown, f: MatrixRow) =>
                      f.row?.archived ? (
                        f.row.code
                      ) : (
                        <Form.Item name={[f.name, 'code']} style={{ marginBottom: 0 }}>
                          <Input placeholder="选填" maxLength={40} />
                        </Form.Item>
                      ),
                  },
                ]}
              />
            )}
          </Form.List>
          {!isNew && <div style={{ marginTop: 8, color: '#888' }}>已有规格的库存请用「调整」修改（每次调整都会记入库存流水）；删掉的规格若有订单会被归档。</div>}
        </Card>

        <Card title="租赁" size="small">
          <Form.Item name="rentalOn" label="支持租赁（先享后付押金）" valuePropName="checked">
            <Switch />
          </Form.Item>
          {rentalOn && (
            <Row gutter={16}>
              <Col xs={12} lg={6}>
                <Form.Item name={['rental', 'deposit']} label="押金（元）" rules={[yuanRule('押金')]}>
                  <Input prefix="¥" inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col xs={12} lg={6}>
                <Form.Item name={['rental', 'dailyRate']} label="日租金（元）" rules={[yuanRule('日租金')]}>
                  <Input prefix="¥" inputMode="decimal" />
                </Form.Item>
              </Col>
              <Col xs={12} lg={6}>
                <Form.Item name={['rental', 'minDays']} label="最短天数" rules={[{ required: true, message: '请输入最短天数' }]}>
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} lg={6}>
                <Form.Item name={['rental', 'maxDays']} label="最长天数" rules={[{ required: true, message: '请输入最长天数' }]}>
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          )}
        </Card>
      </Form>
      <ProductPlanCard productId={id} />
      <ProductCommissionCard productId={id} />
      <StockAdjustModal
        sku={adjusting}
        onClose={() => setAdjusting(null)}
        onDone={(stock) => {
          const rows = (form.getFieldValue('skus') as SkuRow[]).map((r) => (r.id === adjusting?.id ? { ...r, currentStock: stock } : r))
          form.setFieldValue('skus', rows)
          setAdjusting(null)
        }}
      />
      <MovementsDrawer sku={history} onClose={() => setHistory(null)} />
    </div>
  )
}

function skuLabel(specs: Record<string, string>): string {
  const s = Object.values(specs).join(' / ')
  return s || '默认规格'
}
