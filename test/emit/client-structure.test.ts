import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Node,
  Project,
  type ClassDeclaration,
  type InterfaceDeclaration,
  type ParameterDeclaration,
  type SourceFile,
} from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationDescriptor } from '../../runtime/src/descriptors.ts';
import { descriptorData } from '../../generator/emit/emit-descriptor.ts';
import { analyzeFamilies } from '../../generator/emit/families.ts';
import { generate } from '../../generator/emit/generate.ts';
import { loadServiceModel } from '../../generator/load.ts';
import {
  mergeModels,
  type MergedModel,
  type MergedObjectType,
} from '../../generator/model/merge.ts';
import { SPECS_DIR, findService, serviceIds } from '../../generator/specs/manifest.ts';

/**
 * The generator writes client.ts as text (see generator/emit/emit-client.ts); this test reads
 * every generated package's client back with ts-morph and checks its structure against the
 * merged model: a class whose static block installs the operations from the descriptor, and
 * an interface of the same name with one method per operation, named camelCase(operation),
 * taking `types.<Request>` (optional when the request has no fields) and `options?:
 * CallOptions`, returning `Promise<types.<Response>>`, documented with a link to the
 * operation's page on Microsoft Learn; the descriptor names the same method for each
 * operation (what installOperations defines); and the same declarations in dist/client.d.ts.
 */

const SPECS = SPECS_DIR;
const ALL = serviceIds();

let root: string;
const models = new Map<string, MergedModel>();
/** Each package's operation descriptors, as its descriptor.js evaluates them. */
type Described = Record<string, OperationDescriptor>;
const descriptors = new Map<string, Described>();
const project = new Project({ skipAddingFilesFromTsConfig: true });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'adsgen-client-structure-'));
  await generate({
    services: ALL,
    specsDir: SPECS,
    outDir: root,
    log: () => undefined,
    tty: false,
  });
  for (const id of ALL) {
    const [soap, rest] = await Promise.all([
      loadServiceModel(SPECS, id, 'soap'),
      loadServiceModel(SPECS, id, 'rest'),
    ]);
    const merged = mergeModels(soap, rest);
    models.set(id, merged);
    // What descriptor.js evaluates to (generate.test.ts holds every package to this).
    const data = descriptorData(merged, analyzeFamilies(merged), findService(id));
    descriptors.set(id, data.operations);
    for (const file of ['src/client.ts', 'src/types.ts', 'dist/client.d.ts'])
      project.addSourceFileAtPath(join(root, id, file));
  }
}, 240_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function source(id: string, file: string): SourceFile {
  return project.getSourceFileOrThrow(join(root, id, file));
}

/** Whether an object type has no fields of its own or inherited: the request may be left out. */
function hasNoFields(model: MergedModel, name: string): boolean {
  const objects = new Map(
    model.types.filter((t): t is MergedObjectType => t.kind === 'object').map((t) => [t.name, t]),
  );
  for (let t = objects.get(name); t; t = t.base ? objects.get(t.base) : undefined)
    if (t.fields.length > 0) return false;
  return true;
}

function params(m: { getParameters(): ParameterDeclaration[] }): string[] {
  return m.getParameters().map((p: ParameterDeclaration) => {
    const init = p.getInitializer()?.getText();
    return `${p.getName()}${p.hasQuestionToken() ? '?' : ''}: ${p.getTypeNode()?.getText()}${init ? ` = ${init}` : ''}`;
  });
}

function clientClass(id: string, file: string): ClassDeclaration {
  const entry = findService(id);
  const klass = source(id, file).getClassOrThrow(entry.clientClass);
  expect(klass.isExported(), `${id} ${file}`).toBe(true);
  expect(klass.getExtends()?.getText()).toBe('ServiceClient');
  // Nothing but the constructor (and, in the source, the static block).
  expect(klass.getProperties()).toEqual([]);
  expect(klass.getMethods()).toEqual([]);
  expect(klass.getConstructors().map(params)).toEqual([['options: ClientOptions']]);
  return klass;
}

