// `npm start` must work from a fresh clone: build the site when dist/ is missing or older than src/.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = join(ROOT, 'dist', 'server', 'entry.mjs');
// config/environment.ts too: the site bundles it (src reads its settings through it).
const SOURCES = ['src', 'astro.config.mjs', 'db', 'search', 'domain', 'config/environment.ts'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function siteBuildIsStale(): boolean {
  if (!existsSync(ENTRY)) return true;
  const built = statSync(ENTRY).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

/** Runs `astro build` in a child process (it prints its own progress) when the build is stale. */
export async function ensureSiteBuilt(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<void> {
  if (!siteBuildIsStale()) return;
  log('building the site (astro build)…');
  const astroBin = join(ROOT, 'node_modules', 'astro', 'astro.js');
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [astroBin, 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`astro build failed with exit code ${code}`))));
  });
}
