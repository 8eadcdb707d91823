// The site's public origin for absolute links (feeds): TULNA_PUBLIC_URL when set, else the host the
// request was sent to (Astro's own request URL says "localhost", see astro.config.mjs).
import { environmentSection } from '../../config/environment.ts';

export function siteOrigin(request: Request): string {
  let configured: string | undefined;
  try {
    configured = environmentSection('alerts').TULNA_PUBLIC_URL;
  } catch {
    // A mistake elsewhere in the alerts settings must not take the feeds down; it is reported there.
  }
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const host = request.headers.get('Host');
  if (host && /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i.test(host)) return `${url.protocol}//${host.toLowerCase()}`;
  return url.origin;
}
