import { refName, type OaDocument, type OaSchema } from './openapi-doc.ts';

/**
 * Shapes a protocol-neutral value (as the Customer Management store keeps it) into the JSON
 * the REST schema declares: undeclared properties and the `$type` marker dropped, a subtype's
 * discriminator property set from the mapping, int64 numbers turned into strings.
 */
export function projectJson(
  doc: OaDocument,
  schema: OaSchema | undefined,
  value: unknown,
): unknown {
  if (!schema || value === null || value === undefined) return value ?? null;
  if (schema.$ref) return projectNamed(doc, refName(schema.$ref), value);
  if (schema.allOf) {
    if (schema.allOf.length === 1) return projectJson(doc, schema.allOf[0], value);
    // A subtype's parts: its base's own properties (no dispatch back to the subtype) and its own.
    return Object.assign(
      {},
      ...schema.allOf.map(
        (p) =>
          (p.$ref
            ? projectNamed(doc, refName(p.$ref), value, false)
            : projectJson(doc, p, value)) as object,
      ),
    );
  }
  if (schema.type === 'array') {
    const items = Array.isArray(value) ? value : [value];
    return items.map((v) => projectJson(doc, schema.items, v));
  }
  if (schema.type === 'object' && schema.properties) {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, p] of Object.entries(schema.properties)) {
      // SOAP spells KeyValuePair members key/value, REST Key/Value.
      const v =
        obj[k] !== undefined
          ? obj[k]
          : k === 'Key'
            ? obj['key']
            : k === 'Value'
              ? obj['value']
              : undefined;
      if (v !== undefined) out[k] = projectJson(doc, p, v);
    }
    return out;
  }
  if (schema.type === 'string' && schema.format === 'int64' && typeof value !== 'string')
    return String(value);
  if (schema['x-enumFlags'] && typeof value === 'string')
    return value
      .trim()
      .split(/[\s,]+/)
      .join(', ');
  return value;
}

function projectNamed(doc: OaDocument, name: string, value: unknown, dispatch = true): unknown {
  const schemas = doc.components.schemas;
  const s = schemas[name];
  if (!s) return value;
  const named = (value as { $type?: unknown } | null)?.$type;
  const mapping = s.discriminator?.mapping;
  if (dispatch && mapping && typeof named === 'string' && named !== name) {
    const entry = Object.entries(mapping).find(([k, ref]) => refName(ref) === named || k === named);
    if (entry) {
      const out = projectJson(doc, { $ref: entry[1] }, value) as Record<string, unknown>;
      out[s.discriminator!.propertyName] = entry[0];
      return out;
    }
  }
  return projectJson(doc, s, value);
}
