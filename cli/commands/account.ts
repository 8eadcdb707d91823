// `tulna account create --email E --role admin|retailer`: makes an account from the command line
// (the first administrator of a server database, say). The password comes from TULNA_NEW_PASSWORD
// or the first line of stdin, never from the arguments, where `ps` and shell history would keep it.
import { createInterface } from 'node:readline';
import { environmentSection } from '../../config/environment.ts';
import type { Command } from '../command.ts';
import { databaseOptionsFromEnv, openDatabase } from '../../db/client.ts';
import { createAccount, DuplicateAccountError } from '../../db/queries/accounts/accounts.ts';
import { ACCOUNT_ROLES, type AccountRole } from '../../db/retailers-schema.ts';

const MIN_PASSWORD_LENGTH = 12;

async function readPasswordLine(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password for the new account (it is shown as you type; or set TULNA_NEW_PASSWORD): ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) return line;
    return '';
  } finally {
    lines.close();
  }
}

export const command: Command = {
  summary: 'Create an account: tulna account create --email E --role admin|retailer (password: TULNA_NEW_PASSWORD or stdin)',
  usage: 'tulna account create --email <address> [--role retailer|admin]   (password from TULNA_NEW_PASSWORD or one line of stdin)',
  options: { email: { type: 'string' }, role: { type: 'string' } },
  async run({ args, flags }) {
    if (args[0] !== 'create' || args.length !== 1) throw new Error(`expected the subcommand "create", got ${args.length ? `"${args.join(' ')}"` : 'none'}`);
    const email = typeof flags.email === 'string' ? flags.email.trim() : '';
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`--email must be an email address, got ${email ? `"${email}"` : 'none'}`);
    const role = (typeof flags.role === 'string' ? flags.role : 'retailer') as AccountRole;
    if (!ACCOUNT_ROLES.includes(role)) throw new Error(`--role must be ${ACCOUNT_ROLES.join(' or ')}, got "${role}"`);
    const password = environmentSection('admin').TULNA_NEW_PASSWORD ?? (await readPasswordLine());
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password must have at least ${MIN_PASSWORD_LENGTH} characters, got ${password.length}`);

    const handle = await openDatabase({ ...databaseOptionsFromEnv(), migrate: true });
    try {
      const account = await createAccount(handle.db, { email, password, role });
      process.stdout.write(`created ${account.role} account ${account.email} (id ${account.id}) in the ${handle.driver} database at ${handle.location}\n`);
      return 0;
    } catch (error) {
      if (error instanceof DuplicateAccountError) {
        process.stderr.write(`tulna account: ${error.message}; reset its password from /account/reset, or pick another address\n`);
        return 1;
      }
      throw error;
    } finally {
      await handle.close();
    }
  },
};
