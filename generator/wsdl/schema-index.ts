import { NS, type QName } from '../model/types.ts';
import {
  checkAttrs,
  childrenNamed,
  type ReadContext,
  qkey,
  requireAttr,
  specError,
  unsupported,
} from './context.ts';
import { elementPath } from './place.ts';
import type { XmlElement } from './xml.ts';

/** One `xs:schema` inside `wsdl:types`. */
export interface SchemaInfo {
  readonly el: XmlElement;
  readonly targetNamespace: string;
  /** elementFormDefault="qualified": local elements live in the target namespace. */
  readonly qualified: boolean;
}

/** A top-level declaration (named complexType, simpleType or element) of a schema. */
export interface Decl {
  readonly name: string;
  readonly schema: SchemaInfo;
  readonly el: XmlElement;
}

/** The qualified name a global declaration declares. */
export function declName(decl: Decl): QName {
  return { name: decl.name, namespace: decl.schema.targetNamespace };
}

/** Global declarations of every schema, by `qkey(namespace, name)`. */
export interface SchemaIndex {
  readonly schemas: SchemaInfo[];
  /** complexType and simpleType share one symbol space in XSD. */
  readonly types: Map<string, Decl>;
  readonly elements: Map<string, Decl>;
}

/**
 * First pass over `wsdl:types`: registers every global declaration so references can be
 * resolved in any order. A QName declared twice is an error here; the same local name in two
 * namespaces is caught when model types are named (model names are local names).
 */
export function indexSchemas(ctx: ReadContext, types: XmlElement | undefined): SchemaIndex {
  const index: SchemaIndex = { schemas: [], types: new Map(), elements: new Map() };
  if (!types) return index;
  for (const el of childrenNamed(ctx, types, NS.xsd, 'schema')) {
    checkAttrs(ctx, el, ['targetNamespace', 'elementFormDefault', 'attributeFormDefault']);
    const form = el.attrs['elementFormDefault'] ?? 'unqualified';
    if (form !== 'qualified' && form !== 'unqualified')
      throw specError(ctx, el, `bad elementFormDefault '${form}'`);
    const schema: SchemaInfo = {
      el,
      targetNamespace: el.attrs['targetNamespace'] ?? '',
      qualified: form === 'qualified',
    };
    index.schemas.push(schema);
    for (const child of el.children) register(ctx, index, schema, child);
  }
  return index;
}

function register(ctx: ReadContext, index: SchemaIndex, schema: SchemaInfo, el: XmlElement): void {
  if (el.ns !== NS.xsd) throw unsupported(ctx, el, `<${el.tag}> in xs:schema`);
  switch (el.local) {
    case 'annotation':
      return;
    case 'import':
      // Single-file WSDLs carry every imported schema inline; a schemaLocation would point
      // outside the document, which this reader does not fetch.
      checkAttrs(ctx, el, ['namespace']);
      return;
    case 'attribute':
      // Global attribute declarations (the Serialization schema's FactoryType/Id/Ref) are
      // not types and nothing in element content refers to them; any attribute *use* inside
      // a complexType is rejected by the type reader.
      return;
    case 'complexType':
    case 'simpleType':
      add(ctx, index.types, schema, el, 'type');
      return;
    case 'element':
      add(ctx, index.elements, schema, el, 'element');
      return;
    default:
      throw unsupported(ctx, el, `<${el.tag}> in xs:schema`);
  }
}

function add(
  ctx: ReadContext,
  map: Map<string, Decl>,
  schema: SchemaInfo,
  el: XmlElement,
  what: string,
): void {
  const name = requireAttr(ctx, el, 'name');
  const key = qkey(schema.targetNamespace, name);
  const previous = map.get(key);
  if (previous) {
    throw specError(
      ctx,
      el,
      `duplicate ${what} '${name}' in namespace '${schema.targetNamespace}' (first declared at ${elementPath(previous.el)})`,
    );
  }
  map.set(key, { name, schema, el });
}
