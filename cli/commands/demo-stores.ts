// `tulna demo-stores`: serve the five demo stores on 127.0.0.1 until Ctrl-C.
import type { Command } from '../command.ts';

function parseInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new Error(`--${name} expects a whole number, found "${text}"`);
  return Number(text);
}

export const command: Command = {
  summary: 'Serve the demo stores (realistic fake shops with a moving market) on 127.0.0.1',
  usage: 'tulna demo-stores [--port-base 4401] [--seed 1] [--tick-minutes 10]',
  options: {
    'port-base': { type: 'string' },
    seed: { type: 'string' },
    'tick-minutes': { type: 'string' },
  },
  async run({ flags }) {
    const { startDemoStores } = await import('../../crawlers/demo/index.ts');
    const basePort = parseInteger(flags['port-base'], 'port-base', 4401);
    const seed = parseInteger(flags.seed, 'seed', 1);
    const tickMinutes = parseInteger(flags['tick-minutes'], 'tick-minutes', 10);
    if (tickMinutes < 1) throw new Error(`--tick-minutes expects at least 1, found ${tickMinutes}`);
    const demo = await startDemoStores({ basePort, seed, marketTickMs: tickMinutes * 60_000 });
    const lines = demo.stores.map(
      (store) =>
        `  ${store.profile.name.padEnd(20)} ${store.baseUrl}/  (${store.profile.kind}, ${store.profile.currency}, ${store.inventory.listings.length} products)`,
    );
    process.stdout.write(
      `Demo stores (seed ${seed}, the market moves every ${tickMinutes} min):\n${lines.join('\n')}\nPress Ctrl-C to stop.\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await demo.close();
    process.stdout.write('Demo stores stopped.\n');
    return 0;
  },
};
