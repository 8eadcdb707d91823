// The Chromium the browser tests drive: TULNA_CHROMIUM if set, else Debian's /usr/bin/chromium,
// else the build inside the @sparticuz/chromium npm package, so `npm test` needs no system browser.
import { accessSync, constants, existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The variable that names the browser; the global setup sets it for the workers once resolved. */
export const CHROMIUM_VARIABLE = 'TULNA_CHROMIUM';
/** The name the Lighthouse bench reads, honoured here too so one setting serves both. */
const LEGACY_CHROMIUM_VARIABLE = 'CHROMIUM_PATH';
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ResolvedChromium {
  path: string;
  source: 'override' | 'system' | '@sparticuz/chromium';
}

function assertExecutable(path: string, where: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch (error) {
    throw new Error(`tests: Chromium ${path} (from ${where}) is not an executable file`, { cause: error });
  }
}

/**
 * Finds the browser. The npm build is unpacked to the temp folder on first use (about 200 MB,
 * reused by later runs), so call this once per run, in the global setup, not in parallel workers.
 */
export async function resolveChromium(): Promise<ResolvedChromium> {
  for (const variable of [CHROMIUM_VARIABLE, LEGACY_CHROMIUM_VARIABLE]) {
    const path = process.env[variable];
    if (!path) continue;
    assertExecutable(path, variable);
    return { path, source: 'override' };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system' };
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return { path: await packaged.executablePath(), source: '@sparticuz/chromium' };
  } catch (error) {
    throw new Error(
      `tests: no Chromium: ${CHROMIUM_VARIABLE} is unset, ${SYSTEM_CHROMIUM} does not exist, and @sparticuz/chromium failed to unpack: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export function describeChromium({ path, source }: ResolvedChromium): string {
  if (source === 'system') return `tests: Chromium ${path} (system)`;
  if (source === 'override') return `tests: Chromium ${path} (from ${CHROMIUM_VARIABLE})`;
  return `tests: Chromium from @sparticuz/chromium (${path})`;
}

/**
 * What every test browser needs. The pages are our own local site, and the sandbox cannot run as
 * root nor in most containers, hence --no-sandbox. The rest keeps Chromium off the network and
 * quiet. Playwright gives each launch a fresh temporary profile (--user-data-dir) and removes it.
 */
const TEST_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches headless Chromium with the test flags plus `extraArgs`. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const resolved = process.env[CHROMIUM_VARIABLE]
    ? { path: process.env[CHROMIUM_VARIABLE], source: 'override' as const }
    : await resolveChromium();
  try {
    return await chromium.launch({ executablePath: resolved.path, headless: true, args: [...TEST_ARGS, ...extraArgs] });
  } catch (error) {
    throw new Error(`tests: Chromium ${resolved.path} (${resolved.source}) failed to launch: ${(error as Error).message}`, { cause: error });
  }
}
