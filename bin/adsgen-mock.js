#!/usr/bin/env node
// Entry point of `npm run mock`: the mock Microsoft Advertising server (test infrastructure,
// TypeScript run through tsx like the generator, so it needs no build step).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../mock/src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
