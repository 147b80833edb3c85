import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { descriptorData } from '../../generator/emit/emit-descriptor.ts';
import { writeRuntimeStub } from './ts-check.ts';
import { analyzeFamilies } from '../../generator/emit/families.ts';
import { PRETTIER_OPTIONS } from '../../generator/emit/format.ts';
import { generate, type GenerateSummary } from '../../generator/emit/generate.ts';
import { loadServiceModel } from '../../generator/load.ts';
import { mergeModels } from '../../generator/model/merge.ts';
import { SPECS_DIR, findService, serviceIds } from '../../generator/specs/manifest.ts';

const SPECS = SPECS_DIR;
const ALL = serviceIds();
const LONG = 240_000;

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'adsgen-generate-'));
  // The packages' descriptor.js imports descriptorFromJson from @adsgen/runtime.
  writeRuntimeStub(root);
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** relative path → sha256 of every file under `dir`. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function copySpecs(services: string[]): string {
  const dir = mkdtempSync(join(root, 'specs-'));
  for (const s of services) {
    for (const ext of ['wsdl', 'openapi.json'])
      copyFileSync(join(SPECS, `${s}.${ext}`), join(dir, `${s}.${ext}`));
  }
  return dir;
}

async function run(
  services: string[],
  specsDir: string,
  outDir: string,
): Promise<{ summaries: GenerateSummary[]; lines: string[] }> {
  const lines: string[] = [];
  const summaries = await generate({
    services,
    specsDir,
    outDir,
    log: (l) => lines.push(l),
    tty: false,
  });
  return { summaries, lines };
}