/**
 * `<Service>Operations`, the methods; the interface merged with the class extends it and adds
 * the `withResponse` view of the same methods.
 */
function operationsInterface(id: string, file: string): InterfaceDeclaration {
  const entry = findService(id);
  const name = entry.clientClass.replace(/Client$/, 'Operations');
  const operations = source(id, file).getInterfaceOrThrow(name);
  expect(operations.isExported(), `${id} ${file}`).toBe(true);
  expect(operations.getExtends()).toEqual([]);
  expect(operations.getProperties()).toEqual([]);
  const merged = source(id, file).getInterfaceOrThrow(entry.clientClass);
  expect(merged.isExported(), `${id} ${file}`).toBe(true);
  expect(merged.getExtends().map((e) => e.getText())).toEqual([name]);
  expect(merged.getMethods()).toEqual([]);
  expect(
    merged
      .getProperties()
      .map(
        (p) => `${p.isReadonly() ? 'readonly ' : ''}${p.getName()}: ${p.getTypeNode()?.getText()}`,
      ),
  ).toContain(`readonly withResponse: WithResponseMethods<${name}>`);
  return operations;
}

/** The parameters each operation's method declares. */
function expectedParams(model: MergedModel, op: MergedModel['operations'][number]): string[] {
  const expected: string[] = [];
  if (op.request)
    expected.push(`request${hasNoFields(model, op.request) ? '?' : ''}: types.${op.request}`);
  expected.push('options?: CallOptions');
  return expected;
}

