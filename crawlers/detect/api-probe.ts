// Asks a platform's public endpoint whether the shop runs on it, through the polite fetcher. An
// answer in the platform's own shape settles the question; anything else (404, HTML, another shape)
// leaves only the page markers.
import type { Fetcher } from '../core/types.ts';
import type { PlatformFingerprint, ProbeFacts } from './types.ts';

export type ProbeOutcome = { ok: true; url: string; facts: ProbeFacts } | { ok: false; url: string; reason: string };

export async function probePlatformApi(fetcher: Fetcher, fingerprint: PlatformFingerprint, shopRoot: string): Promise<ProbeOutcome> {
  if (!fingerprint.api) return { ok: false, url: shopRoot, reason: `${fingerprint.label} has no public catalogue endpoint` };
  const url = new URL(fingerprint.api.path, shopRoot).href;
  const outcome = await fetcher.fetch({ url, expect: 'json' });
  if (outcome.kind === 'gone') return { ok: false, url, reason: `answered HTTP ${outcome.status}` };
  if (outcome.kind === 'not_modified') return { ok: false, url, reason: 'answered 304 to an unconditional request' };
  if (outcome.kind === 'error') return { ok: false, url, reason: `${outcome.error.kind}: ${outcome.error.message}` };
  let json: unknown;
  try {
    json = JSON.parse(outcome.body);
  } catch (error) {
    return { ok: false, url, reason: `not JSON (${(error as Error).message})` };
  }
  const read = fingerprint.api.read(json, shopRoot);
  return 'error' in read ? { ok: false, url, reason: read.error } : { ok: true, url, facts: read };
}
