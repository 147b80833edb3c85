#!/usr/bin/env node
// Entry point of the adsgen CLI. `npm ci` compiles the generator to dist/ (the `prepare`
// script), and this file runs that compiled copy: a TypeScript loader costs ~0.7 s of start-up.
// When dist/ is missing or older than any file under generator/ (a checkout being edited),
// it runs the TypeScript sources through tsx instead, so an edit never runs stale code.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'generator', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function compiledIsFresh() {
  try {
    return statSync(compiled).mtimeMs >= newestMtime(join(root, 'generator'));
  } catch {
    return false;
  }
}

let entry = compiled;
if (process.env.ADSGEN_FROM_SOURCE === '1' || !compiledIsFresh()) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = join(root, 'generator', 'cli.ts');
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
