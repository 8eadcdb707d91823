// Progress on stderr: one line rewritten in place on a terminal, a line every few seconds otherwise.

export interface ProgressLine {
  update(text: string): void;
  done(text?: string): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr, everyMs = 2_000): ProgressLine {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  let shown = '';
  return {
    update(text) {
      const now = Date.now();
      if (tty) {
        if (now - last < 100) return;
        stream.write(`\r\x1b[K${text}`);
      } else {
        if (now - last < everyMs) return;
        stream.write(`${text}\n`);
      }
      shown = text;
      last = now;
    },
    done(text) {
      if (tty && shown) stream.write('\r\x1b[K');
      if (text) stream.write(`${text}\n`);
      shown = '';
    },
  };
}
