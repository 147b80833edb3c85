import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadServiceModel, specPath } from './load.ts';
import type { Protocol, ServiceModel } from './model/index.ts';
import { findService } from './specs/manifest.ts';

/**
 * The change summary `generate` prints when a spec changed since the previous generate.
 * After each generate the models are kept in `<out>/.adsgen-state/<id>.<protocol>.json`
 * (beside the packages, git-ignored with them); the next generate compares the spec's
 * sha256 with the kept one and, when it differs, diffs the kept model against the new one.
 */
interface Snapshot {
  sha256: string;
  model: ServiceModel;
}

const PROTOCOLS: Protocol[] = ['soap', 'rest'];

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

function statePath(outDir: string, service: string, protocol: Protocol): string {
  return join(outDir, '.adsgen-state', `${service}.${protocol}.json`);
}

type Previous = Map<string, Snapshot | undefined>;

async function loadPrevious(outDir: string, services: string[]): Promise<Previous> {
  const previous: Previous = new Map();
  for (const service of services) {
    for (const protocol of PROTOCOLS) {
      const key = `${service}.${protocol}`;
      try {
        previous.set(
          key,
          JSON.parse(await readFile(statePath(outDir, service, protocol), 'utf8')) as Snapshot,
        );
      } catch {
        previous.set(key, undefined);
      }
    }
  }
  return previous;
}

/**
 * `loaded`: the models generate just read, by `<service>.<protocol>`; one is reused when its
 * sha256 is the file's (not changed since), which spares reading each changed spec twice.
 */
async function summarize(
  specsDir: string,
  outDir: string,
  services: string[],
  previous: Previous,
  loaded: ReadonlyMap<string, ServiceModel> = new Map(),
): Promise<string[]> {
  const { summarizeSpecChanges } = await import('./diff/change-summary.ts');
  const lines: string[] = [];
  await mkdir(join(outDir, '.adsgen-state'), { recursive: true });
  for (const service of services) {
    for (const protocol of PROTOCOLS) {
      const sha = await sha256Of(specPath(specsDir, findService(service), protocol));
      const old = previous.get(`${service}.${protocol}`);
      if (old?.sha256 === sha) continue;
      const read = loaded.get(`${service}.${protocol}`);
      const model =
        read?.source.sha256 === sha ? read : await loadServiceModel(specsDir, service, protocol);
      if (old) {
        const summary = summarizeSpecChanges(old.model, model);
        lines.push(`${service} (${protocol}): spec changed since the last generate`);
        for (const line of summary) lines.push(`  ${line}`);
      }
      const snapshot: Snapshot = { sha256: sha, model };
      await writeFile(statePath(outDir, service, protocol), JSON.stringify(snapshot));
    }
  }
  return lines;
}

export const recordAndSummarize = { loadPrevious, summarize };
