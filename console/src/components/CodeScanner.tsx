import { useEffect, useRef, useState } from 'react'
import { Alert, Button, Modal } from 'antd'
import { CameraOutlined } from '@ant-design/icons'

/** The Shape Detection API's BarcodeDetector (Chromium on Android, ChromeOS, macOS); not in lib.dom yet. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>
}
type BarcodeDetectorCtor = new (options?: { formats?: string[] }) => BarcodeDetectorLike

const detectorCtor = (): BarcodeDetectorCtor | undefined => (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector

/** Whether this browser can read a code from the camera; the button is hidden otherwise (a USB scanner types into the input anyway). */
export const canScanWithCamera = () => !!detectorCtor() && !!navigator.mediaDevices?.getUserMedia

/** 摄像头扫码: reads the first QR / barcode the camera sees and hands its text to `onCode`. */
export function CodeScanner({ onCode }: { onCode: (text: string) => void }) {
  const [open, setOpen] = useState(false)
  if (!canScanWithCamera()) return null
  return (
    <>
      <Button size="large" icon={<CameraOutlined />} onClick={() => setOpen(true)}>
        摄像头扫码
      </Button>
      <Modal title="扫描提货码" open={open} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        {open && (
          <CameraView
            onCode={(t) => {
              setOpen(false)
              onCode(t)
            }}
          />
        )}
      </Modal>
    </>
  )
}

function CameraView({ onCode }: { onCode: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const found = useRef(onCode)
  useEffect(() => {
    found.current = onCode
  })

  useEffect(() => {
    let stream: MediaStream | null = null
    let timer: ReturnType<typeof setTimeout> | undefined
    let live = true
    const Detector = detectorCtor()!
    const detector = new Detector({ formats: ['qr_code', 'code_128', 'ean_13'] })
    const tick = async () => {
      if (!live || !video.current) return
      try {
        const codes = await detector.detect(video.current)
        if (live && codes[0]?.rawValue) return found.current(codes[0].rawValue)
      } catch {
        // A frame not ready yet: try the next one.
      }
      timer = setTimeout(tick, 250)
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(
      async (s) => {
        if (!live) return s.getTracks().forEach((t) => t.stop())
        stream = s
        video.current!.srcObject = s
        await video.current!.play()
        void tick()
      },
      () => live && setProblem('无法打开摄像头：请允许浏览器使用摄像头，或用扫码枪 / 手动输入提货码'),
    )
    return () => {
      live = false
      clearTimeout(timer)
      stream?.getTracks().forEach((t) => t.stop())
    }
  }, [])

  return problem ? <Alert type="warning" showIcon title={problem} /> : <video ref={video} muted playsInline style={{ width: '100%', borderRadius: 8, background: '#000' }} />
}
