// The site's only client JavaScript: point the phone's camera at a barcode and go to its product.
// Uses the browser's BarcodeDetector when it reads retail barcodes, else the ZXing (WebAssembly)
// ponyfill, whose .wasm is served from our own origin (no CDN).
import { parseGtin } from '../gtin/gtin.ts';

const FORMATS = ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'itf'];

interface Detector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}

async function createDetector(): Promise<Detector> {
  const native = (globalThis as { BarcodeDetector?: { new (o: object): Detector; getSupportedFormats(): Promise<string[]> } }).BarcodeDetector;
  if (native) {
    const supported = await native.getSupportedFormats().catch(() => [] as string[]);
    const formats = FORMATS.filter((format) => supported.includes(format));
    if (formats.length > 0) return new native({ formats });
  }
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
  });
  return new BarcodeDetector({ formats: FORMATS as never });
}

function setStatus(element: HTMLElement, text: string): void {
  element.textContent = text;
}

export function mountScanner(root: HTMLElement): void {
  const start = root.querySelector<HTMLButtonElement>('[data-scan-start]');
  const video = root.querySelector<HTMLVideoElement>('video');
  const status = root.querySelector<HTMLElement>('[data-scan-status]');
  if (!start || !video || !status) return;
  if (!navigator.mediaDevices?.getUserMedia) {
    setStatus(status, 'This browser cannot use the camera here: type the digits under the barcode instead.');
    return;
  }
  start.hidden = false;
  let stream: MediaStream | undefined;

  const stop = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = undefined;
  };
  window.addEventListener('pagehide', stop);

  start.addEventListener('click', async () => {
    start.disabled = true;
    setStatus(status, 'Starting the camera…');
    try {
      const [detector, media] = await Promise.all([
        createDetector(),
        navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false }),
      ]);
      stream = media;
      video.srcObject = media;
      video.hidden = false;
      await video.play();
      setStatus(status, 'Point the camera at the barcode.');
      const scan = async (): Promise<void> => {
        if (!stream) return;
        try {
          for (const code of await detector.detect(video)) {
            const check = parseGtin(code.rawValue);
            if (check.ok) {
              setStatus(status, `Found ${code.rawValue}: looking it up…`);
              stop();
              window.location.assign(`/gtin/${check.gtin14}`);
              return;
            }
          }
        } catch {
          // A frame that cannot be read (camera still warming up): try the next one.
        }
        window.setTimeout(scan, 200);
      };
      void scan();
    } catch (error) {
      stop();
      start.disabled = false;
      const denied = (error as Error).name === 'NotAllowedError';
      setStatus(status, denied ? 'Camera access was refused: type the digits instead.' : `The camera could not start (${(error as Error).message}): type the digits instead.`);
    }
  });
}
