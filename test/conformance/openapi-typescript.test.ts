import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceDescriptor } from '../../runtime/src/descriptors.ts';
import { REPO_ROOT, SPECS_DIR } from '../../generator/specs/manifest.ts';

/**
 * Our generated REST types agree with what openapi-typescript derives from the same OpenAPI
 * file: for every Customer Management operation, what we send (the request type) is assignable
 * to openapi-typescript's request schema, and what REST answers (its response schema) is
 * assignable to our response type. Compile-time only: a generated .ts file of assignments is
 * type-checked strictly.
 *
 * Our types describe the TypeScript API, not the JSON; `Wire<T>` projects them onto the REST
 * wire exactly as the REST codec does, and nothing else:
 * - fields REST spells differently (`key` → `Key`, from the descriptor's `restName`);
 * - REST enums are never nullable: the codec omits a null enum (`restNullable: false`);
 * - flags enums are arrays in TypeScript, one joined string on the wire (typed by
 *   openapi-typescript as the enum's literal union).
 */

const SERVICE = 'customer-management';
let dir: string;
let descriptor: ServiceDescriptor;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsgen-oat-'));
  await mkdir(join(dir, 'node_modules', '@adsgen'), { recursive: true });
  await symlink(join(REPO_ROOT, 'runtime'), join(dir, 'node_modules', '@adsgen', 'runtime'));
  await symlink(
    join(REPO_ROOT, 'generated', SERVICE),
    join(dir, 'node_modules', '@adsgen', SERVICE),
  );
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const specFile = join(SPECS_DIR, `${SERVICE}.openapi.json`);
  openapi = JSON.parse(await readFile(specFile, 'utf8')) as typeof openapi;
  const ast = await openapiTS(pathToFileURL(specFile));
  await writeFile(join(dir, 'openapi.d.ts'), astToString(ast));
  descriptor = (
    (await import(
      pathToFileURL(join(REPO_ROOT, 'generated', SERVICE, 'dist', 'descriptor.js')).href
    )) as {
      descriptor: ServiceDescriptor;
    }
  ).descriptor;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let openapi: {
  paths: Record<string, Record<string, OpenApiOperation>>;
};
interface OpenApiOperation {
  operationId: string;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

const refName = (schema: { $ref?: string } | undefined): string | undefined =>
  schema?.$ref?.replace('#/components/schemas/', '');

/**
 * Every REST operation with the request and response schemas the OpenAPI document names
 * (seven operations take a free-form body and nine answer one: nothing to compare there).
 */
function restOperations(): { name: string; request?: string; response?: string }[] {
  const ops: { name: string; request?: string; response?: string }[] = [];
  for (const methods of Object.values(openapi.paths)) {
    for (const op of Object.values(methods)) {
      const request = refName(op.requestBody?.content['application/json']?.schema);
      const response = refName(op.responses['200']?.content?.['application/json']?.schema);
      const ours = descriptor.operations[op.operationId];
      if (!ours?.rest)
        throw new Error(`${op.operationId}: not a REST operation of the generated client`);
      if (request && request !== ours.request)
        throw new Error(`${op.operationId}: request ${request} vs ${ours.request}`);
      if (response && response !== ours.response)
        throw new Error(`${op.operationId}: response ${response} vs ${ours.response}`);
      ops.push({
        name: op.operationId,
        ...(request ? { request } : {}),
        ...(response ? { response } : {}),
      });
    }
  }
  return ops;
}

/** TypeScript name → REST name for every renamed field of the service. */
function renames(): Map<string, string> {
  const map = new Map<string, string>();
  for (const type of Object.values(descriptor.types)) {
    if (type.kind !== 'object') continue;
    for (const f of type.fields) {
      if (!f.restName) continue;
      const known = map.get(f.name);
      if (known && known !== f.restName) throw new Error(`field ${f.name} renamed two ways`);
      map.set(f.name, f.restName);
    }
  }
  return map;
}

/** Field names whose value is an xs:decimal: a string in TypeScript, a JSON number on the REST wire. */
function decimalFields(): string[] {
  const names = new Set<string>();
  for (const type of Object.values(descriptor.types)) {
    if (type.kind !== 'object') continue;
    for (const f of type.fields)
      if ('primitive' in f.value && f.value.primitive === 'decimal') names.add(f.name);
  }
  return [...names].sort();
}

function checkSource(project: boolean): string {
  const flags = Object.values(descriptor.types).filter((t) => t.kind === 'enum' && t.flags);
  const decimals = decimalFields();
  const renamed = [...renames()];
  const rename = renamed.reduceRight(
    (rest, [from, to]) => `K extends '${from}' ? '${to}' : ${rest}`,
    'K',
  );
  const lines = [
    `import type { components } from './openapi.js';`,
    `import type * as G from '@adsgen/${SERVICE}';`,
    `type C = components['schemas'];`,
    `type Flags = ${flags.length ? flags.map((t) => `G.${t.name}`).join(' | ') : 'never'};`,
    `type IsLiteralUnion<X> = [X] extends [string] ? (string extends X ? false : true) : false;`,
    project
      ? `type Wire<T> = T extends readonly (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T as ${rename}]: K extends Decimals ? Exclude<T[K], string> | number : WireField<T[K]> } : T;`
      : `type Wire<T> = T;`,
    `type Decimals = ${decimals.length ? decimals.map((d) => `'${d}'`).join(' | ') : 'never'};`,
    `type WireField<F> = [Exclude<F, null | undefined>] extends [Flags]`,
    `  ? Exclude<F, null | undefined>[number] | Extract<F, undefined>`,
    `  : IsLiteralUnion<Exclude<F, null | undefined>> extends true ? Exclude<F, null> : Wire<F>;`,
    `declare function sent<T>(value: T): void;`,
    `declare const value: unknown;`,
  ];
  for (const op of restOperations()) {
    if (op.request)
      lines.push(
        `// ${op.name}: what we send is what REST accepts`,
        `sent<C['${op.request}']>(value as Wire<G.${op.request}>);`,
      );
    if (op.response)
      lines.push(
        `// ${op.name}: what REST answers fits our type`,
        `sent<Wire<G.${op.response}>>(value as C['${op.response}']);`,
      );
  }
  return lines.join('\n') + '\n';
}

function typeCheck(file: string): string[] {
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return `line ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

describe('generated REST types vs openapi-typescript (customer-management)', () => {
  it('agree in both directions for every operation', async () => {
    const ops = restOperations();
    expect(ops.length).toBe(39);
    expect(ops.filter((o) => o.request).length).toBe(36); // GetCurrentUser, GetPilotFeaturesCountries, GetUserMFAStatus take none
    expect(ops.filter((o) => o.response).length).toBe(32); // seven answer a free-form body
    const file = join(dir, 'agree.ts');
    await writeFile(file, checkSource(true));
    expect(typeCheck(file)).toEqual([]);
  });

  it('would catch a disagreement: without the wire projection the known differences show up', async () => {
    const file = join(dir, 'raw.ts');
    await writeFile(file, checkSource(false));
    const problems = typeCheck(file).join('\n');
    // key/value vs Key/Value, nullable enums and flags arrays all differ on purpose.
    expect(problems).toMatch(/SearchAccountsRequest|ReturnAdditionalFields/);
    expect(problems).toMatch(/null/);
  });
});
