// The retailer pages' own check behind the middleware's: a page reached without a logged-in
// account (a new spelling, a new route, a middleware slip) still answers 404, never another's data.

import type { SessionAccount } from '../../../db/queries/accounts/sessions.ts';

/** The account the middleware found for this request. */
export type SignedInAccount = SessionAccount;

/** The account, or the 404 to answer. */
export function signedIn(locals: App.Locals): SignedInAccount | Response {
  const account = locals.account;
  if (account && Number.isSafeInteger(account.id)) return account;
  return notFound();
}

/**
 * The one answer for what is not this account's and for what does not exist: nothing tells them
 * apart. (The middleware makes every answer of a signed-in route private and uncached.)
 */
export function notFound(): Response {
  return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** A 400 in plain words, for a route that answers a file rather than a page. */
export function badRequest(issues: { path: string; message: string }[]): Response {
  return new Response(`${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
