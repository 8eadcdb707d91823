// The retailer pages' own check behind the middleware's: a page reached without a logged-in
// account (a new spelling, a new route, a middleware slip) still answers 404, never another's data.

export interface SignedInAccount {
  id: number;
  email: string;
  role: 'retailer' | 'admin';
}

/** The account, or the 404 to answer. */
export function signedIn(locals: App.Locals): SignedInAccount | Response {
  const account = locals.account;
  if (account && Number.isSafeInteger(account.id)) return account;
  return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** Headers of every retailer answer: private to this account, never cached by anyone else, never indexed. */
export const PRIVATE_HEADERS: Record<string, string> = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex, nofollow' };
