import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServiceModel, specPath } from '../load.ts';
import { SpecError, type Protocol, type ServiceModel } from '../model/index.ts';
import { mergeModels } from '../model/merge.ts';
import { findService, REPO_ROOT, type ServiceManifestEntry } from '../specs/manifest.ts';
import { buildAtomically, writeFiles } from './atomic.ts';
import { emitPackage, type PackageVersions } from './emit-package.ts';
import { Progress } from './progress.ts';

/**
 * `adsgen generate`: for each named service, read both specs, merge them and emit its
 * package (sources and dist/), all in a staging directory; swap the packages into `outDir` only
 * when every service succeeded (./atomic.ts). Services run one after another: the work is
 * CPU-bound and single-threaded, so overlapping them would not finish sooner.
 */

export interface GenerateOptions {
  services: string[];
  specsDir: string;
  /** The `generated/` directory; each service gets `<outDir>/<service-id>/`. */
  outDir: string;
  log: (line: string) => void;
  /** Show per-service progress on stderr (a terminal). */
  tty: boolean;
}

export interface GenerateSummary {
  service: string;
  operations: number;
  types: number;
  ms: number;
  /** The models read (not changed by emitting), for the change summary to reuse. */
  models: Record<Protocol, ServiceModel>;
}

/** A generation failure: which service, and the spec or emitter problem (a SpecError names the file). */
export class GenerateError extends Error {
  override readonly name = 'GenerateError';
  constructor(
    readonly service: string,
    cause: unknown,
  ) {
    super(`generate ${service} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

export async function generate(opts: GenerateOptions): Promise<GenerateSummary[]> {
  const entries = [...new Set(opts.services)].map((id) => findService(id));
  if (entries.length === 0) return [];
  const versions = packageVersions();
  const progress = new Progress(opts.tty, entries.length);
  const summaries: GenerateSummary[] = [];
  try {
    await buildAtomically(
      opts.outDir,
      entries.map((e) => e.id),
      async (staging) => {
        for (const [index, entry] of entries.entries()) {
          summaries.push(
            await generateOne(entry, opts.specsDir, join(staging, entry.id), versions, (what) =>
              progress.phase(index, entry.id, what),
            ),
          );
        }
        progress.phase(
          entries.length - 1,
          entries[entries.length - 1]?.id ?? '',
          'replacing the old packages',
        );
      },
    );
  } finally {
    progress.clear();
  }
  for (const s of summaries)
    opts.log(`${s.service}: ${s.operations} operations, ${s.types} types, ${s.ms} ms`);
  return summaries;
}

async function generateOne(
  entry: ServiceManifestEntry,
  specsDir: string,
  dir: string,
  versions: PackageVersions,
  phase: (what: string) => void,
): Promise<GenerateSummary> {
  const started = performance.now();
  try {
    phase('reading specs');
    const [soap, rest] = await Promise.all([
      load(specsDir, entry, 'soap'),
      load(specsDir, entry, 'rest'),
    ]);
    phase('emitting');
    const pkg = await emitPackage(mergeModels(soap, rest), entry, versions);
    phase('writing');
    await writeFiles(dir, pkg.files);
    return {
      service: entry.id,
      operations: pkg.operations,
      types: pkg.types,
      ms: Math.round(performance.now() - started),
      models: { soap, rest },
    };
  } catch (error) {
    throw new GenerateError(entry.id, error);
  }
}

/** Loads one spec; an error that does not name the file (I/O, a reader bug) gets its path. */
async function load(
  specsDir: string,
  entry: ServiceManifestEntry,
  protocol: Protocol,
): Promise<ServiceModel> {
  try {
    return await loadServiceModel(specsDir, entry.id, protocol);
  } catch (error) {
    if (error instanceof SpecError) throw error;
    const path = specPath(specsDir, entry, protocol);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.includes(path) ? message : `${path}: ${message}`, { cause: error });
  }
}

/** The generated package takes the generator's version and depends on the runtime's (caret range). */
function packageVersions(): PackageVersions {
  const read = (path: string): string =>
    (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  return {
    version: read(join(REPO_ROOT, 'package.json')),
    runtime: `^${read(join(REPO_ROOT, 'runtime', 'package.json'))}`,
  };
}
