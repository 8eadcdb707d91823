// Accounts: retailers and administrators, found by their lowercased email. Changing a password
// voids every session and reset link issued before it (password_changed_at).
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { accounts, ACCOUNT_ROLES, passwordResets, sessions, type Account, type AccountRole } from '../../retailers-schema.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

/** An email address as it is stored and looked up: trimmed, lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Thrown by createAccount when the address already has an account. */
export class DuplicateAccountError extends Error {
  constructor(readonly email: string) {
    super(`An account with the email ${email} already exists`);
    this.name = 'DuplicateAccountError';
  }
}

export interface NewAccount {
  email: string;
  password: string;
  role?: AccountRole;
  /** The address is known to be the owner's (bootstrap, CLI, demo): default true; a sign-up passes false. */
  verified?: boolean;
}

function checkRole(role: string): AccountRole {
  if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) throw new TypeError(`expected a role of ${ACCOUNT_ROLES.join(' or ')}, got "${role}"`);
  return role as AccountRole;
}

/** Creates an account (the password hashed with scrypt); throws DuplicateAccountError when the address is taken. */
export async function createAccount(db: Database, { email, password, role = 'retailer', verified = true }: NewAccount, now = new Date()): Promise<Account> {
  const address = normaliseEmail(email);
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new TypeError(`expected an email address, got "${email.slice(0, 100)}"`);
  const passwordHash = await hashPassword(password);
  const [account] = await db
    .insert(accounts)
    .values({ email: address, passwordHash, role: checkRole(role), createdAt: now, passwordChangedAt: now, emailVerifiedAt: verified ? now : null })
    .onConflictDoNothing({ target: accounts.email })
    .returning();
  if (!account) throw new DuplicateAccountError(address);
  return account;
}

export async function findAccountByEmail(db: Database, email: string): Promise<Account | undefined> {
  const [account] = await db.select().from(accounts).where(eq(accounts.email, normaliseEmail(email)));
  return account;
}

export async function getAccount(db: Database, id: number): Promise<Account | undefined> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, id));
  return account;
}

/**
 * Sets a new password hash and voids what the old password opened: every session of the account,
 * its unused reset links (issued before password_changed_at).
 */
export async function setPasswordHash(db: Database, accountId: number, passwordHash: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, passwordChangedAt: now }).where(eq(accounts.id, accountId));
    await tx.delete(sessions).where(eq(sessions.accountId, accountId));
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.accountId, accountId), isNull(passwordResets.usedAt)));
  });
}

/** Changes the password: hashed anew, every session ended, every reset link voided. */
export async function changePassword(db: Database, accountId: number, newPassword: string, now = new Date()): Promise<void> {
  await setPasswordHash(db, accountId, await hashPassword(newPassword), now);
}

/**
 * The same password hashed again at today's cost (a login found an older one): nothing else changes,
 * sessions stay.
 */
export async function upgradePasswordHash(db: Database, accountId: number, passwordHash: string): Promise<void> {
  await db.update(accounts).set({ passwordHash }).where(eq(accounts.id, accountId));
}

/** Disables an account (its sessions and tokens stop working at once) or enables it again. */
export async function setAccountDisabled(db: Database, accountId: number, disabled: boolean, now = new Date()): Promise<void> {
  await db.update(accounts).set({ disabledAt: disabled ? now : null }).where(eq(accounts.id, accountId));
}

export type EnsureAction = 'created' | 'updated' | 'unchanged';

/**
 * Makes sure an account with this email, password and role exists (the administrator `tulna start`
 * bootstraps from TULNA_ADMIN_EMAIL / TULNA_ADMIN_PASSWORD): created when missing, its password
 * and role set when they differ (a new password ends its sessions), else left alone.
 */
export async function ensureAccount(db: Database, wanted: Required<Omit<NewAccount, 'verified'>>, now = new Date()): Promise<{ account: Account; action: EnsureAction }> {
  const existing = await findAccountByEmail(db, wanted.email);
  if (!existing) {
    try {
      return { account: await createAccount(db, wanted, now), action: 'created' };
    } catch (error) {
      // Another process made it in between: judge that one.
      if (!(error instanceof DuplicateAccountError)) throw error;
      return ensureAccount(db, wanted, now);
    }
  }
  // Whoever configures the bootstrap owns the address: an unconfirmed sign-up of it is taken over.
  if (existing.emailVerifiedAt === null) await markEmailVerified(db, existing.id, now);
  const samePassword = await verifyPassword(wanted.password, existing.passwordHash);
  const role = checkRole(wanted.role);
  if (samePassword && existing.role === role) return { account: existing, action: 'unchanged' };
  if (!samePassword) await changePassword(db, existing.id, wanted.password, now);
  if (existing.role !== role) await db.update(accounts).set({ role }).where(eq(accounts.id, existing.id));
  const account = await getAccount(db, existing.id);
  if (!account) throw new Error(`account ${existing.id} (${existing.email}) vanished while being updated`);
  return { account, action: 'updated' };
}

/** The owner proved the address (a sign-up link or a reset link followed); the first proof counts. */
export async function markEmailVerified(db: Database, accountId: number, now = new Date()): Promise<void> {
  await db.update(accounts).set({ emailVerifiedAt: now }).where(and(eq(accounts.id, accountId), isNull(accounts.emailVerifiedAt)));
}
