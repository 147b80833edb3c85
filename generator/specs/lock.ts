import { createHash } from 'node:crypto';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** specs/lock.json: every spec file → its sha256 and size, so a spec update shows up in review. */
export interface SpecLock {
  files: Record<string, { sha256: string; size: number }>;
}

export interface LockChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Spec files are WSDLs, OpenAPI documents and the error-code list, at any depth (history/). */
export function isSpecFile(name: string): boolean {
  return name.endsWith('.wsdl') || name.endsWith('.openapi.json') || name === 'error-codes.json';
}

/** Relative paths of the spec files under `dir`, sorted, with `/` separators. */
export async function listSpecFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (isSpecFile(entry.name)) out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

export async function computeLock(dir: string): Promise<SpecLock> {
  const files: SpecLock['files'] = {};
  for (const rel of await listSpecFiles(dir)) {
    const data = await readFile(join(dir, rel));
    files[rel] = { sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
  }
  return { files };
}

export async function readLock(path: string): Promise<SpecLock | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as SpecLock;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${path}: ${(e as Error).message}`);
  }
}

export async function writeLock(path: string, lock: SpecLock): Promise<void> {
  await writeFile(path, JSON.stringify(lock, null, 2) + '\n');
}

export function compareLocks(previous: SpecLock | undefined, next: SpecLock): LockChanges {
  const before = previous?.files ?? {};
  const added: string[] = [];
  const changed: string[] = [];
  for (const [file, info] of Object.entries(next.files)) {
    const old = before[file];
    if (!old) added.push(file);
    else if (old.sha256 !== info.sha256) changed.push(file);
  }
  const removed = Object.keys(before).filter((f) => !(f in next.files));
  return { added, changed, removed };
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
