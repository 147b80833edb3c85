import { describe, expect, it } from 'vitest';
import { descriptorFromJson } from '../../../runtime/src/descriptor-json.ts';

const head =
  '"id":"tiny","name":"TinyService","soap":{"path":"/t.svc","namespace":"0"},"rest":{"basePath":"/T"}';
const field = (name: string, protocols = 'both', extra = '') =>
  `{"name":"${name}","namespace":"1","value":{"primitive":"string"},"nullable":true,"optional":true,"protocols":"${protocols}"${extra}}`;

describe('descriptorFromJson', () => {
  it('writes the namespaces back and puts inherited fields in wire order, shared with the base', () => {
    const json = `{${head},"operations":{},"types":{
"Base":{"kind":"object","name":"Base","namespace":"1","abstract":true,"protocols":"both","fields":[${field('A')},${field('R1', 'rest')}]},
"Mid":{"kind":"object","name":"Mid","namespace":"1","base":"Base","abstract":false,"protocols":"both","fields":[${field('B')},${field('R2', 'rest')}]},
"Leaf":{"kind":"object","name":"Leaf","namespace":"1","base":"Mid","abstract":false,"protocols":"both","fields":[${field('C', 'both', ',"value":{"array":{"primitive":"string"},"itemName":"string","itemNamespace":"2"}')}]}
}}`;
    const d = descriptorFromJson(['urn:svc', 'urn:ent', 'urn:arrays'], json);
    expect(d.soap.namespace).toBe('urn:svc');
    const leaf = d.types.Leaf;
    if (leaf?.kind !== 'object') throw new Error('no Leaf');
    // SOAP fields of base, mid, own; then the REST-only ones, base first.
    expect(leaf.fields.map((f) => f.name)).toEqual(['A', 'B', 'C', 'R1', 'R2']);
    expect(leaf.fields.every((f) => f.namespace === 'urn:ent')).toBe(true);
    expect(leaf.fields[2]?.value).toEqual({
      array: { primitive: 'string' },
      itemName: 'string',
      itemNamespace: 'urn:arrays',
    });
    const base = d.types.Base;
    if (base?.kind !== 'object') throw new Error('no Base');
    expect(leaf.fields[0]).toBe(base.fields[0]); // the same object, not a copy
  });

  it('names the service and the index when a namespace is missing', () => {
    const json = `{${head.replace('"namespace":"0"', '"namespace":"5"')},"operations":{},"types":{}}`;
    expect(() => descriptorFromJson(['urn:svc'], json)).toThrow('descriptor tiny: no namespace #5');
  });

  it('refuses a base chain that loops instead of recursing forever', () => {
    const json = `{${head},"operations":{},"types":{
"X":{"kind":"object","name":"X","namespace":"0","base":"Y","abstract":false,"protocols":"both","fields":[]},
"Y":{"kind":"object","name":"Y","namespace":"0","base":"X","abstract":false,"protocols":"both","fields":[]}
}}`;
    expect(() => descriptorFromJson(['urn:svc'], json)).toThrow(
      "descriptor tiny: type 'X': its base types form a cycle",
    );
  });
});
