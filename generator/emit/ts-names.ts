import type { TypeRef } from '../model/index.ts';
import type { MergedModel, MergedType } from '../model/merge.ts';
import { freeName } from './naming.ts';

/**
 * TypeScript names of spec types. A spec type named like a global of JavaScript (Campaign
 * Management's and Reporting's `Date`) would hide that global in every module that imports
 * it, so it is exported as `Ads<Name>` (`AdsDate`) instead; everything else keeps the spec's
 * name. The rename is TypeScript's only: the descriptor, the wire and the docs links keep
 * the spec name.
 */

/** Globals of ES2023 and of Node that a consumer's module is likely to use. */
const GLOBALS = new Set(
  (
    'Array ArrayBuffer Atomics BigInt Boolean DataView Date Error EvalError Function Infinity ' +
    'Intl Iterator JSON Map Math NaN Number Object Promise Proxy RangeError ReferenceError ' +
    'Reflect RegExp Set SharedArrayBuffer String Symbol SyntaxError TypeError URIError WeakMap ' +
    'WeakRef WeakSet Record Partial Required Readonly Pick Omit Exclude Extract Awaited ' +
    'AbortController AbortSignal Blob Buffer Event EventTarget Headers Request Response ' +
    'TextDecoder TextEncoder URL URLSearchParams'
  ).split(' '),
);

export interface TsNames {
  /** The model with renamed types and every reference to them rewritten. */
  model: MergedModel;
  /** TypeScript name → spec name, for the renamed types only. */
  specName: ReadonlyMap<string, string>;
}

export function tsNames(model: MergedModel): TsNames {
  const taken = new Set(model.types.map((t) => t.name));
  const renamed = new Map<string, string>();
  for (const t of model.types) {
    if (!GLOBALS.has(t.name)) continue;
    const name = freeName(`Ads${t.name}`, taken);
    taken.add(name);
    renamed.set(t.name, name);
  }
  if (renamed.size === 0) return { model, specName: new Map() };
  const rename = (name: string): string => renamed.get(name) ?? name;
  const ref = (r: TypeRef): TypeRef => {
    switch (r.kind) {
      case 'named':
        return { kind: 'named', name: rename(r.name) };
      case 'array':
        return { ...r, items: ref(r.items) };
      case 'map':
        return { ...r, values: ref(r.values) };
      case 'primitive':
        return r;
    }
  };
  const types = model.types.map((t): MergedType => {
    const name = rename(t.name);
    if (t.kind === 'enum') return { ...t, name };
    if (t.kind === 'alias') return { ...t, name, target: ref(t.target) };
    const copy = { ...t, name, fields: t.fields.map((f) => ({ ...f, type: ref(f.type) })) };
    if (t.base !== undefined) copy.base = rename(t.base);
    return copy;
  });
  const operations = model.operations.map((o) => {
    const copy = { ...o };
    if (o.request !== undefined) copy.request = rename(o.request);
    if (o.response !== undefined) copy.response = rename(o.response);
    return copy;
  });
  return {
    model: { ...model, types, operations },
    specName: new Map([...renamed].map(([spec, ts]) => [ts, spec])),
  };
}
