import { namedTarget, subtypeIndex, typeIndex } from '../model/helpers.ts';
import type { ObjectType, Operation, ServiceModel, ServiceType, TypeRef } from '../model/types.ts';

/**
 * The part of a model a client can touch: the types an operation reaches through its request,
 * response, headers and faults, then through fields, bases, alias targets and subtypes (a value
 * declared as a base may be any of its subtypes). Types outside it are declared but unusable
 * (WSDL leftovers, SDK models nothing refers to), so the diff ignores them: a change there
 * changes nothing for a client.
 *
 * Each reached type also records its direction: `input` (reachable from a request or a request
 * header), `output` (from a response, a response header or a fault). Breaking-ness of a field
 * change depends on it.
 */
export interface Surface {
  model: ServiceModel;
  index: Map<string, ServiceType>;
  /** Direct subtypes by base name. */
  subtypes: Map<string, ObjectType[]>;
  input: Set<string>;
  output: Set<string>;
  /** input ∪ output. */
  reachable: Set<string>;
  /** Type name → operations that use it directly as request or response body. */
  bodyOf: Map<string, string[]>;
}

export function buildSurface(model: ServiceModel): Surface {
  const index = typeIndex(model);
  const subtypes = subtypeIndex(model);
  const inputRoots: string[] = [];
  const outputRoots: string[] = [];
  const bodyOf = new Map<string, string[]>();
  const addBody = (type: string | undefined, op: Operation): void => {
    if (!type) return;
    const ops = bodyOf.get(type) ?? [];
    ops.push(op.name);
    bodyOf.set(type, ops);
  };
  const addRef = (roots: string[], ref: TypeRef | undefined): void => {
    const name = ref && namedTarget(ref);
    if (name) roots.push(name);
  };
  for (const op of model.operations) {
    if (op.request) inputRoots.push(op.request);
    if (op.response) outputRoots.push(op.response);
    addBody(op.request, op);
    addBody(op.response, op);
    outputRoots.push(...op.faults);
    for (const h of op.soap?.requestHeaders ?? []) addRef(inputRoots, h.type);
    for (const h of op.soap?.responseHeaders ?? []) addRef(outputRoots, h.type);
    for (const f of op.soap?.faults ?? []) outputRoots.push(f.type);
    for (const r of op.rest?.responses ?? []) addRef(outputRoots, r.type);
    for (const r of op.rest?.faults ?? []) addRef(outputRoots, r.type);
  }
  const input = closure(index, subtypes, inputRoots);
  const output = closure(index, subtypes, outputRoots);
  return {
    model,
    index,
    subtypes,
    input,
    output,
    reachable: new Set([...input, ...output]),
    bodyOf,
  };
}

/** Every type reachable from `roots` (names absent from the model are skipped). */
function closure(
  index: Map<string, ServiceType>,
  subtypes: Map<string, ObjectType[]>,
  roots: string[],
): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  const push = (ref: TypeRef): void => {
    const name = namedTarget(ref);
    if (name) stack.push(name);
  };
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    const type = index.get(name);
    if (!type) continue;
    seen.add(name);
    if (type.kind === 'alias') push(type.target);
    if (type.kind !== 'object') continue;
    if (type.base) stack.push(type.base);
    for (const f of type.fields) push(f.type);
    for (const sub of subtypes.get(name) ?? []) stack.push(sub.name);
  }
  return seen;
}

/** The only operation using a type as its body, when there is exactly one. */
export function soleBodyOperation(surface: Surface, type: string): string | undefined {
  const ops = surface.bodyOf.get(type);
  return ops && new Set(ops).size === 1 ? ops[0] : undefined;
}
