// QR codes for the cross-device consent flow: PNG and SVG data URLs (qrcode).
import QRCode from 'qrcode';
import type { QrRenderer } from '../../app/ports/identity-ports.ts';

export const qrRenderer: QrRenderer = {
  async render(text) {
    const png = await QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
    const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { png, svg: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}` };
  },
};
