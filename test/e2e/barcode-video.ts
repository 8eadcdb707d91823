// A fake camera for Chromium (--use-file-for-fake-video-capture): a Y4M still of an EAN-13 barcode,
// drawn from the GS1 encoding tables, so the scan page can be tested end to end.
import { writeFileSync } from 'node:fs';

const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const R = L.map((code) => [...code].map((bit) => (bit === '1' ? '0' : '1')).join(''));
const G = R.map((code) => [...code].reverse().join(''));
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL'];

/** The 95 modules of an EAN-13 symbol, '1' = bar. */
export function ean13Modules(code: string): string {
  if (!/^\d{13}$/.test(code)) throw new TypeError(`Expected 13 digits, got ${JSON.stringify(code)}`);
  const digits = [...code].map(Number);
  const parity = PARITY[digits[0]];
  let modules = '101';
  for (let i = 1; i <= 6; i++) modules += (parity[i - 1] === 'L' ? L : G)[digits[i]];
  modules += '01010';
  for (let i = 7; i <= 12; i++) modules += R[digits[i]];
  return `${modules}101`;
}

/** Writes a 640×480 Y4M (4:2:0) file showing the barcode, black on white, 5 px per module. */
export function writeBarcodeVideo(path: string, code: string, frames = 2): void {
  const width = 640;
  const height = 480;
  const modules = ean13Modules(code);
  const scale = 5;
  const left = Math.floor((width - modules.length * scale) / 2);
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 120; y < 360; y++) {
    for (let m = 0; m < modules.length; m++) {
      if (modules[m] !== '1') continue;
      luma.fill(16, y * width + left + m * scale, y * width + left + (m + 1) * scale);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
