// The project's own import graph, read from the source: every relative import of every .ts, .mjs
// and .astro file under the top-level folders, resolved to a file path relative to the root.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['bin', 'cli', 'crawlers', 'db', 'domain', 'search', 'src', 'bench'];
const EXTENSIONS = /\.(ts|mts|mjs|astro)$/;
// import … from '…', export … from '…', import('…'), side-effect import '…'.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm;

function walk(folder: string, out: string[]): void {
  for (const name of readdirSync(folder)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (EXTENSIONS.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
}

/** Only the code part of an .astro file (its frontmatter and scripts) imports anything. */
function sourceOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.astro')) return text;
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [front, ...scripts].join('\n');
}

/** file → the project files it imports (type-only imports included: they are arrows too). */
export function readImportGraph(): Map<string, string[]> {
  const files: string[] = [];
  for (const folder of FOLDERS) {
    try {
      walk(join(ROOT, folder), files);
    } catch {
      // A folder that does not exist has no imports.
    }
  }
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const match of sourceOf(file).matchAll(SPECIFIER)) {
      const specifier = match[2];
      if (!specifier.startsWith('.')) continue;
      targets.push(relative(ROOT, resolve(dirname(file), specifier)));
    }
    graph.set(relative(ROOT, file), targets);
  }
  return graph;
}

/** Strongly connected components with more than one file: the import circles. */
export function importCircles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return circles;
}

/** Every arrow from a file under `from` to a file under `to` (folders relative to the root). */
export function arrows(graph: Map<string, string[]>, from: string, to: string): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    if (!file.startsWith(`${from}/`)) continue;
    for (const target of targets) if (target.startsWith(`${to}/`)) found.push(`${file} → ${target}`);
  }
  return found;
}
