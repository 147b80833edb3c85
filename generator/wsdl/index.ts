import { NS, type ServiceModel } from '../model/types.ts';
import {
  checkWsdlAttrs,
  type ReadContext,
  requireAttr,
  specError,
  unsupported,
} from './context.ts';
import { readMessages } from './messages.ts';
import { readOperations } from './operations.ts';
import { isPolicy } from './port-binding.ts';
import { indexSchemas } from './schema-index.ts';
import { readSchemaTypes } from './schema-types.ts';
import { parseXml, type XmlElement } from './xml.ts';

export interface ReadWsdlOptions {
  /** File name as read, for SpecErrors and `source.file` (`customer-management.wsdl`). */
  file: string;
  /** Service id from specs/manifest.json (`customer-management`). */
  service: string;
}

/**
 * Reads a single-file WSDL 1.1 (document/literal wrapped, inline XSD, as WCF's `?singleWsdl`
 * produces) into the service model. Nothing is skipped silently: a construct the model
 * cannot represent, a dangling reference or a malformed document throws a SpecError naming
 * the file, the problem and the element path.
 */
export function readWsdl(xml: string, opts: ReadWsdlOptions): ServiceModel {
  const ctx: ReadContext = { file: opts.file };
  const definitions = parseXml(xml, opts.file);
  if (definitions.ns !== NS.wsdl || definitions.local !== 'definitions') {
    throw specError(ctx, definitions, `root element <${definitions.tag}> is not wsdl:definitions`);
  }
  checkWsdlAttrs(ctx, definitions, ['name', 'targetNamespace']);
  const name = requireAttr(ctx, definitions, 'name');
  const targetNamespace = requireAttr(ctx, definitions, 'targetNamespace');
  const typesEl = checkTopLevel(ctx, definitions);

  const index = indexSchemas(ctx, typesEl);
  const types = readSchemaTypes(ctx, index);
  const messages = readMessages(ctx, definitions, targetNamespace);
  const operations = readOperations(ctx, { definitions, targetNamespace, index, messages });
  return {
    service: opts.service,
    protocol: 'soap',
    name,
    namespace: targetNamespace,
    source: { file: opts.file },
    operations,
    types,
  };
}

/** Validates the children of wsdl:definitions and returns wsdl:types (if any). */
function checkTopLevel(ctx: ReadContext, definitions: XmlElement): XmlElement | undefined {
  let types: XmlElement | undefined;
  for (const el of definitions.children) {
    if (isPolicy(el)) continue;
    if (el.ns !== NS.wsdl) throw unsupported(ctx, el, `<${el.tag}> in wsdl:definitions`);
    switch (el.local) {
      case 'types':
        if (types) throw specError(ctx, el, 'second wsdl:types');
        types = el;
        break;
      case 'message':
      case 'portType':
      case 'binding':
      case 'documentation':
      case 'service': // endpoint addresses come from specs/manifest.json, not from here
        break;
      default:
        throw unsupported(ctx, el, `<${el.tag}> in wsdl:definitions`);
    }
  }
  return types;
}
