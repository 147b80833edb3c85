import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/model/errors.ts';
import { resolveQName } from '../../generator/wsdl/context.ts';
import { elementPath } from '../../generator/wsdl/place.ts';
import { parseXml, type XmlElement } from '../../generator/wsdl/xml.ts';

const ctx = { file: 'test.xml' };

function xmlError(xml: string): SpecError {
  try {
    parseXml(xml, 'test.xml');
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
}

describe('parseXml', () => {
  it('builds the tree with attributes, order, lines and decoded text', () => {
    const root = parseXml(
      `<?xml version="1.0"?>\n<!-- c -->\n<a x="1" y='two &amp; &lt;3&gt; &#65;&#x42;'>\n  <b/>\n  <c>t &quot;q&quot;<![CDATA[<raw>]]></c>\n  <b n="2"></b>\n</a>\n`,
      'test.xml',
    );
    expect(root.tag).toBe('a');
    expect(root.attrs).toEqual({ x: '1', y: 'two & <3> AB' });
    expect(root.children.map((c) => c.tag)).toEqual(['b', 'c', 'b']);
    expect(root.children.map((c) => c.line)).toEqual([4, 5, 6]);
    expect(root.children[1]!.text).toBe('t "q"<raw>');
    expect(root.children[2]!.parent).toBe(root);
    expect(root.line).toBe(3);
  });

  it('normalizes tabs and newlines in attribute values and skips a BOM', () => {
    const root = parseXml('\uFEFF<a v="x\ny\tz"/>', 'test.xml');
    expect(root.attrs['v']).toBe('x y z');
  });

  it('scopes namespace declarations to the element that makes them and its descendants', () => {
    const root = parseXml(
      `<r xmlns="urn:default" xmlns:p="urn:p1">
         <p:x xmlns:q1="urn:q1" type="q1:T"><y type="p:U"/></p:x>
         <p:x type="q1:T"/>
         <z xmlns:p="urn:p2" type="p:V"><w xmlns="" /></z>
       </r>`,
      'test.xml',
    );
    const [x1, x2, z] = root.children as [XmlElement, XmlElement, XmlElement];
    expect(root.ns).toBe('urn:default');
    expect([x1.ns, x1.local]).toEqual(['urn:p1', 'x']);
    expect(resolveQName(ctx, x1, 'type')).toEqual({ name: 'T', namespace: 'urn:q1' });
    expect(resolveQName(ctx, x1.children[0]!, 'type')).toEqual({ name: 'U', namespace: 'urn:p1' });
    expect(x1.children[0]!.ns).toBe('urn:default');
    // q1 was declared on the sibling only: out of scope here.
    expect(() => resolveQName(ctx, x2, 'type')).toThrow(/unknown prefix 'q1' in type="q1:T"/);
    // A redeclared prefix shadows the outer one; xmlns="" removes the default namespace.
    expect(resolveQName(ctx, z, 'type')).toEqual({ name: 'V', namespace: 'urn:p2' });
    expect(z.children[0]!.ns).toBe('');
  });

  it('resolves an unprefixed QName value to the default namespace', () => {
    const root = parseXml('<r xmlns="urn:d" type="T"/>', 'test.xml');
    expect(resolveQName(ctx, root, 'type')).toEqual({ name: 'T', namespace: 'urn:d' });
  });

  it.each([
    [
      'mismatched end tag',
      '<a>\n<b></a>',
      /end tag <\/a> does not match <b> \(line 2\).*line 2, column 4/,
      '/a/b',
    ],
    ['unclosed element', '<a><b/>', /element <a> opened at line 1 is never closed/, '/a'],
    [
      'unknown element prefix',
      '<a>\n  <p:b/></a>',
      /unknown prefix 'p' in element name <p:b> \(line 2, column 3\)/,
      '/a',
    ],
    ['unknown attribute prefix', '<a p:x="1"/>', /unknown prefix 'p' in attribute 'p:x'/, '/'],
    [
      'DOCTYPE',
      '<!DOCTYPE a [<!ENTITY e "x">]><a/>',
      /DOCTYPE is not supported \(entity processing is off\)/,
      '/',
    ],
    ['unknown entity', '<a v="&e;"/>', /unknown entity '&e;' \(entity processing is off\)/, '/'],
    ['inherited name as entity', '<a>&constructor;</a>', /unknown entity '&constructor;'/, '/a'],
    ['bare ampersand', '<a>x & y</a>', /'&' that starts no entity reference/, '/a'],
    ['unquoted attribute', '<a v=1/>', /attribute 'v' in <a> is not quoted/, '/'],
    ['duplicate attribute', '<a v="1" v="2"/>', /duplicate attribute 'v'/, '/'],
    [
      'attributes without whitespace',
      '<a v="1"w="2"/>',
      /missing whitespace before an attribute/,
      '/',
    ],
    ['second root', '<a/><b/>', /second root element <b>/, '/'],
    ['text outside the root', '<a/>x', /text outside the root element/, '/'],
    ['empty document', '  ', /no root element/, '/'],
    ['unterminated comment', '<a><!-- x</a>', /unterminated comment/, '/a'],
    ['bad element name', '<1a/>', /bad element name '1a'/, '/'],
  ])('rejects %s with a line', (_what, xml, problem, place) => {
    const error = xmlError(xml);
    expect(error.file).toBe('test.xml');
    expect(error.problem).toMatch(/^invalid XML: /);
    expect(error.problem).toMatch(problem);
    expect(error.problem).toMatch(/\(line \d+, column \d+\)$/);
    expect(error.place).toBe(place);
  });
});

describe('elementPath', () => {
  it('names steps by @name, by position among same-tag siblings, or bare', () => {
    const root = parseXml(
      `<wsdl:definitions name="S" xmlns:wsdl="urn:w" xmlns:xs="urn:x"><wsdl:types>
         <xs:schema/><xs:schema><xs:complexType name="Ad"><xs:complexContent><xs:extension/></xs:complexContent></xs:complexType></xs:schema>
       </wsdl:types></wsdl:definitions>`,
      'test.xml',
    );
    const extension = root.children[0]!.children[1]!.children[0]!.children[0]!.children[0]!;
    expect(elementPath(extension)).toBe(
      "/wsdl:definitions/wsdl:types/xs:schema[2]/xs:complexType[@name='Ad']/xs:complexContent/xs:extension",
    );
  });
});
