import {
  descendants,
  refName,
  subclassIndex,
  type OaDocument,
  type OaSchema,
} from './openapi-doc.ts';

/**
 * Converts a service's OpenAPI 3.0 component schemas into one JSON Schema (draft 2019-09)
 * document for ajv.
 *
 * - `nullable` becomes a `null` type/enum member, and `{allOf:[$ref], nullable}` an anyOf with null.
 * - A discriminated base referenced as a value becomes `<Name>~poly`: the base plus, for each
 *   `Type` value (mapping keys and, as OpenAPI's implicit mapping allows, descendant names),
 *   if/then to the subtype, so subtype fields are checked too.
 * - Objects with declared properties are closed where they are used
 *   (`unevaluatedProperties: false`, which sees through allOf and if/then, unlike
 *   additionalProperties): a property the schema does not declare is a violation, because the
 *   generated client is built from this very document and must never send one.
 * - `additionalProperties` (object maps) is kept, so map values are checked too.
 * - x-enumFlags strings accept several enum values joined by `,` (PHP) or `, ` (Python).
 * Draft 2019-09 rather than draft-07 because draft-07 has no unevaluatedProperties.
 */
export function toJsonSchema(doc: OaDocument, id: string): Record<string, unknown> {
  const schemas = doc.components.schemas;
  const subclasses = subclassIndex(doc);
  const defs: Record<string, unknown> = {};
  const isClosed = (name: string): boolean => {
    const s = schemas[name];
    return !!s && (!!s.properties || !!s.allOf);
  };

  const useRef = (ref: string): Record<string, unknown> => {
    const name = refName(ref);
    const target = schemas[name]?.discriminator ? `${name}~poly` : name;
    const out: Record<string, unknown> = { $ref: `#/$defs/${target}` };
    if (isClosed(name)) out['unevaluatedProperties'] = false;
    return out;
  };

  const convert = (s: OaSchema, inAllOf = false): Record<string, unknown> => {
    if (s.$ref) return inAllOf ? { $ref: `#/$defs/${refName(s.$ref)}` } : useRef(s.$ref);
    if (s.allOf && s.nullable && s.allOf.length === 1 && s.allOf[0]!.$ref) {
      return { anyOf: [{ type: 'null' }, useRef(s.allOf[0]!.$ref)] };
    }
    const out: Record<string, unknown> = {};
    if (s.allOf) out['allOf'] = s.allOf.map((p) => convert(p, true));
    if (s.type) out['type'] = s.nullable ? [s.type, 'null'] : s.type;
    if (s.format) out['format'] = s.format;
    if (s.enum) {
      if (s['x-enumFlags']) {
        const alt = s.enum.map((v) => String(v).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
        out['pattern'] = `^(${alt})(,\\s*(${alt}))*$`;
      } else out['enum'] = s.nullable ? [...s.enum, null] : s.enum;
    }
    if (s.properties) {
      out['properties'] = Object.fromEntries(
        Object.entries(s.properties).map(([k, v]) => [k, convert(v)]),
      );
    }
    if (s.required) out['required'] = s.required;
    if (s.items) out['items'] = convert(s.items);
    // Object maps (AuditPointResult.Details): every value must match the value schema.
    if (s.additionalProperties) out['additionalProperties'] = convert(s.additionalProperties);
    return out;
  };

  for (const [name, s] of Object.entries(schemas)) {
    defs[name] = convert(s);
    if (!s.discriminator) continue;
    const prop = s.discriminator.propertyName;
    const cases = new Map<string, string>();
    for (const [value, ref] of Object.entries(s.discriminator.mapping ?? {}))
      cases.set(value, refName(ref));
    for (const d of descendants(subclasses, name)) if (!cases.has(d)) cases.set(d, d);
    defs[`${name}~poly`] = {
      allOf: [
        { $ref: `#/$defs/${name}` },
        ...[...cases]
          .filter(([, target]) => target !== name)
          .map(([value, target]) => ({
            if: { properties: { [prop]: { const: value } }, required: [prop] },
            then: { $ref: `#/$defs/${target}` },
          })),
      ],
    };
  }
  return { $id: id, $schema: 'https://json-schema.org/draft/2019-09/schema', $defs: defs };
}

/** Converts one operation-level schema (request or response body) against the same document. */
export function useSchema(
  id: string,
  s: OaSchema | undefined,
  doc: OaDocument,
): Record<string, unknown> {
  if (!s) return {};
  if (s.$ref) {
    const name = refName(s.$ref);
    const schema = doc.components.schemas[name];
    const target = schema?.discriminator ? `${name}~poly` : name;
    const out: Record<string, unknown> = { $ref: `${id}#/$defs/${target}` };
    if (schema && (schema.properties || schema.allOf)) out['unevaluatedProperties'] = false;
    return out;
  }
  // Inline bodies in these specs are free-form (`{type: object}`).
  return s.type ? { type: s.type } : {};
}
