import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'prettier';
import { afterAll, describe, expect, it } from 'vitest';
import { descriptorData, emitDescriptor } from '../../generator/emit/emit-descriptor.ts';
import { analyzeFamilies } from '../../generator/emit/families.ts';
import { PRETTIER_OPTIONS } from '../../generator/emit/format.ts';
import { rawTemplate, templateJson } from '../../generator/emit/literal.ts';
import { mergeModels, type MergedModel } from '../../generator/model/merge.ts';
import { writeRuntimeStub } from './ts-check.ts';
import { descriptorFromJson } from '../../runtime/src/descriptor-json.ts';
import type { ServiceDescriptor } from '../../runtime/src/descriptors.ts';
import { prefixOrder } from '../../runtime/src/soap/namespaces.ts';
import { serviceIds } from '../../generator/specs/manifest.ts';
import { ARR, arr, ENT, f, GEN, p, SVC, TINY_ENTRY, tinyRest, tinySoap } from './tiny-models.ts';

/**
 * The descriptor as JSON text in a String.raw template (generator/emit/emit-descriptor.ts):
 * the text reads back as exactly the data, whatever characters the data holds; the layout is
 * one operation / type / field per line; namespaces written as indexes come back as the URIs.
 */

/** What `String.raw` + `JSON.parse` make of a template, evaluated as JavaScript would. */
const readBack = (template: string): unknown =>
  JSON.parse(new Function(`return ${template};`)() as string);

/** Strings with everything that a template or JSON could mangle. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '`',
    '${x}',
    '$',
    '{',
    '\\',
    '\\`',
    '\\${',
    'a\r\nb\rc',
    '\u2028\u2029',
    '\ud800',
    '"quoted"',
    '\\u0060',
  ),
  fc
    .array(fc.constantFrom('`', '$', '{', '\\', '\r', '\n', 'u', '0', '"'), { maxLength: 12 })
    .map((parts) => parts.join('')),
);
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nasty, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('templateJson and rawTemplate', () => {
  it('read back as the same value, whatever characters it holds', () => {
    fc.assert(
      fc.property(json, (value) => {
        // JSON.stringify turns a lone surrogate into an escape: compare with what JSON keeps.
        expect(readBack(rawTemplate(templateJson(value)))).toEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
      { numRuns: 500 },
    );
    const tricky = { '`k`': 'a`b${c}\\`d\\${e}\r\n', x: ['$', '{', '${'] };
    expect(templateJson(tricky)).not.toMatch(/`|\$\{|\r/);
    expect(readBack(rawTemplate(templateJson(tricky)))).toEqual(tricky);
  });

  it('refuses text a raw template would not hold unchanged', () => {
    for (const text of ['a`b', 'a${b}', 'a\rb', 'ends with \\']) {
      expect(() => rawTemplate(text), JSON.stringify(text)).toThrow(/cannot stand unchanged/);
    }
    expect(rawTemplate('{"a":"\\u0060 $ { \\\\"}\n')).toBe(
      'String.raw`{"a":"\\u0060 $ { \\\\"}\n`',
    );
  });

  it('is left alone by prettier, on any lines', async () => {
    const text = `\n{"a":1,\n  "b":"x\\"y",\n"c":[]}\n`;
    const source = `export const x: unknown = JSON.parse(${rawTemplate(text)});\n`;
    expect(await format(source, { ...PRETTIER_OPTIONS, parser: 'typescript' })).toBe(source);
  });
});

/** The tiny model plus an alias of an array of arrays, so every namespace-carrying member occurs. */
function model(): MergedModel {
  const merged = mergeModels(tinySoap(), tinyRest());
  const matrix = arr(arr(p('int32'), { itemName: 'int', itemNamespace: ARR }), {
    itemName: 'ArrayOfint',
    itemNamespace: 'urn:tiny:matrix',
  });
  merged.types.push({
    kind: 'alias',
    name: 'Matrix',
    namespace: ENT,
    target: matrix,
    protocols: 'soap',
  });
  const record = merged.types.find((t) => t.name === 'Record');
  if (record?.kind !== 'object') throw new Error('tiny model has no Record object');
  record.fields.push({
    ...f('Grid', matrix, { namespace: ENT, nullable: true }),
    protocols: 'soap',
    optional: true,
  });
  return merged;
}

const emitted = (() => {
  const m = model();
  return emitDescriptor(m, analyzeFamilies(m), TINY_ENTRY, '// header\n', '/** Doc. */\n');
})();
const root = mkdtempSync(join(tmpdir(), 'adsgen-descriptor-json-'));
// descriptor.js imports descriptorFromJson from @adsgen/runtime: the stub carries the real one.
writeRuntimeStub(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

let loads = 0;

/** A fresh instance of the emitted module (its own descriptor, nothing read yet). */
async function load(): Promise<any> {
  const path = join(root, 'descriptor.js');
  writeFileSync(path, emitted.js);
  return (await import(`${pathToFileURL(path).href}?${++loads}`)).descriptor;
}

/** Whether `types[name]` is still a getter, i.e. not parsed yet. */
const unread = (types: object, name: string): boolean =>
  typeof Object.getOwnPropertyDescriptor(types, name)?.get === 'function';

/** Every `namespace` / `itemNamespace` member anywhere in `value`, with where it is. */
function namespaces(value: unknown, at = '$'): [string, unknown][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k === 'namespace' || k === 'itemNamespace' ? [[`${at}.${k}`, v] as [string, unknown]] : []),
    ...namespaces(v, `${at}.${k}`),
  ]);
}

