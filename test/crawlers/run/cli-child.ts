// Runs `node bin/tulna.mjs …` as a real child process: output collected, waits for text or exit,
// and a SIGKILL in the middle, as a crash would do it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliChild {
  process: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the child is gone. */
  exited: Promise<number | string>;
  /** Resolves when `test` holds for the stderr text so far; rejects if the child exits first. */
  waitForStderr(test: (text: string) => boolean, what: string): Promise<void>;
}

export function runCli(args: string[], env: Record<string, string>): CliChild {
  const { TYPESENSE_URL, TYPESENSE_API_KEY, DATABASE_URL, TULNA_DATA_DIR, TULNA_STORES, ...inherited } = process.env;
  const child = spawn(process.execPath, ['bin/tulna.mjs', ...args], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'production', TULNA_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
    for (const watcher of watchers) watcher();
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    process: child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForStderr: (test, what) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!test(err)) return;
          watchers.delete(check);
          resolve();
        };
        watchers.add(check);
        check();
        void exited.then((code) => {
          if (!watchers.has(check)) return;
          watchers.delete(check);
          reject(new Error(`tulna ${args.join(' ')} exited (${code}) before ${what}; stderr ends:\n${err.slice(-2_000)}`));
        });
      }),
  };
}

/** Kills the child with SIGKILL (no cleanup runs, as in a crash) and waits until it is gone. */
export async function killHard(child: CliChild): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
}

/** The last non-empty line of a text. */
export function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}
