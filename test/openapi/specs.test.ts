import { afterAll, describe, expect, it } from 'vitest';
import type { TypeRef } from '../../generator/model/types.ts';
import { fieldNamed, objectNamed } from './helpers.ts';
import {
  HTTP_METHODS,
  type Json,
  TABLE,
  expectedRef,
  load,
  reportParseTimes,
} from './real-specs.ts';

afterAll(reportParseTimes);

for (const [id, row] of Object.entries(TABLE)) {
  describe(`${id}.openapi.json`, () => {
    it('has one operation per (path, method) pair, in paths order, named by operationId', () => {
      const { raw, model } = load(id);
      const pairs: [string, string, string][] = [];
      for (const [path, item] of Object.entries(raw['paths'] as Json)) {
        for (const [method, op] of Object.entries(item as Json)) {
          if (HTTP_METHODS.has(method)) pairs.push([op.operationId, method.toUpperCase(), path]);
        }
      }
      expect(Object.keys(raw['paths'])).toHaveLength(row.paths);
      expect(pairs).toHaveLength(row.operations);
      expect(model.operations).toHaveLength(row.operations);
      expect(model.operations.map((o) => [o.name, o.rest?.method, o.rest?.path])).toEqual(pairs);
      expect(model).toMatchObject({
        service: id,
        protocol: 'rest',
        name: raw['info']['title'],
        source: { file: `${id}.openapi.json` },
      });
    });

    it('gives every operation the SDKs fault statuses with ApplicationFault, and a 200 entry', () => {
      const { model } = load(id);
      for (const op of model.operations) {
        expect(op.faults).toEqual(['ApplicationFault']);
        expect(op.rest?.faults.map((f) => f.status)).toEqual(['400', '401', '403', '500']);
        expect(op.rest?.responses.map((r) => r.status)).toEqual(['200']);
        expect(op.rest?.requestBodyRequired).toBe(true);
      }
    });

    it('has the README schema counts, minus the folded and dropped <Base>Base schemas', () => {
      const { raw, model } = load(id);
      const removed = [...row.folded, ...row.dropped];
      expect(Object.keys(raw['components']['schemas'])).toHaveLength(row.objects + row.enums);
      const objects = model.types.filter((t) => t.kind === 'object');
      const enums = model.types.filter((t) => t.kind === 'enum');
      expect(objects).toHaveLength(row.objects - removed.length);
      expect(enums).toHaveLength(row.enums);
      expect(enums.filter((e) => e.flags)).toHaveLength(row.flags);
      expect(model.types).toHaveLength(row.objects + row.enums - removed.length);
      expect(objects.filter((o) => o.discriminator)).toHaveLength(row.bases);
      expect(objects.filter((o) => o.base)).toHaveLength(row.subclasses - removed.length);
      const names = new Set(model.types.map((t) => t.name));
      for (const name of removed) expect(names.has(name)).toBe(false);
      // types stay in components order
      const rawOrder = Object.keys(raw['components']['schemas']).filter(
        (n) => !removed.includes(n),
      );
      expect(model.types.map((t) => t.name)).toEqual(rawOrder);
    });

    it('folds mapped <Base>Base into a concrete base carrying its value', () => {
      const { model } = load(id);
      for (const name of row.folded) {
        const base = objectNamed(model.types, name.slice(0, -'Base'.length));
        expect(base.abstract).toBe(false);
        expect(base.discriminatorValue).toBe(base.name);
        expect(base.discriminator?.mapping[base.name]).toBe(base.name);
      }
    });

    it('marks exactly the unmapped family roots abstract', () => {
      const { model } = load(id);
      const abstract = model.types
        .filter((t) => t.kind === 'object' && t.abstract)
        .map((t) => t.name);
      expect(abstract.sort()).toEqual([...row.abstract].sort());
      for (const t of model.types) {
        if (
          t.kind === 'object' &&
          t.discriminatorValue === undefined &&
          !t.discriminator &&
          t.base
        ) {
          throw new Error(`${t.name} inherits a discriminator but has no value`);
        }
      }
    });

    it('reads every property with the type, nullability and occurrence the raw schema gives', () => {
      const { raw, model } = load(id);
      const folded = new Set(row.folded);
      const removed = new Set([...row.folded, ...row.dropped]);
      let checked = 0;
      for (const [name, schema] of Object.entries(raw['components']['schemas'] as Json)) {
        if (removed.has(name) || schema.enum) continue;
        const own: Json = schema.allOf ? schema.allOf[1] : schema;
        const required = new Set<string>(own.required ?? []);
        const type = objectNamed(model.types, name);
        expect(type.fields.map((f) => f.name)).toEqual(Object.keys(own.properties ?? {}));
        for (const [prop, propSchema] of Object.entries((own.properties ?? {}) as Json)) {
          const field = fieldNamed(type, prop);
          expect(field.type, `${name}.${prop}`).toEqual(expectedRef(propSchema, folded));
          expect(field.nullable, `${name}.${prop}`).toBe(propSchema.nullable === true);
          expect(field.minOccurs, `${name}.${prop}`).toBe(required.has(prop) ? 1 : 0);
          expect(field.maxOccurs).toBe(1);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it('resolves every named reference to a model type', () => {
      const { model } = load(id);
      const names = new Set(model.types.map((t) => t.name));
      const visit = (ref: TypeRef | undefined, where: string) => {
        if (!ref) return;
        if (ref.kind === 'array') visit(ref.items, where);
        else if (ref.kind === 'named' && !names.has(ref.name))
          throw new Error(`${where}: dangling ${ref.name}`);
      };
      for (const t of model.types) {
        if (t.kind !== 'object') continue;
        if (t.base) expect(names.has(t.base)).toBe(true);
        for (const f of t.fields) visit(f.type, `${t.name}.${f.name}`);
        for (const target of Object.values(t.discriminator?.mapping ?? {}))
          expect(names.has(target)).toBe(true);
      }
      for (const op of model.operations) {
        for (const n of [op.request, op.response, ...op.faults])
          if (n) expect(names.has(n), `${op.name}: ${n}`).toBe(true);
      }
    });
  });
}