describe('emitDescriptor', () => {
  it('writes a module that hands a raw template to descriptorFromJson, and its declaration', () => {
    expect(emitted.js).toContain("import { descriptorFromJson } from '@adsgen/runtime/internal';");
    expect(emitted.js).toContain(
      '/** Doc. */\nexport const descriptor = descriptorFromJson(\n  NS,\n  String.raw`\n{"id":"tiny",',
    );
    expect(emitted.js.trimEnd().endsWith('}}\n`,\n);')).toBe(true);
    expect(emitted.dts).toBe(
      "// header\n\nimport type { ServiceDescriptor } from '@adsgen/runtime/internal';\n\n" +
        '/** Doc. */\nexport declare const descriptor: ServiceDescriptor;\n',
    );
  });

  it('lays out one operation, one type and one field per line', () => {
    const body = emitted.js.slice(
      emitted.js.indexOf('String.raw`') + 11,
      emitted.js.lastIndexOf('`'),
    );
    const lines = body.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '',
      '{"id":"tiny","name":"TinyService","soap":{"path":"/Api/Tiny/v13/TinyService.svc","namespace":"0","namespaces":["0","1","2","3","4","5"]},"rest":{"basePath":"/Tiny/v13"},',
      '"operations":{',
    ]);
    const starts = lines.map((l) => /^"(\w+)":/.exec(l)?.[1]).filter(Boolean);
    expect(starts).toEqual([
      'operations',
      'GetAds',
      'Ping',
      'ListThings',
      'types',
      ...model().types.map((t) => t.name),
    ]);
    const textAd = lines.findIndex((l) => l.startsWith('"TextAd":'));
    expect(lines[textAd]).toBe(
      '"TextAd":{"kind":"object","name":"TextAd","namespace":"1","base":"Ad","abstract":false,"typeValue":"Text","protocols":"both","fields":[',
    );
    // Only its own field: the inherited ones are Ad's lines, put back on load.
    expect(lines.slice(textAd + 1, textAd + 3)).toEqual([
      '  {"name":"Text","namespace":"1","value":{"primitive":"string"},"nullable":true,"optional":true,"protocols":"both"}',
      ']},',
    ]);
    const ad = lines.findIndex((l) => l.startsWith('"Ad":'));
    expect(lines[ad + 1]).toBe(
      '  {"name":"FinalUrls","namespace":"1","value":{"array":{"primitive":"string"},"itemName":"string","itemNamespace":"2","itemNullable":false},"nullable":true,"optional":true,"protocols":"both"},',
    );
    expect(lines.slice(ad + 1, ad + 9).filter((l) => l.startsWith('  {'))).toHaveLength(7);
    expect(lines[ad + 8]).toBe(']},');
    expect(lines.find((l) => l.startsWith('"AdStatus":'))).toBe(
      '"AdStatus":{"kind":"enum","name":"AdStatus","namespace":"1","flags":false,"values":["Active","Paused","Legacy","Deleted"]},',
    );
    expect(lines.find((l) => l.startsWith('"PingRequest":'))).toBe(
      '"PingRequest":{"kind":"object","name":"PingRequest","namespace":"0","abstract":false,"protocols":"soap","fields":[]},',
    );
    expect(lines.slice(-2)).toEqual(['}}', '']);
  });

  it('loads as the full descriptor: namespaces and inherited fields put back', async () => {
    const m = model();
    const descriptor = await load();
    expect(descriptor).toEqual(descriptorData(m, analyzeFamilies(m), TINY_ENTRY));
    expect(descriptor.types.TextAd.fields.map((x: { name: string }) => x.name)).toEqual([
      'FinalUrls',
      'ForwardCompatibilityMap',
      'Id',
      'Status',
      'Type',
      'Devices',
      'Text',
      'TrackingTemplate',
    ]);
    // A subtype shares its base's field descriptors rather than holding copies.
    expect(descriptor.types.TextAd.fields[0]).toBe(descriptor.types.Ad.fields[0]);
  });

  it('parses a type when it is first read, a subtype before or after its base', async () => {
    const m = model();
    const expected = descriptorData(m, analyzeFamilies(m), TINY_ENTRY);
    const names = Object.keys(expected.types);
    const subFirst = await load();
    expect(Object.keys(subFirst.types)).toEqual(names);
    expect(names.every((name) => unread(subFirst.types, name))).toBe(true);
    expect(subFirst.types.TextAd).toEqual(expected.types.TextAd);
    expect(unread(subFirst.types, 'TextAd')).toBe(false);
    expect(unread(subFirst.types, 'Ad')).toBe(true);
    expect(subFirst.types.Ad).toEqual(expected.types.Ad);
    expect(subFirst.types.TextAd.fields[0]).toBe(subFirst.types.Ad.fields[0]);
    expect(subFirst.types.TextAd).toBe(subFirst.types.TextAd);

    const baseFirst = await load();
    expect(baseFirst.types.Ad).toEqual(expected.types.Ad);
    expect(baseFirst.types.TextAd).toEqual(expected.types.TextAd);
    expect(baseFirst.types.TextAd.fields[0]).toBe(baseFirst.types.Ad.fields[0]);
    expect(baseFirst.types.Missing).toBeUndefined();
  });

  it('reads text without the generated line layout whole, to the same descriptor', () => {
    const m = model();
    const expected = descriptorData(m, analyzeFamilies(m), TINY_ENTRY);
    const template = emitted.js.slice(
      emitted.js.indexOf('String.raw`'),
      emitted.js.lastIndexOf('`') + 1,
    );
    const nsList = new Function(
      `${emitted.js.slice(emitted.js.indexOf('const NS'), emitted.js.indexOf('];') + 2)} return NS;`,
    )() as string[];
    const oneLine = JSON.stringify(readBack(template));
    const d = descriptorFromJson(nsList, oneLine);
    expect(d).toEqual(expected);
    expect(unread(d.types, 'TextAd')).toBe(false);
  });

  it("writes each service's prefix order, the one the runtime would walk the types for", async () => {
    for (const id of serviceIds()) {
      const url = new URL(`../../generated/${id}/dist/descriptor.js`, import.meta.url);
      const { descriptor } = (await import(url.href)) as { descriptor: ServiceDescriptor };
      const written = descriptor.soap.namespaces;
      expect(written, id).toBeDefined();
      expect(written).toEqual(
        prefixOrder({
          ...descriptor,
          soap: { ...descriptor.soap, namespaces: undefined },
        } as ServiceDescriptor),
      );
    }
  });

  it('refuses a base type cycle, which loading could not resolve', () => {
    const m = model();
    const ad = m.types.find((t) => t.name === 'Ad');
    if (ad?.kind !== 'object') throw new Error('no Ad');
    ad.base = 'TextAd';
    expect(() => emitDescriptor(m, analyzeFamilies(m), TINY_ENTRY, '', '')).toThrow(
      /base types form a cycle/,
    );
  });

  it('names each namespace once and puts every one back on load', async () => {
    expect(emitted.js).toContain(
      `const NS = [\n  '${SVC}',\n  '${ENT}',\n  '${ARR}',\n  '${GEN}',\n  'urn:tiny:matrix',\n  'https://adapi.microsoft.com',\n];\n`,
    );
    const descriptor = await load();
    const found = namespaces(descriptor);
    // Service, operation elements and headers, types, fields, array items at every depth.
    expect(found.length).toBeGreaterThan(60);
    const known = [SVC, ENT, ARR, GEN, 'urn:tiny:matrix', 'https://adapi.microsoft.com'];
    for (const [where, value] of found) expect(known, where).toContain(value);
    expect(descriptor.soap.namespace).toBe(SVC);
    expect(descriptor.operations.GetAds.soap.responseHeaders).toEqual([
      { name: 'TrackingId', namespace: SVC },
    ]);
    expect(descriptor.types.Matrix).toEqual({
      kind: 'alias',
      name: 'Matrix',
      namespace: ENT,
      target: {
        array: { array: { primitive: 'int32' }, itemName: 'int', itemNamespace: ARR },
        itemName: 'ArrayOfint',
        itemNamespace: 'urn:tiny:matrix',
      },
    });
    const grid = descriptor.types.Record.fields.find((x: { name: string }) => x.name === 'Grid');
    expect(grid).toEqual({
      name: 'Grid',
      namespace: ENT,
      value: descriptor.types.Matrix.target,
      nullable: true,
      optional: true,
      protocols: 'soap',
    });
    expect(descriptor.types.Record.fields.map((x: { name: string }) => x.name)).toEqual([
      'When',
      'Day',
      'Blob',
      'Tags',
      'Grid',
    ]);
  });

  it('writes data holding backticks and ${ so that it reads back unchanged', () => {
    // templateJson escapes ` and ${ inside strings; the read-back equals the model's text.
    const m = model();
    const ad = m.types.find((t) => t.name === 'TextAd');
    if (ad?.kind !== 'object') throw new Error('no TextAd');
    ad.typeValue = 'Te`x${t}\\';
    const out = emitDescriptor(m, analyzeFamilies(m), TINY_ENTRY, '', '');
    const template = out.js.slice(out.js.indexOf('String.raw`'), out.js.lastIndexOf('`') + 1);
    expect((readBack(template) as any).types.TextAd.typeValue).toBe('Te`x${t}\\');
  });
});
