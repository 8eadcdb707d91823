#!/usr/bin/env node
// The `tulna` command. TypeScript sources run through tsx, so there is no separate build step for the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
