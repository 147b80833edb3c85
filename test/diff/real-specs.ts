import { join } from 'node:path';
import { diffModels } from '../../generator/diff/compare.ts';
import type { DiffReport } from '../../generator/diff/types.ts';
import { loadServiceModel, loadSpecFile } from '../../generator/load.ts';
import type { Protocol, ServiceModel } from '../../generator/model/types.ts';
import { findService, loadManifest, SPECS_DIR } from '../../generator/specs/manifest.ts';

/** The real specs (specs/, put there by `npm run specs`), each model read once per test file. */
const models = new Map<string, Promise<ServiceModel>>();

export function current(service: string, protocol: Protocol): Promise<ServiceModel> {
  const key = `${service}.${protocol}`;
  if (!models.has(key)) models.set(key, loadServiceModel(SPECS_DIR, service, protocol));
  return models.get(key)!;
}

export const HISTORY = loadManifest().history[0]!;

export function history(service: string): Promise<ServiceModel> {
  const key = `${service}.${HISTORY}`;
  if (!models.has(key))
    models.set(
      key,
      loadSpecFile(join(SPECS_DIR, 'history', HISTORY, findService(service).files.wsdl), service),
    );
  return models.get(key)!;
}

export async function soapToRest(service: string): Promise<DiffReport> {
  return diffModels(await current(service, 'soap'), await current(service, 'rest'));
}

export async function historyToCurrent(service: string): Promise<DiffReport> {
  return diffModels(await history(service), await current(service, 'soap'));
}
