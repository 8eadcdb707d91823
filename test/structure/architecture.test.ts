// The architecture, checked from the code itself: the domain core imports nothing, the layers import
// only downwards, crawlers and the site never import each other, and no import circle exists.
import { describe, expect, it } from 'vitest';
import { importCircles, layerViolations, readImportGraph, readPackageImports } from './import-graph.ts';

describe('the import graph', () => {
  const graph = readImportGraph();

  it('is read from the whole source tree', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('crawlers/run/pipeline.ts')).toContain('crawlers/run/crawl-store.ts');
    expect([...graph.keys()].some((file) => file.endsWith('.astro'))).toBe(true);
  });

  it('has a domain core that imports nothing: no module of ours outside it, and no package', () => {
    const packages = readPackageImports();
    const outside = [...graph].filter(([file]) => file.startsWith('domain/')).flatMap(([file, targets]) =>
      targets.filter((t) => !t.startsWith('domain/')).map((t) => `${file} → ${t}`),
    );
    const used = [...packages].filter(([file, bare]) => file.startsWith('domain/') && bare.length > 0);
    expect(outside).toEqual([]);
    expect(used).toEqual([]);
  });

  it('imports only downwards: crawlers and src never import each other, nothing imports cli', () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it('has no import circle', () => {
    expect(importCircles(graph)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  const graph = new Map<string, string[]>([
    ['domain/a.ts', ['db/x.ts']],
    ['crawlers/run/a.ts', ['src/lib/b.ts']],
    ['src/lib/b.ts', ['crawlers/run/a.ts']],
    ['crawlers/normalise/c.ts', ['crawlers/extract/d.ts']],
    ['crawlers/extract/d.ts', ['crawlers/normalise/c.ts']],
    ['db/x.ts', ['cli/main.ts']],
  ]);

  it('find every forbidden arrow', () => {
    expect(layerViolations(graph).sort()).toEqual(
      [
        'crawlers/normalise/c.ts → crawlers/extract/d.ts',
        'crawlers/run/a.ts → src/lib/b.ts',
        'db/x.ts → cli/main.ts',
        'domain/a.ts → db/x.ts',
        'src/lib/b.ts → crawlers/run/a.ts',
      ].sort(),
    );
  });

  it('find the circles', () => {
    expect(importCircles(graph).map((c) => c.join(' '))).toEqual(
      expect.arrayContaining(['crawlers/extract/d.ts crawlers/normalise/c.ts', 'crawlers/run/a.ts src/lib/b.ts']),
    );
  });
});
