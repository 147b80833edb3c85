import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadServiceModel, loadSpecFile, specPath } from '../load.ts';
import type { ServiceModel } from '../model/types.ts';
import { findService, loadManifest, SPECS_DIR, serviceIds } from '../specs/manifest.ts';
import { diffModels } from './compare.ts';
import { renderHtml } from './render-html.ts';
import { renderIndex, type IndexEntry } from './render-index.ts';
import { renderJson } from './render-json.ts';
import { renderMarkdown } from './render-md.ts';
import { sideName } from './render-common.ts';
import { classifySide, loadSide, serviceOfFile } from './resolve-side.ts';
import type { DiffReport } from './types.ts';

export type DiffFormat = 'md' | 'json' | 'html';

export interface DiffArgs {
  service?: string;
  /** 'soap' | 'rest' | a spec file | a directory (see ./resolve-side.ts). */
  from: string;
  to: string;
  format: DiffFormat;
  /** Write here instead of stdout. */
  out?: string;
  /** Every report of every service into `outDir` (what `npm run diff` runs); from/to/format/out are ignored. */
  all?: boolean;
  outDir?: string;
  /** Where `soap`/`rest` and the history live; defaults to the repository's specs/. */
  specsDir?: string;
}

export interface DiffIo {
  stdout: (s: string) => void;
}

/**
 * `adsgen diff`. Returns the exit code: 0 when the reports were produced, whatever they found
 * (a diff is information, not a verdict). Bad input (unknown service, missing file) throws;
 * the CLI prints the message and exits 1.
 */
export async function diffCommand(args: DiffArgs, io: DiffIo): Promise<number> {
  const specsDir = args.specsDir ?? SPECS_DIR;
  if (args.all) return diffAll(args.outDir ?? 'reports', specsDir, io);

  const from = classifySide(args.from);
  const to = classifySide(args.to);
  const service = args.service ?? inferService(args.from, args.to);
  const fromModel = await loadSide(from, service, specsDir, to.protocol);
  const toModel = await loadSide(to, service, specsDir, from.protocol ?? fromModel.protocol);
  const report = diffModels(fromModel, toModel);
  if (fromModel.protocol === 'soap' && toModel.protocol === 'soap') {
    const restFile = specPath(specsDir, findService(service), 'rest');
    if (existsSync(restFile)) addRestEndpoints(report, await loadSpecFile(restFile, service));
  }
  report.from.label = from.kind === 'protocol' ? from.arg : args.from;
  report.to.label = to.kind === 'protocol' ? to.arg : args.to;
  const text = render(report, args.format);
  if (args.out) {
    await mkdir(dirname(args.out), { recursive: true });
    await writeFile(args.out, text);
    io.stdout(`${args.out}: ${totalsLine(report)}`);
  } else {
    io.stdout(text);
  }
  return 0;
}

export function render(report: DiffReport, format: DiffFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(report);
    case 'json':
      return renderJson(report);
    case 'html':
      return renderHtml(report);
  }
}

function inferService(...args: string[]): string {
  for (const a of args) {
    const id = a === 'soap' || a === 'rest' ? undefined : serviceOfFile(a);
    if (id) return id;
  }
  throw new Error(`diff needs a <service> (one of: ${serviceIds().join(', ')})`);
}

/**
 * SOAP-to-SOAP reports still show where each operation lives in REST (the migration target),
 * taken from the service's current REST spec. Only the operation table changes.
 */
export function addRestEndpoints(report: DiffReport, rest: ServiceModel): DiffReport {
  const byName = new Map(
    rest.operations.flatMap((o) => (o.rest ? [[o.name, o.rest] as const] : [])),
  );
  report.operations = report.operations.map((o) => {
    const r = o.rest ? undefined : byName.get(o.name);
    return r ? { ...o, rest: { method: r.method, path: r.path } } : o;
  });
  return report;
}

function totalsLine(report: DiffReport): string {
  return `${report.to.service} ${sideName(report.from)} → ${sideName(report.to)}: ${report.summary.breaking} breaking, ${report.summary.nonBreaking} non-breaking`;
}

/**
 * For every service: the SOAP → REST report, and for every history version in the manifest
 * the `<version>` → current WSDL report; each as .md, .json and .html; then index.html.
 */
async function diffAll(outDir: string, specsDir: string, io: DiffIo): Promise<number> {
  await mkdir(outDir, { recursive: true });
  const entries: IndexEntry[] = [];
  const write = async (report: DiffReport, base: string): Promise<void> => {
    const files = { html: `${base}.html`, md: `${base}.md`, json: `${base}.json` };
    await writeFile(join(outDir, files.html), renderHtml(report));
    await writeFile(join(outDir, files.md), renderMarkdown(report));
    await writeFile(join(outDir, files.json), renderJson(report));
    entries.push({ report, ...files });
    io.stdout(`${join(outDir, files.html)}: ${totalsLine(report)}`);
  };
  for (const service of serviceIds()) {
    const soap = await loadServiceModel(specsDir, service, 'soap');
    const rest = await loadServiceModel(specsDir, service, 'rest');
    await write(diffModels(soap, rest), `${service}.soap-to-rest`);
    for (const version of loadManifest().history) {
      const path = join(specsDir, 'history', version, findService(service).files.wsdl);
      if (!existsSync(path))
        throw new Error(`${path} is missing: run \`npm run specs\` to copy the spec history`);
      const old = await loadSpecFile(path, service);
      const report = addRestEndpoints(diffModels(old, soap), rest);
      report.from.label = version;
      report.to.label = 'current';
      await write(report, `${service}.${version}-to-current`);
    }
  }
  await writeFile(join(outDir, 'index.html'), renderIndex(entries));
  io.stdout(`${join(outDir, 'index.html')}: ${entries.length} reports`);
  return 0;
}
