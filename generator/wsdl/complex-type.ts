import type { Field, ObjectType, TypeRef } from '../model/types.ts';
import { checkAttrs, qkey, requireAttr, resolveQName, specError, unsupported } from './context.ts';
import { docOf } from './doc.ts';
import type { SchemaInfo } from './schema-index.ts';
import { claimName, type TypeState } from './type-state.ts';
import {
  anonymousComplexType,
  arrayWrapperItem,
  isTrue,
  isXs,
  resolveTypeRef,
} from './type-refs.ts';
import type { XmlElement } from './xml.ts';

const FIELD_ATTRS = ['name', 'type', 'minOccurs', 'maxOccurs', 'nillable'] as const;

/**
 * Reads an `xs:complexType` (named, or the anonymous one of an element) into an ObjectType
 * and appends it to the model, followed by any anonymous types nested in its fields.
 * Supported content: `xs:sequence` of elements, or `xs:complexContent/xs:extension` with an
 * optional sequence. Everything else (choice, all, any, attributes, simpleContent,
 * restriction, mixed, abstract) fails loudly: the model could not represent it faithfully.
 */
export function readComplexType(
  state: TypeState,
  el: XmlElement,
  name: string,
  schema: SchemaInfo,
  origin: 'schema' | 'element',
): ObjectType {
  const { ctx } = state;
  checkAttrs(ctx, el, origin === 'schema' ? ['name'] : []);
  const owner = origin === 'schema' ? el : (el.parent ?? el);
  claimName(state, name, owner);
  const type: ObjectType = {
    kind: 'object',
    name,
    namespace: schema.targetNamespace,
    fields: [],
    abstract: false,
    origin,
  };
  const doc = docOf(owner);
  if (doc) type.doc = doc;
  state.types.push(type);

  const content = el.children.filter((c) => !isXs(c, 'annotation'));
  if (content.length > 1)
    throw unsupported(
      ctx,
      content[1]!,
      `<${content[1]!.tag}> after <${content[0]!.tag}> in a complexType`,
    );
  const body = content[0];
  if (!body) return type;
  if (isXs(body, 'sequence')) {
    readSequence(state, body, schema, type.fields);
  } else if (isXs(body, 'complexContent')) {
    readExtension(state, body, schema, type);
  } else {
    throw unsupported(ctx, body);
  }
  return type;
}

function readExtension(
  state: TypeState,
  complexContent: XmlElement,
  schema: SchemaInfo,
  type: ObjectType,
): void {
  const { ctx, index } = state;
  checkAttrs(ctx, complexContent, ['mixed']);
  if (isTrue(ctx, complexContent, 'mixed')) throw unsupported(ctx, complexContent, 'mixed content');
  const content = complexContent.children.filter((c) => !isXs(c, 'annotation'));
  const extension = content[0];
  if (!extension || content.length > 1)
    throw specError(ctx, complexContent, 'xs:complexContent must hold exactly one xs:extension');
  if (!isXs(extension, 'extension')) throw unsupported(ctx, extension);
  checkAttrs(ctx, extension, ['base']);
  const base = resolveQName(ctx, extension, 'base');
  const decl = index.types.get(qkey(base.namespace, base.name));
  if (!decl)
    throw specError(
      ctx,
      extension,
      `unknown type reference '${extension.attrs['base']}' ({${base.namespace}}${base.name})`,
    );
  if (decl.el.local !== 'complexType' || arrayWrapperItem(decl)) {
    throw specError(ctx, extension, `base '${extension.attrs['base']}' is not an object type`);
  }
  type.base = decl.name;
  state.withBase.push({ type, extension });
  const body = extension.children.filter((c) => !isXs(c, 'annotation'));
  if (body.length > 1)
    throw unsupported(ctx, body[1]!, `<${body[1]!.tag}> after <${body[0]!.tag}> in an extension`);
  const sequence = body[0];
  if (!sequence) return;
  if (!isXs(sequence, 'sequence')) throw unsupported(ctx, sequence);
  readSequence(state, sequence, schema, type.fields);
}

function readSequence(
  state: TypeState,
  sequence: XmlElement,
  schema: SchemaInfo,
  fields: Field[],
): void {
  checkAttrs(state.ctx, sequence, []);
  for (const child of sequence.children) {
    if (isXs(child, 'annotation')) continue;
    if (!isXs(child, 'element')) throw unsupported(state.ctx, child);
    fields.push(readField(state, child, schema));
  }
}

/** One local element of a sequence. Its namespace follows the schema's elementFormDefault. */
function readField(state: TypeState, el: XmlElement, schema: SchemaInfo): Field {
  const { ctx } = state;
  checkAttrs(ctx, el, FIELD_ATTRS);
  const name = requireAttr(ctx, el, 'name');
  const min = minOccurs(state, el);
  const max = maxOccurs(state, el);
  if (max !== 'unbounded' && max < min)
    throw specError(ctx, el, `maxOccurs ${max} < minOccurs ${min}`);
  let type: TypeRef | undefined;
  for (const child of el.children) {
    if (isXs(child, 'annotation')) continue;
    if (!isXs(child, 'complexType'))
      throw unsupported(ctx, child, `<${child.tag}> in element '${name}'`);
  }
  const anonymous = anonymousComplexType(el);
  if (anonymous && el.attrs['type'] !== undefined)
    throw specError(ctx, el, `element '${name}' has both a type attribute and an anonymous type`);
  if (anonymous) {
    readComplexType(state, anonymous, name, schema, 'element');
    type = { kind: 'named', name };
  } else if (el.attrs['type'] !== undefined) {
    type = resolveTypeRef(ctx, state.index, el);
  } else {
    type = { kind: 'primitive', primitive: 'any' }; // XSD: an element without a type is xs:anyType
  }
  const namespace = schema.qualified ? { namespace: schema.targetNamespace } : {};
  const field: Field = {
    name,
    ...namespace,
    type,
    minOccurs: min,
    maxOccurs: max,
    nullable: isTrue(ctx, el, 'nillable'),
  };
  const doc = docOf(el);
  if (doc) field.doc = doc;
  return field;
}

function minOccurs(state: TypeState, el: XmlElement): number {
  const raw = el.attrs['minOccurs'];
  if (raw === undefined) return 1;
  if (!/^\d+$/.test(raw)) throw specError(state.ctx, el, `bad minOccurs="${raw}"`);
  return Number(raw);
}

function maxOccurs(state: TypeState, el: XmlElement): number | 'unbounded' {
  const raw = el.attrs['maxOccurs'];
  if (raw === undefined) return 1;
  if (raw === 'unbounded') return raw;
  if (!/^\d+$/.test(raw) || raw === '0') throw specError(state.ctx, el, `bad maxOccurs="${raw}"`);
  return Number(raw);
}
