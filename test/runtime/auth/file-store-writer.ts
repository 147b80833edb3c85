/**
 * Child process of the crash test: saves numbered token sets to a FileTokenStore in a loop
 * and prints each number after its save resolved, until it is killed.
 * Usage: node --import tsx file-store-writer.ts <path> <first-number>
 */
import { FileTokenStore } from '../../../runtime/src/auth/file-token-store.ts';

export const PADDING = 1024 * 1024;

export function tokensFor(n: number) {
  return { accessToken: `at-${n}-${'x'.repeat(PADDING)}`, refreshToken: `rt-${n}`, expiresAt: n };
}

async function main(): Promise<void> {
  const [path, first] = process.argv.slice(2);
  if (path === undefined || first === undefined)
    throw new Error('usage: file-store-writer.ts <path> <first-number>');
  const store = new FileTokenStore(path);
  for (let n = Number(first); ; n += 1) {
    await store.save(tokensFor(n));
    process.stdout.write(`${n}\n`);
  }
}

if (process.argv[1]?.endsWith('file-store-writer.ts')) void main();
