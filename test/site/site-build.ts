// Builds the site once for the test run, only when dist/ is older than the sources it is built from.
// Several test files may ask at once: a lock folder makes the others wait for the one build.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = join(ROOT, 'dist/server/entry.mjs');
const LOCK = join(ROOT, 'node_modules/.tulna-site-build.lock');
const SOURCES = ['src', 'db', 'search', 'domain', 'config/environment.ts', 'astro.config.mjs'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

export function siteBuildIsStale(): boolean {
  if (!existsSync(ENTRY)) return true;
  const built = statSync(ENTRY).mtimeMs;
  return SOURCES.some((source) => existsSync(join(ROOT, source)) && newestMtime(join(ROOT, source)) > built);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `astro build` when dist/ is missing or stale; waits for a build another process started. */
export async function ensureSiteBuilt(): Promise<void> {
  for (;;) {
    if (!siteBuildIsStale()) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Someone else is building (a lock older than 5 minutes is left over from a killed run).
      const lock = statSync(LOCK, { throwIfNoEntry: false });
      if (lock && Date.now() - lock.mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (siteBuildIsStale()) {
        execFileSync(process.execPath, [join(ROOT, 'node_modules/astro/astro.js'), 'build'], {
          cwd: ROOT,
          stdio: 'pipe',
          env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' },
        });
      }
    } catch (error) {
      const output = `${(error as { stdout?: Buffer }).stdout ?? ''}${(error as { stderr?: Buffer }).stderr ?? ''}`;
      throw new Error(`astro build failed:\n${output.slice(-4000)}`, { cause: error });
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
    return;
  }
}
