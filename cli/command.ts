// What a `tulna` command is: the contract between the dispatcher (cli/main.ts) and the modules
// under cli/commands/. Commands import it from here, so only main imports the commands.
import type { ParseArgsConfig } from 'node:util';

export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Flags as parsed by the command's own `options`. */
  flags: Record<string, string | boolean | string[] | undefined>;
}

export interface Command {
  summary: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  run(context: CommandContext): Promise<number>;
}
