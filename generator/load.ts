import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Protocol, ServiceModel } from './model/index.ts';
import { readOpenApi } from './openapi/index.ts';
import { readWsdl } from './wsdl/index.ts';
import { findService, type ServiceManifestEntry } from './specs/manifest.ts';

/**
 * Reads one spec file into a model, choosing the reader by extension. `service` is the id the
 * model is labelled with (a history file has the same id as the current one).
 */
export async function loadSpecFile(path: string, service: string): Promise<ServiceModel> {
  const text = await readFile(path, 'utf8');
  const file = basename(path);
  const model =
    path.endsWith('.wsdl') || path.endsWith('.xml')
      ? readWsdl(text, { file, service })
      : readOpenApi(text, { file, service });
  model.source.sha256 = createHash('sha256').update(text).digest('hex');
  return model;
}

/** The path of one service's spec for a protocol inside a specs directory. */
export function specPath(
  specsDir: string,
  entry: ServiceManifestEntry,
  protocol: Protocol,
): string {
  return join(specsDir, protocol === 'soap' ? entry.files.wsdl : entry.files.openapi);
}

/** Loads a service's model for one protocol from `specsDir`. */
export async function loadServiceModel(
  specsDir: string,
  service: string,
  protocol: Protocol,
): Promise<ServiceModel> {
  return loadSpecFile(specPath(specsDir, findService(service), protocol), service);
}

/** Both models of a service. */
export async function loadServiceModels(
  specsDir: string,
  service: string,
): Promise<{ soap: ServiceModel; rest: ServiceModel }> {
  const [soap, rest] = await Promise.all([
    loadServiceModel(specsDir, service, 'soap'),
    loadServiceModel(specsDir, service, 'rest'),
  ]);
  return { soap, rest };
}
