// The Chromium the browser tests drive: TULNA_CHROMIUM if set, else Debian's /usr/bin/chromium,
// else the build inside the @sparticuz/chromium npm package, so `npm test` needs no system browser.
import { chromium, type Browser } from 'playwright-core';
import {
  CHROMIUM_VARIABLE,
  describeChromium as describeResolved,
  resolveChromium as resolveFor,
  SYSTEM_CHROMIUM,
  type ResolvedChromium,
} from '../../crawlers/browser/chromium-path.ts';

/** The variable that names the browser; the global setup sets it for the workers once resolved. */
export { CHROMIUM_VARIABLE, SYSTEM_CHROMIUM, type ResolvedChromium };
/** The name the Lighthouse bench reads, honoured here too so one setting serves both. */
const LEGACY_CHROMIUM_VARIABLE = 'CHROMIUM_PATH';

/**
 * Finds the browser the way the crawler's pool does (crawlers/browser/chromium-path.ts), also
 * honouring CHROMIUM_PATH. The npm build is unpacked to the temp folder on first use (about
 * 200 MB, reused by later runs), so call this once per run, in the global setup, not in parallel workers.
 */
export async function resolveChromium(): Promise<ResolvedChromium> {
  try {
    return await resolveFor({ variables: [CHROMIUM_VARIABLE, LEGACY_CHROMIUM_VARIABLE] });
  } catch (error) {
    throw new Error(`tests: ${(error as Error).message}`, { cause: error });
  }
}

export function describeChromium(resolved: ResolvedChromium): string {
  return `tests: ${describeResolved(resolved)}`;
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
