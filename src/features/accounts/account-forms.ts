// The account forms as a visitor sends them: every field checked (zod), nothing trusted; and the
// one rule for where a login may send its visitor next (same site only: no open redirect).
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

/** A new account's address: one @, a dotted domain, no spaces or control characters, at most 254 characters. */
const newEmail = z
  .string({ required_error: 'enter your email address' })
  .trim()
  .toLowerCase()
  .max(254, 'the email address is too long')
  .regex(/^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'enter an email address such as you@example.com');

/** A login name: any address an account may have (the bootstrap admin's admin@localhost included). */
const loginEmail = z.string({ required_error: 'enter your email address' }).trim().toLowerCase().min(3, 'enter your email address').max(254, 'the email address is too long');

export const newPassword = z
  .string({ required_error: 'choose a password' })
  .min(MIN_PASSWORD_LENGTH, `the password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `the password must have at most ${MAX_PASSWORD_LENGTH} characters`);

export const signUpSchema = z.object({ email: newEmail, password: newPassword });

export const loginSchema = z.object({
  email: loginEmail,
  password: z.string({ required_error: 'enter your password' }).min(1, 'enter your password').max(MAX_PASSWORD_LENGTH, 'wrong email or password'),
  next: z.string().max(2000).optional(),
});

export const resetRequestSchema = z.object({ email: loginEmail });

export const newPasswordSchema = z.object({ password: newPassword });

/** The form's string fields (files and repeated fields aside), for the schemas above. */
export function formFields(form: FormData | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of form?.entries() ?? []) if (typeof value === 'string' && !(name in fields)) fields[name] = value;
  return fields;
}

export function issuesText(error: z.ZodError): string {
  const messages = [...new Set(error.issues.map((issue) => issue.message))];
  const text = messages.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/**
 * Where a login may send its visitor: a path of this site ("/retailer?store=x"), never another site
 * ("//evil.example", "/\\evil.example", "https://…", "javascript:…"). Null for anything else.
 */
export function safeNextPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return null;
  if (!raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f\s]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'http://next.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://next.invalid') return null;
  const path = url.pathname + url.search + url.hash;
  // Encoded slashes a later decoder could turn into "//host".
  return path.startsWith('//') || /^\/%2f/i.test(path) || /^\/%5c/i.test(path) ? null : path;
}
