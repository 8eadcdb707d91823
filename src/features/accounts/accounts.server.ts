// The site's side of accounts: sign-up (confirmed by a mailed link), login, logout, password reset.
// Login answers the same for an unknown address and a wrong password, after the same scrypt work;
// failures are limited per client address and per account (429 with Retry-After). A reset request
// always answers the same; its link goes out through the outbox.
import { stripBidiControls } from '../../../domain/text.ts';
import { queueAccountEmail } from '../../../db/queries/accounts/account-mail.ts';
import { createAccount, DuplicateAccountError, findAccountByEmail, getAccount, markEmailVerified, upgradePasswordHash } from '../../../db/queries/accounts/accounts.ts';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from '../../../db/queries/accounts/passwords.ts';
import { consumeReset, createReset, findReset } from '../../../db/queries/accounts/password-resets.ts';
import { createSession, revokeSession, type SessionAccount } from '../../../db/queries/accounts/sessions.ts';
import { isValidToken, makeToken, publicSiteUrl, siteKey, tokenId } from '../../../db/queries/alerts/tokens.ts';
import type { Database } from '../../../db/client.ts';
import type { Account } from '../../../db/retailers-schema.ts';
import { getDb } from '../../lib/context.server.ts';
import { retryAfterSeconds } from '../../lib/rate-limit.ts';
import { formFields, issuesText, loginSchema, newPasswordSchema, resetRequestSchema, safeNextPath, signUpSchema } from './account-forms.ts';
import { accountLimits } from './limits.ts';

export type Refusal = { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429; message: string; retryAfterMs?: number };

/** A login or a sign-up that worked: the new session's secret (for the cookie) and where to go. */
export type SessionStarted = { ok: true; secret: string; account: SessionAccount; redirect: string };

const WRONG_CREDENTIALS = 'Wrong email or password.';
const TOO_MANY = 'Too many failed attempts: try again later.';

/** Where an account lands after logging in, unless the login said where (`next`, same site only). */
export function landingPath(account: Pick<SessionAccount, 'role'>, next?: unknown): string {
  return safeNextPath(next) ?? (account.role === 'admin' ? '/admin' : '/retailer');
}

/** What a sign-up answers, whether the address was new, taken or waiting: nothing tells them apart. */
export type SignUpAnswer = { ok: true; email: string } | Refusal;

const hourOf = (now: Date) => now.toISOString().slice(0, 13);

function verifyMail(email: string, link: string) {
  return {
    subject: 'Confirm your Tulna account',
    text:
      `Someone (we hope you) made a Tulna retailer account for ${stripBidiControls(email)}.\n\n` +
      `Confirm it and log in here: ${link}\n\n` +
      'If it was not you, ignore this mail: nothing can be done with the account until it is confirmed.\n',
  };
}

function alreadyMail(email: string, base: string) {
  return {
    subject: 'You already have a Tulna account',
    text:
      `Someone (we hope you) tried to make a Tulna account for ${stripBidiControls(email)}, which already has one.\n\n` +
      `Log in: ${base}/account/login\nForgot the password? ${base}/account/reset\n\n` +
      'If it was not you, ignore this mail: nothing changed.\n',
  };
}

/** The link that confirms an account: valid until it is used (HMAC of the account id and its creation time). */
async function verifyLink(db: Database, account: Account): Promise<string> {
  const token = makeToken(await siteKey(db), 'account-verify', account.id, account.createdAt.toISOString());
  return `${publicSiteUrl()}/account/verify/${token}`;
}

/**
 * Makes an unconfirmed retailer account and mails the link that confirms it. The answer is the same
 * for a new, a taken and an unconfirmed address (the owner of a taken one gets a mail saying so,
 * an unconfirmed one its link again, each at most once an hour), so sign-up tells no one who has an account.
 */
