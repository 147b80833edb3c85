import type { XmlElement } from './xml.ts';

/**
 * The element path a SpecError names as its place, e.g.
 * `/wsdl:definitions/wsdl:types/xs:schema[3]/xs:complexType[@name='Ad']/xs:complexContent/xs:extension`.
 * A step carries `[@name='…']` when the element has a name, else `[n]` (1-based among
 * same-tag siblings) when it is not the only one; the root step is bare. Computed only when
 * an error is raised, so it costs nothing on the happy path.
 */
export function elementPath(el: XmlElement): string {
  const steps: string[] = [];
  for (let e: XmlElement | undefined = el; e; e = e.parent) steps.push(step(e));
  return '/' + steps.reverse().join('/');
}

function step(el: XmlElement): string {
  const parent = el.parent;
  if (!parent) return el.tag;
  const name = el.attrs['name'];
  if (name !== undefined) return `${el.tag}[@name='${name}']`;
  let count = 0;
  let index = 0;
  for (const sibling of parent.children) {
    if (sibling.tag !== el.tag) continue;
    count++;
    if (sibling === el) index = count;
  }
  return count > 1 ? `${el.tag}[${index}]` : el.tag;
}
