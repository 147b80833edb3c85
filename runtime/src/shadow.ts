import type { ServiceDescriptor, TypeDescriptor, ValueDescriptor } from './descriptors.js';
import type { Protocol } from './errors.js';
import { operationKind } from './operation-kind.js';

/**
 * Shadow mode: a safe call runs on its protocol as usual, and the same request goes to the
 * other protocol in the background; the two decoded results are compared and every
 * difference is reported. The caller only ever sees the primary result. Writes never shadow.
 *
 * @public
 */
export interface ShadowOptions {
  /** `reads` (default): Get/Search/Find operations; `all-safe`: also suggestions, estimates, polls. */
  compare?: 'reads' | 'all-safe';
  onDifference(difference: ShadowDifference): void;
}

/** @public */
export interface ShadowDifference {
  service: string;
  operation: string;
  /** The protocol whose result the caller got. */
  primary: Protocol;
  /** The protocol the request was repeated on. */
  shadow: Protocol;
  /** Where the decoded results differ: `Campaigns[0].Name`; '' for the whole result. */
  path: string;
  primaryValue: unknown;
  shadowValue: unknown;
  /** `value`: both answered and differ there; `error`: the shadow call failed (its value names the error). */
  kind: 'value' | 'error';
  /** When the shadow call finished (ISO). */
  at: string;
}

/** Runs and tracks the background calls of one client. */
export class Shadow {
  readonly #options: ShadowOptions;
  readonly #pending = new Set<Promise<void>>();

  constructor(options: ShadowOptions) {
    if (!options || typeof options.onDifference !== 'function')
      throw new TypeError('ServiceClient: shadow.onDifference must be a function');
    if (
      options.compare !== undefined &&
      options.compare !== 'reads' &&
      options.compare !== 'all-safe'
    )
      throw new TypeError("ServiceClient: shadow.compare must be 'reads' or 'all-safe'");
    this.#options = options;
  }

  /** Whether `operation` is shadowed: never a write. */
  covers(operation: string, descriptor: ServiceDescriptor): boolean {
    const kind = operationKind(operation, descriptor.operations[operation]);
    return kind === 'read' || (kind === 'safe' && this.#options.compare === 'all-safe');
  }

  /**
   * Starts the shadow call and compares its result with the primary one when it ends. Never
   * throws and never rejects: a failing shadow call is itself a difference.
   */
  run(
    descriptor: ServiceDescriptor,
    operation: string,
    protocols: { primary: Protocol; shadow: Protocol },
    primaryValue: unknown,
    call: () => Promise<unknown>,
  ): void {
    const report = (d: Difference, kind: ShadowDifference['kind']): void => {
      try {
        this.#options.onDifference({
          service: descriptor.id,
          operation,
          ...protocols,
          ...d,
          kind,
          at: new Date().toISOString(),
        });
      } catch {
        // A failing callback must not fail anything else.
      }
    };
    const task = call().then(
      (value) => {
        const response = descriptor.operations[operation]?.response;
        const found: Difference[] = [];
        const root = response ? { type: response } : undefined;
        compareValues(primaryValue, value, root, descriptor.types, '', found);
        for (const d of found) report(d, 'value');
      },
      (error: unknown) =>
        report({ path: '', primaryValue: '(succeeded)', shadowValue: describe(error) }, 'error'),
    );
    const tracked: Promise<void> = task.finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  /** Resolves when every shadow call started so far has been compared. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }
}

interface Difference {
  path: string;
  primaryValue: unknown;
  shadowValue: unknown;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { errors?: { code?: unknown; errorCode?: unknown }[] }).errors?.[0];
  return `${error.name}${code ? ` ${String(code.code)} ${String(code.errorCode)}` : ''}`;
}

/**
 * Compares two decoded results, normalizing the wire differences the migration guide
 * documents: null and absent are the same (SOAP `i:nil` vs a missing JSON property),
 * `key`/`value` members match `Key`/`Value`, and flags-enum lists are sets. `$metadata` is
 * not enumerable and never compared.
 *
 * @public
 */
export function compareValues(
  a: unknown,
  b: unknown,
  value: ValueDescriptor | undefined,
  types: Record<string, TypeDescriptor>,
  path: string,
  out: Difference[],
): void {
  if (isNil(a) && isNil(b)) return;
  if (isNil(a) || isNil(b)) {
    out.push({ path, primaryValue: a ?? null, shadowValue: b ?? null });
    return;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) {
      out.push({ path, primaryValue: a, shadowValue: b });
      return;
    }
    const item = value && 'array' in value ? value.array : undefined;
    if (isFlags(value, types) || (item && isFlags(item, types))) {
      const x = [...a].map(String).sort();
      const y = [...b].map(String).sort();
      if (x.join('\u0000') !== y.join('\u0000'))
        out.push({ path, primaryValue: a, shadowValue: b });
      return;
    }
    if (a.length !== b.length) {
      out.push({ path: `${path}.length`, primaryValue: a.length, shadowValue: b.length });
    }
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      compareValues(a[i], b[i], item, types, `${path}[${i}]`, out);
    return;
  }
  if (typeof a === 'object' && typeof b === 'object') {
    const x = normalizeKeys(a as Record<string, unknown>);
    const y = normalizeKeys(b as Record<string, unknown>);
    const fields = objectFields(value, types, x['Type']);
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
      compareValues(x[k], y[k], fields?.get(k), types, path ? `${path}.${k}` : k, out);
    }
    return;
  }
  if (a !== b) out.push({ path, primaryValue: a, shadowValue: b });
}

function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** `key`/`value` (SOAP DataContract spelling) read as `Key`/`Value` (REST's). */
function normalizeKeys(o: Record<string, unknown>): Record<string, unknown> {
  if (!('key' in o) && !('value' in o)) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    out[k === 'key' ? 'Key' : k === 'value' ? 'Value' : k] = v;
  return out;
}

function isFlags(
  value: ValueDescriptor | undefined,
  types: Record<string, TypeDescriptor>,
): boolean {
  if (!value || !('type' in value)) return false;
  const t = types[value.type];
  return t?.kind === 'enum' && t.flags;
}

/** Field name → value descriptor of the object's actual type (its `Type` picks a subtype). */
function objectFields(
  value: ValueDescriptor | undefined,
  types: Record<string, TypeDescriptor>,
  typeValue: unknown,
): Map<string, ValueDescriptor> | undefined {
  if (!value || !('type' in value)) return undefined;
  let t = types[value.type];
  if (t?.kind !== 'object') return undefined;
  const actual = typeof typeValue === 'string' ? t.family?.[typeValue] : undefined;
  if (actual && types[actual]?.kind === 'object') t = types[actual] as typeof t;
  return new Map(t.fields.map((f) => [f.name, f.value]));
}