describe('generate (real specs)', () => {
  it(
    'writes the six packages, every file prettier-formatted, and a second run changes no byte',
    async () => {
      const out = join(root, 'all', 'generated');
      const first = await run(ALL, SPECS, out);
      expect(first.summaries.map((s) => s.service)).toEqual(ALL);
      for (const [i, s] of first.summaries.entries()) {
        expect(s.operations).toBeGreaterThan(0);
        expect(s.types).toBeGreaterThan(s.service === 'bulk' ? 20 : 50);
        expect(first.lines[i]).toBe(
          `${s.service}: ${s.operations} operations, ${s.types} types, ${s.ms} ms`,
        );
      }
      expect(first.summaries.find((s) => s.service === 'campaign-management')?.operations).toBe(
        191,
      );
      expect(first.summaries.find((s) => s.service === 'ad-insight')?.operations).toBe(34);
      for (const id of ALL) {
        const pkg = JSON.parse(readFileSync(join(out, id, 'package.json'), 'utf8'));
        expect(pkg.name).toBe(`@adsgen/${id}`);
        for (const f of ['index', 'types', 'descriptor', 'client']) {
          expect(existsSync(join(out, id, 'dist', `${f}.js`)), `${id} ${f}.js`).toBe(true);
          expect(existsSync(join(out, id, 'dist', `${f}.d.ts`)), `${id} ${f}.d.ts`).toBe(true);
        }
        // The descriptor is data, not TypeScript: a module and its declarations, as in dist/.
        // The bulk package also carries its record types and Bulk file functions.
        const bulkOnly = id === 'bulk' ? ['bulk-files.ts', 'entities.ts', 'entity-table.ts'] : [];
        // The reporting package also has its report helpers (downloadReport, column kinds).
        const reportingOnly = id === 'reporting' ? ['download-report.ts', 'report-columns.ts'] : [];
        expect(readdirSync(join(out, id, 'src')).sort()).toEqual(
          [
            'client.ts',
            'descriptor.d.ts',
            'descriptor.js',
            'index.ts',
            'types.ts',
            ...bulkOnly,
            ...reportingOnly,
          ].sort(),
        );
        // The descriptor loads as the full data: namespaces and inherited fields put back.
        const url = pathToFileURL(join(out, id, 'dist', 'descriptor.js')).href;
        const { descriptor } = await import(url);
        const [soap, rest] = await Promise.all([
          loadServiceModel(SPECS, id, 'soap'),
          loadServiceModel(SPECS, id, 'rest'),
        ]);
        const merged = mergeModels(soap, rest);
        expect(descriptor, id).toEqual(
          descriptorData(merged, analyzeFamilies(merged), findService(id)),
        );
      }
      const before = tree(out);
      // Every file is written in prettier's layout without prettier (see
      // generator/emit/format.ts): sources, dist JavaScript and declarations, manifests.
      // 15 files per package; the bulk package has 3 modules more and the reporting package 2 (.ts, .js, .d.ts each).
      expect(Object.keys(before).length).toBe(ALL.length * 15 + 9 + 6);
      for (const [path, hash] of Object.entries(before)) {
        const text = readFileSync(join(out, path), 'utf8');
        expect(createHash('sha256').update(text).digest('hex')).toBe(hash);
        const formatted = await format(text, {
          ...PRETTIER_OPTIONS,
          parser: path.endsWith('.json') ? 'json' : path.endsWith('.js') ? 'babel' : 'typescript',
        });
        expect(formatted === text, `prettier would change ${path}`).toBe(true);
      }
      await run(ALL, SPECS, out);
      expect(tree(out)).toEqual(before);
      // No staging directory is left behind.
      expect(readdirSync(join(root, 'all'))).toEqual(['generated']);
    },
    LONG,
  );

  it(
    'leaves the previous output untouched when a spec is corrupt, and names the file',
    async () => {
      const services = ['bulk', 'customer-billing'];
      const specs = copySpecs(services);
      const out = join(root, 'atomic', 'generated');
      await run(services, specs, out);
      const before = tree(out);
      expect(Object.keys(before).length).toBeGreaterThan(20);

      const json = join(specs, 'customer-billing.openapi.json');
      writeFileSync(json, readFileSync(json, 'utf8').slice(0, 5000));
      await expect(run(services, specs, out)).rejects.toThrow(
        /generate customer-billing failed: .*customer-billing\.openapi\.json/,
      );
      expect(tree(out)).toEqual(before);

      copyFileSync(join(SPECS, 'customer-billing.openapi.json'), json);
      const wsdl = join(specs, 'bulk.wsdl');
      writeFileSync(wsdl, readFileSync(wsdl, 'utf8').replace('<wsdl:types>', '<wsdl:types><oops>'));
      await expect(run(services, specs, out)).rejects.toThrow(/generate bulk failed: .*bulk\.wsdl/);
      expect(tree(out)).toEqual(before);
      expect(readdirSync(join(root, 'atomic'))).toEqual(['generated']);
    },
    LONG,
  );

  it(
    'replaces only the named services on a partial run',
    async () => {
      const services = ['bulk', 'customer-billing'];
      const out = join(root, 'partial', 'generated');
      await run(services, SPECS, out);
      writeFileSync(join(out, 'bulk', 'marker'), 'old');
      writeFileSync(join(out, 'customer-billing', 'marker'), 'kept');
      writeFileSync(join(out, 'README.md'), 'not a service');
      const { summaries } = await run(['bulk'], SPECS, out);
      expect(summaries.map((s) => s.service)).toEqual(['bulk']);
      expect(existsSync(join(out, 'bulk', 'marker'))).toBe(false);
      expect(existsSync(join(out, 'bulk', 'dist', 'index.js'))).toBe(true);
      expect(readFileSync(join(out, 'customer-billing', 'marker'), 'utf8')).toBe('kept');
      expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('not a service');
    },
    LONG,
  );

  it('rejects an unknown service before writing anything', async () => {
    const out = join(root, 'unknown', 'generated');
    await expect(run(['no-such-service'], SPECS, out)).rejects.toThrow(
      /unknown service 'no-such-service'/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
