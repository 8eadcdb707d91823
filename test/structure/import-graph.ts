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
  // Comments may quote words like `from "…"`: only code counts.
  const text = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  if (!path.endsWith('.astro')) return text;
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  const scripts = [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [front, ...scripts].join('\n');
}

/** file → the project files it imports (type-only imports included: they are arrows too). */
export function readImportGraph(): Map<string, string[]> {
  return readImports().graph;
}

/** file → the packages it imports ("zod", "node:fs"), by bare specifier. */
export function readPackageImports(): Map<string, string[]> {
  return readImports().packages;
}

function readImports(): { graph: Map<string, string[]>; packages: Map<string, string[]> } {
  const files: string[] = [];
  for (const folder of FOLDERS) {
    try {
      walk(join(ROOT, folder), files);
    } catch {
      // A folder that does not exist has no imports.
    }
  }
  const graph = new Map<string, string[]>();
  const packages = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    const bare: string[] = [];
    for (const match of sourceOf(file).matchAll(SPECIFIER)) {
      const specifier = match[2];
      if (specifier.startsWith('.')) targets.push(relative(ROOT, resolve(dirname(file), specifier)));
      else bare.push(specifier);
    }
    graph.set(relative(ROOT, file), targets);
    packages.set(relative(ROOT, file), bare);
  }
  return { graph, packages };
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

/**
 * The layers, each with the folders it may import besides its own (packages aside). Anything not
 * listed may not be imported: an arrow that runs back up, or across (crawlers ↔ src), is a finding.
 */
export const LAYER_RULES: Record<string, readonly string[]> = {
  domain: [],
  config: ['domain'],
  db: ['domain', 'config'],
  search: ['db', 'domain', 'config'],
  crawlers: ['db', 'domain', 'config', 'search'],
  src: ['db', 'domain', 'config', 'search'],
  cli: ['crawlers', 'db', 'domain', 'config', 'search'],
  bin: ['cli'],
};

/** Inside crawlers/: lower layers never import higher ones (normalise reads text, extract reads pages). */
export const CRAWLER_ORDER: readonly string[] = ['normalise', 'extract'];

const layerOf = (file: string) => file.split('/')[0];

/** Every arrow the layer rules forbid, as "from → to". */
export function layerViolations(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    const allowed = LAYER_RULES[from];
    if (!allowed) continue;
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== from && !allowed.includes(to)) found.push(`${file} → ${target}`);
      if (from === 'crawlers' && to === 'crawlers') {
        const [fromPart, toPart] = [file.split('/')[1], target.split('/')[1]];
        const [i, j] = [CRAWLER_ORDER.indexOf(fromPart), CRAWLER_ORDER.indexOf(toPart)];
        if (i >= 0 && j > i) found.push(`${file} → ${target}`);
      }
    }
  }
  return found;
}
