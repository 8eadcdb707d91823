// cli/site-server.ts without a build: it must say what to do rather than fail obscurely.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSiteServer } from '../../cli/site-server.ts';

describe('startSiteServer', () => {
  it('refuses to start without a built site, naming the missing file and the fix', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tulna-no-dist-'));
    try {
      await expect(startSiteServer({ port: 0, distDir: empty })).rejects.toThrow(
        new RegExp(`${join(empty, 'server/entry.mjs').replace(/[/.]/g, '\\$&')} is missing\\. Run "npm run build"`),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
