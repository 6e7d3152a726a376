import { Form, Input, Modal } from 'antd'
import { useFormSubmit } from '../lib/use-form-submit'

/**
 * A refusal that the other side will read (a promoter's application, a withdrawal): the reason
 * is required, and the dialog itself is the confirmation. `onSubmit` throws to keep it open.
 */
export function ReasonDialog({ title, okText, open, onClose, onSubmit }: { title: string; okText: string; open: boolean; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const [form] = Form.useForm<{ reason: string }>()
  const { busy, submit } = useFormSubmit(form)
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => submit(async (v) => onSubmit(v.reason.trim()))}
      okText={okText}
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="原因（对方会看到）" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
          <Input.TextArea maxLength={100} showCount autoSize={{ minRows: 2, maxRows: 4 }} placeholder="如：资料不完整、账户信息有误" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
