import type { QName, TypeRef } from '../model/types.ts';
import { type ReadContext, qkey, resolveQName, specError } from './context.ts';
import type { Decl, SchemaIndex } from './schema-index.ts';
import { anonymousComplexType, arrayWrapperItem, resolveTypeRef } from './type-refs.ts';
import type { XmlElement } from './xml.ts';

/** The global element a message part names; `user` is the part, for the error place. */
export function elementDecl(
  ctx: ReadContext,
  index: SchemaIndex,
  element: QName,
  user: XmlElement,
): Decl {
  const decl = index.elements.get(qkey(element.namespace, element.name));
  if (!decl)
    throw specError(
      ctx,
      user,
      `unknown element '${user.attrs['element']}' ({${element.namespace}}${element.name})`,
    );
  return decl;
}

/** Type of a header element: its anonymous complexType (emitted under the element's name) or its type reference. */
export function headerTypeRef(ctx: ReadContext, index: SchemaIndex, decl: Decl): TypeRef {
  if (anonymousComplexType(decl.el)) return { kind: 'named', name: decl.name };
  if (decl.el.attrs['type'] !== undefined) return resolveTypeRef(ctx, index, decl.el);
  return { kind: 'primitive', primitive: 'any' };
}

/**
 * Model type name of a body or fault-detail element. Document/literal wrapped bodies use an
 * anonymous complexType (`GetUserRequest`); fault details refer to a named one (`ApiFault`).
 * Either way it must be an object type of the model.
 */
export function bodyTypeName(ctx: ReadContext, index: SchemaIndex, decl: Decl): string {
  if (anonymousComplexType(decl.el)) return decl.name;
  if (decl.el.attrs['type'] === undefined)
    throw specError(ctx, decl.el, `element '${decl.name}' has no type`);
  const q = resolveQName(ctx, decl.el, 'type');
  const type = index.types.get(qkey(q.namespace, q.name));
  if (!type || type.el.local !== 'complexType' || arrayWrapperItem(type)) {
    throw specError(
      ctx,
      decl.el,
      `element '${decl.name}' is used as a message body or fault detail but its type '${decl.el.attrs['type']}' is not an object type`,
    );
  }
  return type.name;
}
