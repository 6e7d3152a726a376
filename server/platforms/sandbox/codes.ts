import QRCode from 'qrcode'
import type { CodesFacet } from '../types'

/**
 * The sandbox's codes (h5, and the mini-programs without keys): a real QR code of
 * `<page>?scene=<id>`, so a phone or a test can read back what a live code would open.
 */
export function sandboxCodes(): CodesFacet {
  return {
    id: 'sandbox',
    sandbox: true,
    create: (req) => QRCode.toBuffer(`${req.page}?scene=${encodeURIComponent(req.scene)}`, { type: 'png', width: req.width ?? 430, margin: 2, errorCorrectionLevel: 'M' }),
  }
}
