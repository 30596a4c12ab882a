// The tax-payment certificate (납부확인서) as a one-page A4 PDF (pdfkit), Korean first and English
// second, with Pretendard embedded (pdfkit subsets it to the glyphs used; SIL OFL 1.1) and a QR
// code, drawn as vector squares, encoding the public receipt page. Deterministic: the creation
// date is the payment time, so the same receipt always gives the same bytes.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { TaxCertificateRenderer } from '../../app/ports/payment-ports.ts';
import type { CertificateRow, TaxCertificateContent } from '../../domain/tax-certificate.ts';

interface Fonts {
  regular: Buffer;
  bold: Buffer;
}

const require = createRequire(import.meta.url);
let fonts: Promise<Fonts> | null = null;

/** The Pretendard font files, read once at first use. */
function loadFonts(): Promise<Fonts> {
  fonts ??= (async () => {
    const file = (weight: string) => require.resolve(`pretendard/dist/public/static/Pretendard-${weight}.otf`);
    const [regular, bold] = await Promise.all([readFile(file('Regular')), readFile(file('Bold'))]);
    return { regular, bold };
  })();
  fonts.catch(() => {
    fonts = null; // a failed read is retried at the next use
  });
  return fonts;
}

/** The dark modules of the QR code of `text` (error correction M), row by row. */
export function qrModulesOf(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => modules.data[row * modules.size + col] === 1 };
}

const INK = '#111111';
const MUTED = '#555555';
const RULE = '#bbbbbb';
const ALERT = '#b00020';

export async function renderTaxCertificate(content: TaxCertificateContent, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const { regular, bold } = await loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 40, left: 50, right: 50 },
    compress: opts.compress ?? true,
    info: {
      Title: `${content.title.ko} ${content.receiptNo}`,
      Subject: `${content.title.en} ${content.receiptNo}`,
      Keywords: content.receiptNo,
      Author: 'Tonggwan',
      Creator: 'Tonggwan',
      CreationDate: new Date(content.paidAt),
    },
    lang: 'ko-KR',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const labelWidth = 180;
  const valueX = left + labelWidth + 10;
  const valueWidth = width - labelWidth - 10;

  // Title
  let y = 44;
  doc.font('bold').fontSize(20).fillColor(INK).text(content.title.ko, left, y, { width, align: 'center' });
  y = doc.y + 2;
  doc.font('regular').fontSize(11).fillColor(MUTED).text(content.title.en, left, y, { width, align: 'center' });
  y = doc.y + 14;

  if (content.demoNotice) {
    const h = 42;
    doc.lineWidth(1.5).rect(left, y, width, h).stroke(ALERT);
    doc.font('bold').fontSize(13).fillColor(ALERT).text(content.demoNotice.ko, left, y + 7, { width, align: 'center' });
    doc.font('regular').fontSize(9.5).text(content.demoNotice.en, left, y + 25, { width, align: 'center' });
    y += h + 14;
  }

  const rule = (at: number) => doc.lineWidth(0.5).moveTo(left, at).lineTo(left + width, at).stroke(RULE);
  const rows = (list: CertificateRow[], emphasiseLast: boolean) => {
    rule(y);
    list.forEach((r, i) => {
      const top = y + 4;
      const strong = emphasiseLast && i === list.length - 1;
      doc.font('bold').fontSize(10).fillColor(INK).text(r.label.ko, left + 4, top, { width: labelWidth - 4 });
      doc.font('regular').fontSize(7.5).fillColor(MUTED).text(r.label.en, left + 4, doc.y, { width: labelWidth - 4 });
      const labelBottom = doc.y;
      doc.font(strong ? 'bold' : 'regular').fontSize(10).fillColor(INK).text(r.value, valueX, top + 4, { width: valueWidth });
      y = Math.max(labelBottom, doc.y) + 4;
      rule(y);
    });
  };
  const heading = (ko: string, en: string) => {
    doc.font('bold').fontSize(12).fillColor(INK).text(`${ko}  `, left, y, { continued: true });
    doc.font('regular').fontSize(10).fillColor(MUTED).text(en);
    y = doc.y + 6;
  };

  heading('납부 내역', 'Payment');
  rows(content.rows, false);
  y += 14;
  heading('세액 내역', 'Breakdown of taxes');
  rows(content.breakdown, true);
  y += 16;

  // Verification: QR code of the public receipt page, and the sentence beside it.
  const qr = qrModulesOf(content.verifyUrl);
  const qrSide = 100;
  const cell = qrSide / (qr.size + 8); // a quiet zone of four modules each side
  const qrX = left;
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++) if (qr.dark(r, c)) doc.rect(qrX + (c + 4) * cell, y + (r + 4) * cell, cell, cell);
  }
  doc.fillColor('#000000').fill();
  const textX = left + qrSide + 14;
  const textWidth = width - qrSide - 14;
  doc.font('bold').fontSize(10).fillColor(INK).text(content.verification.ko, textX, y + 14, { width: textWidth });
  doc.font('regular').fontSize(9).fillColor(MUTED).text(content.verification.en, textX, doc.y + 4, { width: textWidth });
  doc.font('bold').fontSize(10).fillColor(INK).text(content.receiptNo, textX, doc.y + 6, { width: textWidth });

  // Footer
  const footerY = doc.page.height - doc.page.margins.bottom - (content.demoNotice ? 44 : 28);
  rule(footerY - 6);
  doc.font('regular').fontSize(8.5).fillColor(MUTED).text(content.issuer.ko, left, footerY, { width, lineBreak: false });
  doc.text(content.issuer.en, left, footerY + 12, { width, lineBreak: false });
  if (content.demoNotice) {
    doc.font('bold').fontSize(9).fillColor(ALERT).text(`${content.demoNotice.ko} / ${content.demoNotice.en}`, left, footerY + 26, { width, lineBreak: false });
  }

  doc.end();
  return done;
}

export const taxCertificatePdf: TaxCertificateRenderer = {
  render: (content) => renderTaxCertificate(content),
};
