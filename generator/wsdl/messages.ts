import { NS, type QName } from '../model/types.ts';
import {
  checkAttrs,
  childrenNamed,
  type ReadContext,
  qkey,
  requireAttr,
  resolveQName,
  specError,
  unsupported,
} from './context.ts';
import type { XmlElement } from './xml.ts';

export interface MessagePart {
  readonly name: string;
  /** The global element the part refers to (document/literal). */
  readonly element: QName;
  readonly el: XmlElement;
}

export interface Message {
  readonly name: string;
  readonly parts: MessagePart[];
  readonly el: XmlElement;
}

/** All `wsdl:message`s of the definitions, by `qkey(targetNamespace, name)`. */
export function readMessages(
  ctx: ReadContext,
  definitions: XmlElement,
  targetNamespace: string,
): Map<string, Message> {
  const messages = new Map<string, Message>();
  for (const el of definitions.children) {
    if (el.ns !== NS.wsdl || el.local !== 'message') continue;
    checkAttrs(ctx, el, ['name']);
    const name = requireAttr(ctx, el, 'name');
    const key = qkey(targetNamespace, name);
    if (messages.has(key)) throw specError(ctx, el, `duplicate message '${name}'`);
    const parts: MessagePart[] = [];
    for (const part of childrenNamed(ctx, el, NS.wsdl, 'part')) {
      // A `type=` part belongs to rpc/encoded style, which these services never use.
      if (part.attrs['type'] !== undefined)
        throw unsupported(ctx, part, 'message part with a type attribute (rpc style)');
      checkAttrs(ctx, part, ['name', 'element']);
      const partName = requireAttr(ctx, part, 'name');
      if (parts.some((p) => p.name === partName))
        throw specError(ctx, part, `duplicate part '${partName}'`);
      parts.push({ name: partName, element: resolveQName(ctx, part, 'element'), el: part });
    }
    messages.set(key, { name, parts, el });
  }
  return messages;
}

/** The message a `message="tns:…"` attribute names; missing → SpecError. */
export function lookupMessage(
  ctx: ReadContext,
  messages: Map<string, Message>,
  el: XmlElement,
): Message {
  const q = resolveQName(ctx, el, 'message');
  const message = messages.get(qkey(q.namespace, q.name));
  if (!message) throw specError(ctx, el, `missing message '${el.attrs['message']}'`);
  return message;
}

/** The single part of a body or fault message (document/literal wrapped has exactly one). */
export function singlePart(ctx: ReadContext, message: Message, user: XmlElement): MessagePart {
  const part = message.parts[0];
  if (!part) throw specError(ctx, user, `missing part: message '${message.name}' has no parts`);
  if (message.parts.length > 1)
    throw unsupported(
      ctx,
      user,
      `message '${message.name}' with ${message.parts.length} body parts`,
    );
  return part;
}
