import { Form, Input, Modal } from 'antd'
import { useFormSubmit } from '../lib/use-form-submit'

/**
 * A text the other side will read: a refusal's reason (a promoter's application, a withdrawal;
 * red, the default) or the shop's reply to a review (`label`, `danger` false). The text is
 * required, and the dialog itself is the confirmation. `onSubmit` throws to keep it open.
 */
export function ReasonDialog({
  title,
  okText,
  open,
  onClose,
  onSubmit,
  label = '原因（对方会看到）',
  placeholder = '如：资料不完整、账户信息有误',
  maxLength = 100,
  danger = true,
}: {
  title: string
  okText: string
  open: boolean
  onClose: () => void
  onSubmit: (text: string) => Promise<void>
  label?: string
  placeholder?: string
  maxLength?: number
  danger?: boolean
}) {
  const [form] = Form.useForm<{ reason: string }>()
  const { busy, submit } = useFormSubmit(form)
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => submit(async (v) => onSubmit(v.reason.trim()))}
      okText={okText}
      okButtonProps={{ danger }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: `请填写${label.replace(/（.*）$/, '')}` }]}>
          <Input.TextArea maxLength={maxLength} showCount autoSize={{ minRows: 2, maxRows: 6 }} placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
