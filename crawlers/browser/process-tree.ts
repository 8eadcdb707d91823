// The processes under a root process, read from Linux's /proc: the pool uses it to find and kill a
// wedged browser and renderers that eat memory, the tests to prove no Chromium is left, and the
// benchmark to add up the resident memory of Node and every Chromium process together.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Short command name (/proc/<pid>/stat), e.g. "chromium" or "headless_shell". */
  name: string;
  /** Resident set size in bytes. */
  rssBytes: number;
  /** The command line, arguments joined by spaces (empty for kernel threads and zombies). */
  commandLine: string;
}

const PAGE_SIZE = 4096;

function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (name) state ppid …": the name may hold spaces and parentheses, so split at the last ')'.
    const close = stat.lastIndexOf(')');
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const ppid = Number(fields[1]);
    // statm's second field is resident pages.
    const rssPages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1] ?? 0);
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid, name, rssBytes: rssPages * PAGE_SIZE, commandLine };
  } catch {
    return null; // gone between the listing and the read
  }
}

/** Every process on the machine (those this user may read). Empty where /proc does not exist. */
export function listProcesses(): ProcessInfo[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: ProcessInfo[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const info = readProcess(Number(name));
    if (info) found.push(info);
  }
  return found;
}

/** The descendants of `rootPid` (not the root itself). */
export function descendantsOf(rootPid: number, processes: ProcessInfo[] = listProcesses()): ProcessInfo[] {
  const children = new Map<number, ProcessInfo[]>();
  for (const info of processes) {
    const list = children.get(info.ppid) ?? [];
    list.push(info);
    children.set(info.ppid, list);
  }
  const result: ProcessInfo[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      result.push(child);
      queue.push(child.pid);
    }
  }
  return result;
}

/** Resident memory of a process and all its descendants, in bytes. */
export function treeRssBytes(rootPid: number = process.pid): number {
  const processes = listProcesses();
  const root = processes.find((info) => info.pid === rootPid);
  return (root?.rssBytes ?? 0) + descendantsOf(rootPid, processes).reduce((sum, info) => sum + info.rssBytes, 0);
}
