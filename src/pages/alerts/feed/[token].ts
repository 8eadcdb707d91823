// GET /alerts/feed/<token>: a follower's private Atom feed of their announcements.
import type { APIRoute } from 'astro';
import { checkFollowerToken, followerEvents } from '../../../features/alerts/alerts.server.ts';
import { eventHeadline } from '../../../../domain/alert-headline.ts';
import { ATOM_CONTENT_TYPE, renderAtomFeed } from '../../../lib/atom.ts';
import { retryAfterSeconds } from '../../../lib/rate-limit.ts';
import { siteOrigin } from '../../../lib/site-origin.ts';

export const GET: APIRoute = async ({ params, clientAddress, request }) => {
  const check = await checkFollowerToken(params.token ?? '', 'feed', clientAddress);
  if (!check.ok) {
    return new Response('No feed here\n', {
      status: check.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...(check.retryAfterMs ? { 'Retry-After': retryAfterSeconds(check.retryAfterMs) } : {}) },
    });
  }
  const events = await followerEvents(check.value);
  const origin = siteOrigin(request);
  const host = new URL(origin).host;
  const xml = renderAtomFeed({
    id: `tag:${host},2026:alerts/${check.value.id}`,
    title: 'Your Tulna alerts',
    author: 'Tulna',
    fallbackUpdated: check.value.createdAt,
    links: [{ href: `${origin}${new URL(request.url).pathname}`, rel: 'self', type: 'application/atom+xml' }],
    entries: events.map((event) => ({
      id: `tag:${host},2026:alert/${event.id}`,
      title: eventHeadline(event),
      updated: event.createdAt,
      link: `${origin}/p/${event.productId}`,
      summary: eventHeadline(event),
    })),
  });
  return new Response(xml, { headers: { 'Content-Type': ATOM_CONTENT_TYPE, 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' } });
};
