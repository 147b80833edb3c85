import type { AliasType, EnumType } from '../model/types.ts';
import { checkAttrs, requireAttr, specError, unsupported } from './context.ts';
import { docOf } from './doc.ts';
import type { SchemaInfo } from './schema-index.ts';
import { claimName, type TypeState } from './type-state.ts';
import { isXs, resolveTypeRef } from './type-refs.ts';
import type { XmlElement } from './xml.ts';

/**
 * Reads a named `xs:simpleType`:
 * - restriction with enumerations → EnumType (flags false);
 * - list of an anonymous enumeration restriction → EnumType (flags true, space-separated on the wire);
 * - any other restriction → AliasType of its base, keeping xs:pattern facets.
 * Facets the model cannot carry (length, ranges, …), unions and `xs:list itemType=` fail
 * loudly. (The only range facets in the six WSDLs are on ser:duration, which never gets here:
 * it maps to the `duration` primitive.)
 */
export function readSimpleType(
  state: TypeState,
  el: XmlElement,
  schema: SchemaInfo,
): EnumType | AliasType {
  const { ctx } = state;
  checkAttrs(ctx, el, ['name']);
  const name = requireAttr(ctx, el, 'name');
  claimName(state, name, el);
  const body = single(state, el);
  let type: EnumType | AliasType;
  if (isXs(body, 'restriction')) {
    const facets = readRestriction(state, body);
    if (facets.values.length > 0 && facets.patterns.length > 0) {
      throw unsupported(ctx, body, 'xs:pattern together with xs:enumeration');
    }
    type =
      facets.values.length > 0
        ? enumType(name, schema, facets.values, false)
        : aliasType(name, schema, state, body, facets.patterns);
  } else if (isXs(body, 'list')) {
    checkAttrs(ctx, body, []);
    if (body.attrs['itemType'] !== undefined) throw unsupported(ctx, body, 'xs:list with itemType');
    const itemType = single(state, body);
    if (!isXs(itemType, 'simpleType')) throw unsupported(ctx, itemType);
    checkAttrs(ctx, itemType, []);
    const restriction = single(state, itemType);
    if (!isXs(restriction, 'restriction'))
      throw unsupported(ctx, restriction, `<${restriction.tag}> as a list item type`);
    const facets = readRestriction(state, restriction);
    if (facets.values.length === 0 || facets.patterns.length > 0) {
      throw unsupported(ctx, restriction, 'xs:list of a non-enumeration item type');
    }
    type = enumType(name, schema, facets.values, true);
  } else {
    throw unsupported(ctx, body);
  }
  const doc = docOf(el);
  if (doc) type.doc = doc;
  state.types.push(type);
  return type;
}

/** The one content child of `el` besides annotations. */
function single(state: TypeState, el: XmlElement): XmlElement {
  const content = el.children.filter((c) => !isXs(c, 'annotation'));
  const first = content[0];
  if (!first || content.length > 1)
    throw specError(state.ctx, el, `<${el.tag}> must have exactly one content element`);
  return first;
}

function readRestriction(
  state: TypeState,
  restriction: XmlElement,
): { values: string[]; patterns: string[] } {
  const { ctx, index } = state;
  checkAttrs(ctx, restriction, ['base']);
  resolveTypeRef(ctx, index, restriction, 'base'); // an unknown base is an error even for an enum
  const values: string[] = [];
  const patterns: string[] = [];
  for (const facet of restriction.children) {
    if (isXs(facet, 'annotation')) continue;
    if (isXs(facet, 'enumeration') || isXs(facet, 'pattern')) {
      checkAttrs(ctx, facet, ['value']);
      const value = facet.attrs['value'];
      if (value === undefined) throw specError(ctx, facet, `<${facet.tag}> has no value attribute`);
      if (facet.children.some((c) => !isXs(c, 'annotation')))
        throw unsupported(ctx, facet, `content in <${facet.tag}>`);
      (facet.local === 'enumeration' ? values : patterns).push(value);
      continue;
    }
    throw unsupported(ctx, facet, `facet <${facet.tag}>`);
  }
  return { values, patterns };
}

function enumType(name: string, schema: SchemaInfo, values: string[], flags: boolean): EnumType {
  return { kind: 'enum', name, namespace: schema.targetNamespace, values, flags };
}

function aliasType(
  name: string,
  schema: SchemaInfo,
  state: TypeState,
  restriction: XmlElement,
  patterns: string[],
): AliasType {
  const alias: AliasType = {
    kind: 'alias',
    name,
    namespace: schema.targetNamespace,
    target: resolveTypeRef(state.ctx, state.index, restriction, 'base'),
  };
  if (patterns.length > 0) alias.patterns = patterns;
  return alias;
}
