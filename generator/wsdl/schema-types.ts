import type { ServiceType } from '../model/types.ts';
import {
  checkAttrs,
  type ReadContext,
  qkey,
  requireAttr,
  specError,
  unsupported,
} from './context.ts';
import { readComplexType } from './complex-type.ts';
import type { Decl, SchemaIndex, SchemaInfo } from './schema-index.ts';
import { readSimpleType } from './simple-type.ts';
import { newTypeState, type TypeState } from './type-state.ts';
import {
  anonymousComplexType,
  arrayWrapperItem,
  declRef,
  isSerializationPrimitive,
  isXs,
  resolveTypeRef,
} from './type-refs.ts';
import type { XmlElement } from './xml.ts';

/**
 * Second pass over the schemas: every global declaration becomes model types, in document
 * order. What is not a model type: `ArrayOf…` wrappers (fields get an ArrayRef instead),
 * ser:char/guid/duration (primitives), and elements declared with a named type (they only
 * name an element; their type is read where it is declared). Elements with an anonymous
 * complexType (request/response wrappers) become object types with origin 'element'.
 */
export function readSchemaTypes(ctx: ReadContext, index: SchemaIndex): ServiceType[] {
  const state = newTypeState(ctx, index);
  for (const schema of index.schemas) {
    for (const el of schema.el.children) {
      if (isXs(el, 'complexType')) readGlobalComplexType(state, el, schema);
      else if (isXs(el, 'simpleType')) readGlobalSimpleType(state, el, schema);
      else if (isXs(el, 'element')) readGlobalElement(state, el, schema);
    }
  }
  checkBases(state);
  return state.types;
}

/** The index entry of a global complexType or simpleType (the first pass registered every one). */
function globalTypeDecl(state: TypeState, el: XmlElement, schema: SchemaInfo): Decl {
  return state.index.types.get(qkey(schema.targetNamespace, requireAttr(state.ctx, el, 'name')))!;
}

/**
 * An element declaration holds annotations and at most an anonymous complexType (read by the
 * caller); anything else is unsupported (`where` says where in the message, when given).
 */
function checkElementContent(state: TypeState, el: XmlElement, where?: string): void {
  for (const child of el.children) {
    if (!isXs(child, 'annotation') && !isXs(child, 'complexType'))
      throw unsupported(
        state.ctx,
        child,
        where === undefined ? undefined : `<${child.tag}> ${where}`,
      );
  }
}

function readGlobalComplexType(state: TypeState, el: XmlElement, schema: SchemaInfo): void {
  const decl = globalTypeDecl(state, el, schema);
  const item = arrayWrapperItem(decl);
  if (!item) {
    readComplexType(state, el, decl.name, schema, 'schema');
    return;
  }
  // A wrapper is not a model type, but it is still checked (attributes, item type) and a
  // dictionary wrapper's anonymous item type is emitted where the wrapper stands.
  checkAttrs(state.ctx, item, ['name', 'type', 'minOccurs', 'maxOccurs', 'nillable']);
  checkElementContent(state, item);
  const anonymous = anonymousComplexType(item);
  if (anonymous) readComplexType(state, anonymous, item.attrs['name']!, schema, 'element');
  declRef(state.ctx, state.index, decl);
}

function readGlobalSimpleType(state: TypeState, el: XmlElement, schema: SchemaInfo): void {
  if (isSerializationPrimitive(globalTypeDecl(state, el, schema))) return;
  readSimpleType(state, el, schema);
}

function readGlobalElement(state: TypeState, el: XmlElement, schema: SchemaInfo): void {
  const { ctx } = state;
  checkAttrs(ctx, el, ['name', 'type', 'nillable']);
  const name = requireAttr(ctx, el, 'name');
  checkElementContent(state, el, `in element '${name}'`);
  const anonymous = anonymousComplexType(el);
  if (anonymous && el.attrs['type'] !== undefined)
    throw specError(ctx, el, `element '${name}' has both a type attribute and an anonymous type`);
  if (anonymous) readComplexType(state, anonymous, name, schema, 'element');
  else if (el.attrs['type'] !== undefined) resolveTypeRef(ctx, state.index, el); // unknown references fail even when unused
}

/** Every base exists as an object type of the model and no chain loops back on itself. */
function checkBases(state: TypeState): void {
  const byName = new Map(state.types.map((t) => [t.name, t]));
  for (const { type, extension } of state.withBase) {
    const seen = new Set<string>([type.name]);
    let base = type.base;
    while (base !== undefined) {
      const next = byName.get(base);
      if (!next || next.kind !== 'object')
        throw specError(state.ctx, extension, `base '${base}' is not an object type of the model`);
      if (seen.has(base))
        throw specError(state.ctx, extension, `cyclic base: ${[...seen, base].join(' → ')}`);
      seen.add(base);
      base = next.base;
    }
  }
}
