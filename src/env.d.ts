/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Set by the middleware for a session of role admin on an admin route; admin pages require it. */
    adminGranted?: boolean;
    /**
     * The signed-in account: set by the middleware on 'account' and 'admin' routes (always, or the
     * request was refused), on 'api-token' routes (the token's owner), and on the /account pages
     * when a session cookie is valid. Absent everywhere else: public pages never look it up.
     */
    account?: {
      id: number;
      email: string;
      role: 'retailer' | 'admin';
    };
    /**
     * The session's CSRF token, set with `account` on session routes: every state-changing form
     * carries it as the hidden field `csrf` (src/features/accounts/csrf-field.astro) or the
     * X-CSRF-Token header, and the middleware refuses a POST without it (403).
     */
    csrfToken?: string;
    /** On 'api-token' routes: the id of the token the request came with. */
    apiTokenId?: number;
  }
}
