// Where the Chromium that renders script-built stores lives: TULNA_CHROMIUM when set, else
// Debian's /usr/bin/chromium, else the build shipped inside the @sparticuz/chromium npm package
// (unpacked once to the temp folder, about 200 MB), so a machine without a system browser works too.
import { accessSync, constants, existsSync } from 'node:fs';

/** The variable that names the browser to use. */
export const CHROMIUM_VARIABLE = 'TULNA_CHROMIUM';
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ResolvedChromium {
  path: string;
  source: 'override' | 'system' | '@sparticuz/chromium';
  /** The variable that named it, for 'override'. */
  variable?: string;
}

export interface ResolveChromiumOptions {
  /** Variables read in order (default [TULNA_CHROMIUM]); the tests also honour Lighthouse's CHROMIUM_PATH. */
  variables?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** Default /usr/bin/chromium. */
  systemPath?: string;
}

/** No browser anywhere: says every place that was tried and why it failed. */
export class ChromiumNotFoundError extends Error {
  constructor(readonly tried: string[], cause?: unknown) {
    super(`No Chromium to render pages with. Tried: ${tried.join('; ')}`, { cause });
    this.name = 'ChromiumNotFoundError';
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the browser. A variable that is set but names no executable file is an error (a typo
 * must not silently fall back to another browser). Unpacking the npm build is not safe in
 * parallel: call this once per process (the pool does, on its first launch).
 */
export async function resolveChromium(options: ResolveChromiumOptions = {}): Promise<ResolvedChromium> {
  const env = options.env ?? process.env;
  const systemPath = options.systemPath ?? SYSTEM_CHROMIUM;
  const tried: string[] = [];
  for (const variable of options.variables ?? [CHROMIUM_VARIABLE]) {
    const path = env[variable]?.trim();
    if (!path) {
      tried.push(`${variable} (unset)`);
      continue;
    }
    if (!executable(path)) {
      throw new ChromiumNotFoundError([...tried, `${variable}=${path} (not an executable file)`]);
    }
    return { path, source: 'override', variable };
  }
  if (existsSync(systemPath)) {
    if (executable(systemPath)) return { path: systemPath, source: 'system' };
    tried.push(`${systemPath} (exists but is not executable)`);
  } else {
    tried.push(`${systemPath} (does not exist)`);
  }
  try {
    const { default: packaged } = await import('@sparticuz/chromium');
    return { path: await packaged.executablePath(), source: '@sparticuz/chromium' };
  } catch (error) {
    tried.push(`the @sparticuz/chromium npm package (${(error as Error).message})`);
    throw new ChromiumNotFoundError(tried, error);
  }
}

export function describeChromium({ path, source, variable }: ResolvedChromium): string {
  if (source === 'system') return `Chromium ${path} (system)`;
  if (source === 'override') return `Chromium ${path} (from ${variable ?? CHROMIUM_VARIABLE})`;
  return `Chromium from @sparticuz/chromium (${path})`;
}