export async function signUp(form: FormData | undefined, clientAddress: string, now = new Date()): Promise<SignUpAnswer> {
  const { signUps } = accountLimits;
  const waitMs = signUps.retryAfterMs(clientAddress);
  if (waitMs > 0) return { ok: false, status: 429, message: 'Too many sign-ups from your address: try again later.', retryAfterMs: waitMs };
  const parsed = signUpSchema.safeParse(formFields(form));
  if (!parsed.success) return { ok: false, status: 400, message: issuesText(parsed.error) };
  signUps.recordFailure(clientAddress);
  const db = await getDb();
  let account: Account;
  let isNew = true;
  try {
    account = await createAccount(db, { ...parsed.data, role: 'retailer', verified: false }, now);
  } catch (error) {
    if (!(error instanceof DuplicateAccountError)) throw error;
    const found = await findAccountByEmail(db, parsed.data.email);
    if (!found) throw error;
    account = found;
    isNew = false;
  }
  if (account.disabledAt === null) {
    const waiting = account.emailVerifiedAt === null;
    await queueAccountEmail(db, {
      accountId: account.id,
      destination: account.email,
      dedupeKey: waiting ? `verify:${account.id}:${isNew ? 'new' : hourOf(now)}` : `signup-exists:${account.id}:${hourOf(now)}`,
      payload: waiting ? verifyMail(account.email, await verifyLink(db, account)) : alreadyMail(account.email, publicSiteUrl()),
    });
  }
  return { ok: true, email: account.email };
}

/** Confirms the account a sign-up link names and logs it in; a used, wrong or guessed link is a 404 (guesses limited per address). */
export async function confirmSignUp(token: string, clientAddress: string): Promise<SessionStarted | Refusal> {
  const { resetGuesses } = accountLimits;
  const waitMs = resetGuesses.retryAfterMs(clientAddress);
  if (waitMs > 0) return { ok: false, status: 429, message: TOO_MANY, retryAfterMs: waitMs };
  const db = await getDb();
  const id = tokenId(token);
  const account = id === null ? undefined : await getAccount(db, id);
  const valid = account !== undefined && isValidToken(await siteKey(db), 'account-verify', token, account.id, account.createdAt.toISOString());
  if (!account || !valid || account.emailVerifiedAt !== null || account.disabledAt !== null) {
    resetGuesses.recordFailure(clientAddress);
    return { ok: false, status: 404, message: 'This link is not valid (any more). Confirmed already? Log in.' };
  }
  await markEmailVerified(db, account.id);
  const { secret } = await createSession(db, account.id);
  const signedIn = { id: account.id, email: account.email, role: account.role };
  return { ok: true, secret, account: signedIn, redirect: landingPath(signedIn) };
}

/**
 * Checks an email and password and starts a session. An unknown address costs the same scrypt
 * work as a wrong password and gets the same answer; a locked-out address or account is refused
 * before its guess is judged, right or wrong.
 */
export async function logIn(form: FormData | undefined, clientAddress: string): Promise<SessionStarted | Refusal> {
  const { byAddress, byAccount } = accountLimits.login;
  const fields = formFields(form);
  const parsed = loginSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, status: 400, message: issuesText(parsed.error) };
  const { email, password, next } = parsed.data;
  const locked = Math.max(byAddress.retryAfterMs(clientAddress), byAccount.retryAfterMs(email));
  if (locked > 0) return { ok: false, status: 429, message: TOO_MANY, retryAfterMs: locked };
  const db = await getDb();
  const found = await findAccountByEmail(db, email);
  const matches = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
  if (!found || !matches || found.disabledAt !== null) {
    const lock = Math.max(byAddress.recordFailure(clientAddress), byAccount.recordFailure(email));
    return lock > 0 ? { ok: false, status: 429, message: TOO_MANY, retryAfterMs: lock } : { ok: false, status: 401, message: WRONG_CREDENTIALS };
  }
  byAddress.recordSuccess(clientAddress);
  byAccount.recordSuccess(email);
  // Told only to whoever knows the password: the address is theirs to confirm.
  if (found.emailVerifiedAt === null) return { ok: false, status: 403, message: 'Confirm your address first: follow the link we mailed you (sign up again to have it sent again).' };
  if (needsRehash(found.passwordHash)) await upgradePasswordHash(db, found.id, await hashPassword(password));
  const account = { id: found.id, email: found.email, role: found.role };
  const { secret } = await createSession(db, found.id);
  return { ok: true, secret, account, redirect: landingPath(account, next) };
}

