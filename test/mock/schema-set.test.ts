import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readElement } from '../../mock/src/soap/xml-reader.ts';
import { XmlWriter } from '../../mock/src/soap/xml-writer.ts';
import { describeWsdl } from '../../mock/src/wsdl/service-description.ts';
import {
  XS,
  allParticles,
  anonymousTypeKey,
  arrayItem,
  indexSchemas,
  key,
  type ComplexTypeDecl,
  type SchemaSet,
} from '../../mock/src/wsdl/schema-set.ts';
import { parseXmlTree, type XmlNode } from '../../mock/src/xml/tree.ts';

const NS = 'urn:t';
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const str = key(XS, 'string');

/** A schema with anonymous types at several depths, in a named type and in a global element. */
const SCHEMA = `<xs:schema xmlns:xs="${XS}" xmlns:tns="${NS}" targetNamespace="${NS}" elementFormDefault="qualified">
  <xs:complexType name="Outer">
    <xs:sequence>
      <xs:element name="Plain" type="xs:int"/>
      <xs:element minOccurs="0" maxOccurs="unbounded" name="Middle">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="Inner" nillable="true">
              <xs:complexType>
                <xs:sequence><xs:element name="Leaf" type="xs:string"/></xs:sequence>
              </xs:complexType>
            </xs:element>
            <xs:element name="Mode">
              <xs:simpleType>
                <xs:restriction base="xs:string">
                  <xs:enumeration value="On"/><xs:enumeration value="Off"/>
                </xs:restriction>
              </xs:simpleType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>
  <xs:element name="Request">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Body">
          <xs:complexType><xs:sequence><xs:element name="Id" type="xs:long"/></xs:sequence></xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>`;

function complex(set: SchemaSet, k: string): ComplexTypeDecl {
  const decl = set.types.get(k);
  if (decl?.kind !== 'complex') throw new Error(`${k} is not an indexed complex type`);
  return decl;
}

describe('schema-set indexes inline (anonymous) types', () => {
  const set = indexSchemas([parseXmlTree(SCHEMA)]);
  const outer = key(NS, 'Outer');
  const middle = anonymousTypeKey(outer, 'Middle');
  const inner = anonymousTypeKey(middle, 'Inner');

  it('gives a particle with an inline complexType a synthetic key and indexes the type', () => {
    const [plain, mid] = complex(set, outer).particles;
    expect(plain).toMatchObject({ name: 'Plain', type: key(XS, 'int') });
    expect(mid).toEqual({
      name: 'Middle',
      ns: NS,
      type: `{${NS}}Outer#Middle`,
      nillable: false,
      minOccurs: 0,
      maxOccurs: Infinity,
    });
    expect(complex(set, middle).particles.map((p) => [p.name, p.type, p.nillable])).toEqual([
      ['Inner', inner, true],
      ['Mode', anonymousTypeKey(middle, 'Mode'), false],
    ]);
  });

  it('indexes anonymous types at any depth, complex and simple', () => {
    expect(allParticles(set, inner)).toEqual([
      { name: 'Leaf', ns: NS, type: str, nillable: false, minOccurs: 1, maxOccurs: 1 },
    ]);
    expect(set.types.get(anonymousTypeKey(middle, 'Mode'))).toEqual({
      kind: 'simple',
      key: anonymousTypeKey(middle, 'Mode'),
      base: str,
      enumValues: ['On', 'Off'],
    });
  });

  it("indexes a global element's inline type and the anonymous types inside it", () => {
    const request = set.elements.get(key(NS, 'Request'))!;
    expect(request.type).toBe(key(NS, '#element:Request'));
    const body = complex(set, request.type).particles[0]!;
    expect(body.type).toBe(anonymousTypeKey(request.type, 'Body'));
    expect(complex(set, body.type).particles.map((p) => p.type)).toEqual([key(XS, 'long')]);
  });

  it('writes and reads values of anonymous types like those of named ones', () => {
    const writer = new XmlWriter(set, NS);
    const value = {
      Plain: 3,
      Middle: [
        { Inner: { Leaf: 'x' }, Mode: 'Off' },
        { Inner: null, Mode: 'On' },
      ],
    };
    const xml = writer.element('Outer', NS, outer, false, value);
    expect(xml).toBe(
      '<Outer><Plain>3</Plain><Middle><Inner><Leaf>x</Leaf></Inner><Mode>Off</Mode></Middle>' +
        '<Middle><Inner i:nil="true"/><Mode>On</Mode></Middle></Outer>',
    );
    const node = parseXmlTree(
      xml.replace(
        '<Outer>',
        `<Outer xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">`,
      ),
    );
    expect(readElement(set, node, outer)).toEqual(value);
  });
});

describe.each(['campaign-management', 'bulk'])('the DataContract dictionary of %s', (service) => {
  const wsdl = readFileSync(
    join(import.meta.dirname, '..', '..', 'specs', `${service}.wsdl`),
    'utf8',
  );
  const { schemas } = describeWsdl(parseXmlTree(wsdl));
  const wrapper = key(ARRAYS, 'ArrayOfKeyValueOfstringstring');

  it('indexes the inline KeyValueOfstringstring item type with its Key and Value', () => {
    const item = arrayItem(schemas, wrapper)!;
    expect(item).toMatchObject({ name: 'KeyValueOfstringstring', ns: ARRAYS, minOccurs: 0 });
    expect(item.maxOccurs).toBe(Infinity);
    expect(item.type).toBe(anonymousTypeKey(wrapper, 'KeyValueOfstringstring'));
    expect(allParticles(schemas, item.type)).toEqual([
      { name: 'Key', ns: ARRAYS, type: str, nillable: true, minOccurs: 1, maxOccurs: 1 },
      { name: 'Value', ns: ARRAYS, type: str, nillable: true, minOccurs: 1, maxOccurs: 1 },
    ]);
  });

  it('marks the wrapper (IsDictionary appinfo) as a dictionary, a plain ArrayOf not', () => {
    expect(complex(schemas, wrapper).dictionary).toBe(true);
    expect(complex(schemas, key(ARRAYS, 'ArrayOfstring')).dictionary).toBeUndefined();
  });

  it('indexes every complexType of the WSDL, named or inline at any depth', () => {
    // Count them in the raw tree, independently of the index: one entry per xs:complexType.
    const count = (n: XmlNode): number =>
      (n.ns === XS && n.local === 'complexType' ? 1 : 0) +
      n.children.reduce((sum, c) => sum + count(c), 0);
    const anonymous = [...schemas.types.values()].filter(
      (t) => t.kind === 'complex' && t.key.includes('#') && !/}#element:[^#]+$/.test(t.key),
    );
    expect(anonymous.length).toBeGreaterThan(0);
    expect([...schemas.types.values()].filter((t) => t.kind === 'complex')).toHaveLength(
      count(parseXmlTree(wsdl)),
    );
  });
});
