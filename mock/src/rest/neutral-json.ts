import { refName, type OaDocument, type OaSchema } from './openapi-doc.ts';

/**
 * The inverse of projectJson: a REST request body read into the protocol-neutral shape the
 * SOAP reader produces, so the stateful handlers and the store see one shape whichever
 * protocol wrote it. A discriminated object's `Type` names its schema as `$type` (SOAP's
 * `i:type`); KeyValuePair members `Key`/`Value` become SOAP's `key`/`value`.
 */
export function neutralFromJson(
  doc: OaDocument,
  schema: OaSchema | undefined,
  value: unknown,
): unknown {
  if (!schema || value === null || value === undefined) return value;
  if (schema.$ref) return neutralNamed(doc, refName(schema.$ref), value);
  if (schema.allOf) {
    // A subtype's parts: its base's own properties (no dispatch back to the subtype) and its own.
    return schema.allOf.reduce<unknown>(
      (v, part) =>
        part.$ref && schema.allOf!.length > 1
          ? neutralNamed(doc, refName(part.$ref), v, false)
          : neutralFromJson(doc, part, v),
      value,
    );
  }
  if (schema.type === 'array' && Array.isArray(value))
    return value.map((v) => neutralFromJson(doc, schema.items, v));
  if (schema.properties && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [k, p] of Object.entries(schema.properties))
      if (out[k] !== undefined) out[k] = neutralFromJson(doc, p, out[k]);
    return out;
  }
  return value;
}

function neutralNamed(doc: OaDocument, name: string, value: unknown, dispatch = true): unknown {
  const s = doc.components.schemas[name];
  if (!s || typeof value !== 'object' || Array.isArray(value)) return value;
  let actual = name;
  const d = dispatch ? s.discriminator : undefined;
  const typeValue = (value as Record<string, unknown>)[d?.propertyName ?? 'Type'];
  if (d?.mapping && typeof typeValue === 'string') {
    const ref = d.mapping[typeValue] ?? (doc.components.schemas[typeValue] ? typeValue : undefined);
    if (ref) actual = refName(ref);
    // The SDKs' `<Base>Base` schema stands for the concrete base itself.
    if (actual === `${name}Base`) actual = name;
  }
  const target = actual === name ? s : (doc.components.schemas[actual] ?? s);
  const out = neutralFromJson(doc, target, value) as Record<string, unknown>;
  if (d) out['$type'] = actual;
  if (name.startsWith('KeyValuePairOf')) {
    const { Key, Value, ...rest } = out;
    return { ...rest, key: Key, value: Value };
  }
  return out;
}
