import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One service of specs/manifest.json. */
export interface ServiceManifestEntry {
  id: string;
  soapService: string;
  clientClass: string;
  hosts: { production: string; sandbox: string };
  soapPath: string;
  restBasePath: string;
  wsdlUrls: { production: string; sandbox: string };
  docsSlug: string;
  files: { wsdl: string; openapi: string };
}

export interface Manifest {
  apiVersion: string;
  errorCodes: string;
  history: string[];
  services: ServiceManifestEntry[];
}

/**
 * The repository root: the nearest folder above this file that holds specs/manifest.json.
 * Found by walking up because this module runs both from generator/ (tsx, tests) and from
 * its compiled copy in dist/generator/.
 */
export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let dir = start; ; ) {
    if (existsSync(join(dir, 'specs', 'manifest.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find specs/manifest.json above ${start}`);
    dir = parent;
  }
}
/** Where `npm run specs` puts the spec files and where the committed manifest and lock live. */
export const SPECS_DIR = join(REPO_ROOT, 'specs');

let cached: Manifest | undefined;

export function loadManifest(): Manifest {
  cached ??= JSON.parse(readFileSync(join(SPECS_DIR, 'manifest.json'), 'utf8')) as Manifest;
  return cached;
}

export function serviceIds(): string[] {
  return loadManifest().services.map((s) => s.id);
}

/** The manifest entry of a service id; throws a message listing the valid ids. */
export function findService(id: string): ServiceManifestEntry {
  const entry = loadManifest().services.find((s) => s.id === id);
  if (!entry) {
    throw new Error(`unknown service '${id}'; expected one of: ${serviceIds().join(', ')}`);
  }
  return entry;
}
