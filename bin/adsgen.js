#!/usr/bin/env node
// Entry point of the adsgen CLI. The generator is TypeScript run through tsx, so a checkout
// needs no build step before `npm run generate`; the generated packages and the runtime are
// compiled to JavaScript, so their consumers never need tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../generator/cli.ts');
process.exitCode = await main(process.argv.slice(2));
