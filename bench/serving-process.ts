// The site benchmarks' server: this same script forked with `--serve`, which seeds a database,
// serves the built site and reports what the load needs (its URL, ids, tokens) over IPC once ready.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startServingProcess<Ready>(scriptUrl: string, args: string[]): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = fork(fileURLToPath(scriptUrl), ['--serve', ...args], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`The site process exited with code ${code} before it was ready`)));
  });
  return { child, ready };
}