/** Ends the session whose secret the cookie held (a missing one is fine). */
export async function logOut(secret: string | undefined): Promise<void> {
  if (secret) await revokeSession(await getDb(), secret);
}

function resetMail(email: string, link: string) {
  const address = stripBidiControls(email);
  return {
    subject: 'Reset your Tulna password',
    text:
      `Someone (we hope you) asked to reset the password of the Tulna account ${address}.\n\n` +
      `Choose a new password here, within an hour: ${link}\n\n` +
      'If it was not you, ignore this mail: your password stays as it is, and the link expires by itself.\n',
  };
}

/**
 * Queues a reset link for the address when it has an account (at most 3 an hour per account), in
 * the same transaction as the link. The answer is the same whether it has one or not.
 */
export async function requestPasswordReset(form: FormData | undefined, clientAddress: string): Promise<{ ok: true; email: string } | Refusal> {
  const { resetRequests } = accountLimits;
  const waitMs = resetRequests.retryAfterMs(clientAddress);
  if (waitMs > 0) return { ok: false, status: 429, message: 'Too many reset requests from your address: try again later.', retryAfterMs: waitMs };
  const parsed = resetRequestSchema.safeParse(formFields(form));
  if (!parsed.success) return { ok: false, status: 400, message: issuesText(parsed.error) };
  resetRequests.recordFailure(clientAddress);
  const db = await getDb();
  const account = await findAccountByEmail(db, parsed.data.email);
  if (account && account.disabledAt === null) {
    await db.transaction(async (tx) => {
      const reset = await createReset(tx, account.id);
      if (!reset) return;
      const link = `${publicSiteUrl()}/account/reset/${reset.secret}`;
      await queueAccountEmail(tx, { accountId: account.id, destination: account.email, dedupeKey: `reset:${reset.resetId}`, payload: resetMail(account.email, link) });
    });
  }
  return { ok: true, email: parsed.data.email };
}

export type ResetCheck = { ok: true; account: SessionAccount } | { ok: false; status: 404 | 429; retryAfterMs?: number };

/** The account a reset link would reset; wrong links are limited per client address. */
export async function checkResetToken(token: string, clientAddress: string): Promise<ResetCheck> {
  const { resetGuesses } = accountLimits;
  const waitMs = resetGuesses.retryAfterMs(clientAddress);
  if (waitMs > 0) return { ok: false, status: 429, retryAfterMs: waitMs };
  const account = await findReset(await getDb(), token);
  if (account) return { ok: true, account };
  resetGuesses.recordFailure(clientAddress);
  return { ok: false, status: 404 };
}

/** Sets the new password from a reset link (used once); every session of the account ends. */
export async function completePasswordReset(token: string, form: FormData | undefined, clientAddress: string): Promise<{ ok: true; account: SessionAccount } | Refusal> {
  const check = await checkResetToken(token, clientAddress);
  if (!check.ok) return { ok: false, status: check.status, message: 'This link is not valid (any more): ask for a new one.', retryAfterMs: check.retryAfterMs };
  const parsed = newPasswordSchema.safeParse(formFields(form));
  if (!parsed.success) return { ok: false, status: 400, message: issuesText(parsed.error) };
  const account = await consumeReset(await getDb(), token, await hashPassword(parsed.data.password));
  if (!account) return { ok: false, status: 404, message: 'This link is not valid (any more): ask for a new one.' };
  accountLimits.login.byAccount.recordSuccess(account.email);
  // The link came by mail: its owner has proven the address too.
  await markEmailVerified(await getDb(), account.id);
  return { ok: true, account };
}

/**
 * Headers of every account page: never cached, never indexed, and no referrer to any other site
 * (reset links carry secrets). "same-origin", not "no-referrer": under no-referrer browsers send
 * `Origin: null` with the page's own form, which the cross-site check must refuse.
 */
export function accountPageHeaders(result?: { ok: boolean; retryAfterMs?: number }): Record<string, string> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin', 'X-Robots-Tag': 'noindex' };
  if (result && !result.ok && result.retryAfterMs) headers['Retry-After'] = retryAfterSeconds(result.retryAfterMs);
  return headers;
}
