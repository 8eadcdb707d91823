// A feed's bytes as text, decoded as they stream in: the charset from a BOM, the Content-Type, or
// the XML declaration (core/charset.ts reads the first chunk), else UTF-8. Chunks come out as
// strings (object mode), never split inside a character.
import { Transform, type TransformCallback } from 'node:stream';
import { detectCharset } from '../../core/charset.ts';

// windows-1252 bytes 0x80–0x9F: Node 20's TextDecoder reads "windows-1252" as ISO-8859-1, so
// these are mapped by hand ("€" must not become U+0080), as core/charset.ts does for pages.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export class FeedTextDecoder extends Transform {
  readonly #contentType: string;
  #decoder: TextDecoder | null = null;
  #windows1252 = false;
  #lastChar = '';

  constructor(contentType: string) {
    super({ readableObjectMode: true });
    this.#contentType = contentType;
  }

  /** True when the text so far ends with a line break. */
  get endsWithLineBreak(): boolean {
    return this.#lastChar === '\n' || this.#lastChar === '\r';
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#decoder) {
      const charset = detectCharset(chunk, this.#contentType);
      this.#windows1252 = charset === 'windows-1252';
      this.#decoder = new TextDecoder(this.#windows1252 ? 'latin1' : charset);
    }
    this.#emit(this.#decoder.decode(chunk, { stream: true }));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.#decoder) this.#emit(this.#decoder.decode());
    callback();
  }

  #emit(text: string): void {
    if (text === '') return;
    this.#lastChar = text[text.length - 1];
    this.push(this.#windows1252 ? text.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80])) : text);
  }
}
