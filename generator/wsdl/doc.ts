import { NS } from '../model/types.ts';
import type { XmlElement } from './xml.ts';

/**
 * Documentation text of a schema or WSDL construct: its `xs:annotation/xs:documentation`
 * or `wsdl:documentation`, whitespace-collapsed. `xs:appinfo` (DataContract serializer
 * hints such as EmitDefaultValue, EnumerationValue, GenericType) is deliberately not read.
 */
export function docOf(el: XmlElement): string | undefined {
  const parts: string[] = [];
  for (const child of el.children) {
    if (child.ns === NS.wsdl && child.local === 'documentation') parts.push(child.text);
    if (child.ns === NS.xsd && child.local === 'annotation') {
      for (const d of child.children)
        if (d.ns === NS.xsd && d.local === 'documentation') parts.push(d.text);
    }
  }
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}