describe('generated clients, read back with ts-morph', () => {
  it.each(ALL)('%s: one typed, documented method per operation of the merged model', (id) => {
    const model = models.get(id);
    if (!model) throw new Error(`no model for ${id}`);
    const entry = findService(id);
    const klass = clientClass(id, 'src/client.ts');
    const typesFile = source(id, 'src/types.ts');

    // The class installs the methods from the descriptor when it is defined.
    const blocks = klass.getStaticBlocks();
    expect(blocks.length).toBe(1);
    const install = blocks[0]?.getFirstDescendant(Node.isCallExpression);
    expect(install?.getExpression().getText()).toBe('installOperations');
    expect(install?.getArguments().map((a) => a.getText())).toEqual(['this', 'descriptor']);

    const methods = operationsInterface(id, 'src/client.ts').getMethods();
    expect(methods.map((m) => m.getName())).toEqual(
      model.operations.map((op) => op.name.charAt(0).toLowerCase() + op.name.slice(1)),
    );
    expect(model.operations.length).toBeGreaterThan(0);
    // installOperations defines each method under the name the descriptor gives it.
    const described = descriptors.get(id)!;
    expect(model.operations.map((op) => described[op.name]?.method)).toEqual(
      methods.map((m) => m.getName()),
    );

    for (const [i, op] of model.operations.entries()) {
      const m = methods[i];
      if (!m) throw new Error(`no method for ${op.name}`);
      const where = `${id} ${op.name}`;
      expect(params(m), where).toEqual(expectedParams(model, op));
      for (const name of [op.request, op.response]) {
        // Each name refers to a type the package exports.
        if (name)
          expect(typesFile.getInterface(name) ?? typesFile.getTypeAlias(name), where).toBeDefined();
      }
      expect(m.getReturnTypeNode()?.getText(), where).toBe(
        `Promise<${op.response ? `types.${op.response}` : 'void'}>`,
      );
      // The descriptor knows whether the method takes a request first.
      expect(described[op.name]?.request, where).toBe(op.request);

      const docs = m.getJsDocs();
      expect(docs.length, where).toBe(1);
      const see = docs[0]
        ?.getTags()
        .filter((t) => t.getTagName() === 'see')
        .map((t) => t.getCommentText() ?? t.getText());
      const url = `https://learn.microsoft.com/en-us/advertising/${entry.docsSlug}/${op.name.toLowerCase()}?view=bingads-13`;
      expect(see?.length, where).toBe(1);
      expect(see?.[0], where).toContain(`${url} | ${op.name} on Microsoft Learn`);
    }
  });

  it.each(ALL)('%s: dist/client.d.ts declares the same methods', (id) => {
    const model = models.get(id);
    if (!model) throw new Error(`no model for ${id}`);
    const klass = clientClass(id, 'dist/client.d.ts');
    expect(klass.hasDeclareKeyword()).toBe(true);
    const methods = operationsInterface(id, 'dist/client.d.ts').getMethods();
    expect(methods.length).toBe(model.operations.length);
    for (const [i, op] of model.operations.entries()) {
      const m = methods[i];
      if (!m) throw new Error(`no method for ${op.name}`);
      expect(params(m), op.name).toEqual(expectedParams(model, op));
      expect(m.getReturnTypeNode()?.getText(), op.name).toBe(
        `Promise<${op.response ? `types.${op.response}` : 'void'}>`,
      );
    }
  });

  it.each(ALL)('%s: client.paginate has one iterator per operation the descriptor pages', (id) => {
    const entry = findService(id);
    const described = descriptors.get(id)!;
    const paged = Object.values(described).filter((op) => op.paging !== undefined);
    const client = source(id, 'src/client.ts').getInterfaceOrThrow(entry.clientClass);
    const paginate = client.getProperty('paginate');
    const name = entry.clientClass.replace(/Client$/, 'Paginators');
    if (paged.length === 0) {
      expect(paginate).toBeUndefined();
      expect(source(id, 'src/client.ts').getInterface(name)).toBeUndefined();
      return;
    }
    expect(paginate?.getTypeNode()?.getText()).toBe(name);
    const methods = source(id, 'src/client.ts').getInterfaceOrThrow(name).getMethods();
    expect(methods.map((m) => m.getName())).toEqual(paged.map((op) => op.method));
    for (const [i, m] of methods.entries()) {
      const op = paged[i]!;
      const { pageInfo, items } = op.paging!;
      expect(params(m)).toEqual([
        `request: Omit<types.${op.request}, '${pageInfo}'>`,
        'options?: PaginateOptions',
      ]);
      expect(m.getReturnTypeNode()?.getText().replace(/\s+/g, ' ')).toMatch(
        new RegExp(`^AsyncIterableIterator< ?PageItem<types\\.${op.response}, '${items}'> ?>$`),
      );
    }
  });

  it('finds the paged operations of Customer Management, Campaign Management and Billing', () => {
    const paged = [...descriptors.entries()].flatMap(([id, ops]) =>
      Object.values(ops)
        .filter((op) => op.paging)
        .map((op) => `${id} ${op.method} → ${op.paging!.items}`),
    );
    expect(paged).toEqual([
      'customer-management searchCustomers → Customers',
      'customer-management searchClientLinks → ClientLinks',
      'customer-management searchAccounts → Accounts',
      'campaign-management getMediaMetaDataByAccountId → MediaMetaData',
      'campaign-management getLabelsByIds → Labels',
      'campaign-management getLabelAssociationsByLabelIds → LabelAssociations',
      'campaign-management getExperimentsByIds → Experiments',
      'campaign-management getImportResults → ImportResults',
      'campaign-management getVideosByIds → Videos',
      'customer-billing searchInsertionOrders → InsertionOrders',
      'customer-billing searchCoupons → Coupons',
    ]);
  });

  it('covers requests that may be left out and requests that may not', () => {
    const optional = [...models.values()].flatMap((m) =>
      m.operations.filter((op) => op.request && hasNoFields(m, op.request)),
    );
    const required = [...models.values()].flatMap((m) =>
      m.operations.filter((op) => op.request && !hasNoFields(m, op.request)),
    );
    expect(optional.length).toBeGreaterThan(0);
    expect(required.length).toBeGreaterThan(optional.length);
  });
});
