/**
 * REST request bodies. The plan (./encode-plan.ts) turns the request into a JSON-ready tree
 * once per call and JSON.stringify writes it; only a request carrying a decimal a double
 * cannot hold goes through the small raw-aware serializer below.
 */
import type { OperationDescriptor, ServiceDescriptor } from '../descriptors.js';
import { describe, isPlainRecord, requestError } from '../codec-plan.js';
import { RequestValidationError } from '../errors.js';
import { type ConvertState, RawNumber, convertObject, restEncodePlan } from './encode-plan.js';

/**
 * The JSON body for one call of `op`: '{}' for request-less operations (the service still
 * wants an object). 64-bit integers are JSON strings, decimals JSON numbers with their
 * digits kept, flags one ', '-joined string, `Type` filled in for concrete family members.
 * Throws a RequestValidationError naming the field path when the request does not fit its
 * descriptor, exactly where and why the SOAP encoder would.
 *
 * @internal
 */
export function encodeRestBody(
  service: ServiceDescriptor,
  op: OperationDescriptor,
  request: unknown,
): string {
  if (!op.request || request === undefined || request === null) return '{}';
  const plan = restEncodePlan(service, op.request);
  if (!isPlainRecord(request))
    throw new RequestValidationError(op.request, `expected an object, got ${describe(request)}`);
  const state: ConvertState = { raw: false };
  let tree: Record<string, unknown>;
  try {
    tree = convertObject(service, plan, request, state);
  } catch (error) {
    throw requestError(error, op.request);
  }
  if (!state.raw) return JSON.stringify(tree);
  const out: string[] = [];
  writeTree(tree, out);
  return out.join('');
}

/** JSON.stringify's output for the converted tree, except that RawNumber leaves are written verbatim. */
function writeTree(value: unknown, out: string[]): void {
  if (value instanceof RawNumber) {
    out.push(value.text);
  } else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      const item: unknown = value[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol')
        out.push('null');
      else writeTree(item, out);
    }
    out.push(']');
  } else if (isPlainRecord(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    out.push('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out.push(first ? '' : ',', JSON.stringify(key), ':');
      first = false;
      writeTree(item, out);
    }
    out.push('}');
  } else {
    out.push(JSON.stringify(value) ?? 'null');
  }
}
