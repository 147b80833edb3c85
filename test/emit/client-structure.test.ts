import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Node,
  Project,
  type ClassDeclaration,
  type ParameterDeclaration,
  type SourceFile,
} from 'ts-morph';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * merged model: one method per operation, named camelCase(operation), taking
 * `types.<Request>` (optional when the request has no fields) and `options?: CallOptions`,
 * returning `Promise<types.<Response>>`, documented with a link to the operation's page on
 * Microsoft Learn; and the same signatures in dist/client.d.ts.
 */

const SPECS = SPECS_DIR;
const ALL = serviceIds();

let root: string;
const models = new Map<string, MergedModel>();
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
    models.set(id, mergeModels(soap, rest));
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
  return klass;
}

describe('generated clients, read back with ts-morph', () => {
  it.each(ALL)('%s: one typed, documented method per operation of the merged model', (id) => {
    const model = models.get(id);
    if (!model) throw new Error(`no model for ${id}`);
    const entry = findService(id);
    const klass = clientClass(id, 'src/client.ts');
    const typesFile = source(id, 'src/types.ts');

    // Nothing but the constructor and the methods.
    expect(klass.getProperties()).toEqual([]);
    expect(klass.getConstructors().map(params)).toEqual([['options: ClientOptions']]);
    const methods = klass.getMethods();
    expect(methods.map((m) => m.getName())).toEqual(
      model.operations.map((op) => op.name.charAt(0).toLowerCase() + op.name.slice(1)),
    );
    expect(model.operations.length).toBeGreaterThan(0);

    for (const [i, op] of model.operations.entries()) {
      const m = methods[i];
      if (!m) throw new Error(`no method for ${op.name}`);
      const where = `${id} ${op.name}`;
      const expected: string[] = [];
      if (op.request) {
        expected.push(
          `request: types.${op.request}${hasNoFields(model, op.request) ? ' = {}' : ''}`,
        );
        // The name refers to a type the package exports.
        expect(
          typesFile.getInterface(op.request) ?? typesFile.getTypeAlias(op.request),
          where,
        ).toBeDefined();
      }
      expected.push('options?: CallOptions');
      expect(params(m), where).toEqual(expected);
      expect(m.getReturnTypeNode()?.getText(), where).toBe(
        `Promise<${op.response ? `types.${op.response}` : 'void'}>`,
      );
      if (op.response) {
        expect(
          typesFile.getInterface(op.response) ?? typesFile.getTypeAlias(op.response),
          where,
        ).toBeDefined();
      }
      // The body hands the call to the runtime under the operation's exact name.
      const statements = m.getStatements();
      expect(statements.length, where).toBe(1);
      const call = statements[0]?.getFirstDescendant(Node.isCallExpression);
      expect(call?.getExpression().getText(), where).toBe('this.call');
      expect(
        call?.getArguments().map((a) => a.getText()),
        where,
      ).toEqual([`'${op.name}'`, op.request ? 'request' : '{}', 'options']);

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
    const methods = klass.getMethods();
    expect(methods.length).toBe(model.operations.length);
    for (const [i, op] of model.operations.entries()) {
      const m = methods[i];
      if (!m) throw new Error(`no method for ${op.name}`);
      expect(m.hasBody(), op.name).toBe(false);
      const expected: string[] = [];
      if (op.request)
        expected.push(`request${hasNoFields(model, op.request) ? '?' : ''}: types.${op.request}`);
      expected.push('options?: CallOptions');
      expect(params(m), op.name).toEqual(expected);
      expect(m.getReturnTypeNode()?.getText(), op.name).toBe(
        `Promise<${op.response ? `types.${op.response}` : 'void'}>`,
      );
    }
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
