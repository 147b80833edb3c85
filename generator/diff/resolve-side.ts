import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadSpecFile, loadServiceModel } from '../load.ts';
import type { Protocol, ServiceModel } from '../model/types.ts';
import { findService, loadManifest } from '../specs/manifest.ts';

/**
 * Turns a `--from`/`--to` argument into a model:
 * - `soap` | `rest`: the service's current spec of that protocol in the specs directory;
 * - a file: that spec (`.wsdl`/`.xml` → WSDL reader, anything else → OpenAPI reader);
 * - a directory: the service's file in it (`<id>.wsdl` or `<id>.openapi.json`, the manifest's
 *   names). When it holds both, the protocol of the other side decides (so `--from
 *   specs/history/v13.0.24 --to specs` compares WSDL with WSDL), else the WSDL.
 */
export interface SideSpec {
  arg: string;
  kind: 'protocol' | 'file' | 'dir';
  /** Known before loading for `protocol` and `file`. */
  protocol?: Protocol;
}

export function classifySide(arg: string): SideSpec {
  if (arg === 'soap' || arg === 'rest') return { arg, kind: 'protocol', protocol: arg };
  if (!existsSync(arg))
    throw new Error(`--from/--to '${arg}' is neither 'soap', 'rest', a spec file nor a directory`);
  if (statSync(arg).isDirectory()) return { arg, kind: 'dir' };
  return { arg, kind: 'file', protocol: protocolOfFile(arg) };
}

function protocolOfFile(path: string): Protocol {
  return path.endsWith('.wsdl') || path.endsWith('.xml') ? 'soap' : 'rest';
}

/** The service a spec file belongs to, from its name (`customer-management.wsdl`). */
export function serviceOfFile(path: string): string | undefined {
  const name = basename(path);
  return loadManifest().services.find((s) => s.files.wsdl === name || s.files.openapi === name)?.id;
}

export async function loadSide(
  side: SideSpec,
  service: string,
  specsDir: string,
  otherProtocol: Protocol | undefined,
): Promise<ServiceModel> {
  if (side.kind === 'protocol') return loadServiceModel(specsDir, service, side.protocol!);
  if (side.kind === 'file') return loadSpecFile(side.arg, service);
  const entry = findService(service);
  const wsdl = join(side.arg, entry.files.wsdl);
  const openapi = join(side.arg, entry.files.openapi);
  const has = { soap: existsSync(wsdl), rest: existsSync(openapi) };
  if (!has.soap && !has.rest)
    throw new Error(`${side.arg} holds neither ${entry.files.wsdl} nor ${entry.files.openapi}`);
  const protocol: Protocol =
    has.soap && has.rest ? (otherProtocol ?? 'soap') : has.soap ? 'soap' : 'rest';
  return loadSpecFile(protocol === 'soap' ? wsdl : openapi, service);
}
