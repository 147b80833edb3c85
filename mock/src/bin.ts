#!/usr/bin/env node
// The installed package's `adsgen-mock` command (a checkout runs cli.ts through tsx instead).
import { main } from './cli.ts';

process.exitCode = await main(process.argv.slice(2));
