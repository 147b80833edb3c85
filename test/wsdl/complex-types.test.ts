import { describe, expect, it } from 'vitest';
import { NS } from '../../generator/model/types.ts';
import { ENT, findType, objectType, readTypes, schema } from './fixtures.ts';

describe('complex types', () => {
  it('reads own fields in xs:sequence order with namespace, type, occurrence and nillable', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="Account">
           <xs:sequence>
             <xs:element minOccurs="0" name="Id" nillable="true" type="xs:long" />
             <xs:element name="Name" type="xs:string" />
             <xs:element minOccurs="0" name="Status" type="tns:Status" />
           </xs:sequence>
         </xs:complexType>
         <xs:element name="Account" nillable="true" type="tns:Account" />
         <xs:simpleType name="Status"><xs:restriction base="xs:string"><xs:enumeration value="Active" /></xs:restriction></xs:simpleType>`,
      ),
    );
    expect(types.map((t) => t.name)).toEqual(['Account', 'Status']);
    expect(objectType(types, 'Account')).toEqual({
      kind: 'object',
      name: 'Account',
      namespace: ENT,
      origin: 'schema',
      abstract: false,
      fields: [
        {
          name: 'Id',
          namespace: ENT,
          type: { kind: 'primitive', primitive: 'int64' },
          minOccurs: 0,
          maxOccurs: 1,
          nullable: true,
        },
        {
          name: 'Name',
          namespace: ENT,
          type: { kind: 'primitive', primitive: 'string' },
          minOccurs: 1,
          maxOccurs: 1,
          nullable: false,
        },
        {
          name: 'Status',
          namespace: ENT,
          type: { kind: 'named', name: 'Status' },
          minOccurs: 0,
          maxOccurs: 1,
          nullable: false,
        },
      ],
    });
  });

  it('leaves local elements without namespace when elementFormDefault is unqualified', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:int" /></xs:sequence></xs:complexType>`,
        '',
      ),
    );
    const field = objectType(types, 'T').fields[0]!;
    expect(field.name).toBe('A');
    expect(field).not.toHaveProperty('namespace');
    expect(objectType(types, 'T').namespace).toBe(ENT);
  });

  it('resolves complexContent/extension bases across schemas and over several levels', () => {
    const ERR = 'urn:test:errors';
    const types = readTypes(
      schema(
        ERR,
        `<xs:complexType name="ApplicationFault"><xs:sequence><xs:element minOccurs="0" name="TrackingId" nillable="true" type="xs:string" /></xs:sequence></xs:complexType>`,
      ),
      schema(
        ENT,
        `<xs:complexType name="BatchFault">
           <xs:complexContent mixed="false">
             <xs:extension base="tns:ApiFault">
               <xs:sequence><xs:element minOccurs="0" name="Index" type="xs:int" /></xs:sequence>
             </xs:extension>
           </xs:complexContent>
         </xs:complexType>
         <xs:complexType name="ApiFault">
           <xs:complexContent mixed="false">
             <xs:extension xmlns:q1="${'urn:test:errors'}" base="q1:ApplicationFault" />
           </xs:complexContent>
         </xs:complexType>`,
      ),
    );
    expect(objectType(types, 'BatchFault').base).toBe('ApiFault');
    expect(objectType(types, 'BatchFault').fields.map((f) => f.name)).toEqual(['Index']);
    expect(objectType(types, 'ApiFault').base).toBe('ApplicationFault');
    expect(objectType(types, 'ApiFault').fields).toEqual([]);
    expect(objectType(types, 'ApplicationFault').base).toBeUndefined();
    expect(objectType(types, 'ApplicationFault').namespace).toBe(ERR);
  });

  it('turns top-level elements with an anonymous complexType into object types with origin element', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:element name="GetThingRequest">
           <xs:complexType><xs:sequence><xs:element minOccurs="0" name="ThingId" type="xs:long" /></xs:sequence></xs:complexType>
         </xs:element>
         <xs:element name="Plain" type="xs:string" />`,
      ),
    );
    expect(types).toEqual([
      {
        kind: 'object',
        name: 'GetThingRequest',
        namespace: ENT,
        origin: 'element',
        abstract: false,
        fields: [
          {
            name: 'ThingId',
            namespace: ENT,
            type: { kind: 'primitive', primitive: 'int64' },
            minOccurs: 0,
            maxOccurs: 1,
            nullable: false,
          },
        ],
      },
    ]);
  });

  it('keeps maxOccurs on an inline repeated element whose type is the item type', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="Bag"><xs:sequence>
           <xs:element minOccurs="0" maxOccurs="unbounded" name="Item" type="xs:string" />
           <xs:element minOccurs="1" maxOccurs="3" name="Top" type="xs:int" />
           <xs:element name="Other" type="xs:int" />
         </xs:sequence></xs:complexType>`,
      ),
    );
    const [item, top, other] = objectType(types, 'Bag').fields;
    expect(item).toMatchObject({
      name: 'Item',
      type: { kind: 'primitive', primitive: 'string' },
      minOccurs: 0,
      maxOccurs: 'unbounded',
    });
    expect(top).toMatchObject({ minOccurs: 1, maxOccurs: 3 });
    expect(other).toMatchObject({ minOccurs: 1, maxOccurs: 1 });
  });

  it('reads KeyValuePairOf… generic types as model types in their own namespace', () => {
    const types = readTypes(
      schema(
        NS.collectionsGeneric,
        `<xs:complexType name="KeyValuePairOfstringstring">
           <xs:annotation><xs:appinfo>
             <GenericType Name="KeyValuePairOf{0}{1}{#}" Namespace="${NS.collectionsGeneric}" xmlns="${NS.serialization}">
               <GenericParameter Name="string" Namespace="${'http://www.w3.org/2001/XMLSchema'}" />
             </GenericType>
             <IsValueType xmlns="${NS.serialization}">true</IsValueType>
           </xs:appinfo></xs:annotation>
           <xs:sequence>
             <xs:element name="key" nillable="true" type="xs:string" />
             <xs:element name="value" nillable="true" type="xs:string" />
           </xs:sequence>
         </xs:complexType>`,
      ),
    );
    const kvp = objectType(types, 'KeyValuePairOfstringstring');
    expect(kvp.namespace).toBe(NS.collectionsGeneric);
    expect(kvp.doc).toBeUndefined(); // appinfo is not documentation
    expect(kvp.fields.map((f) => [f.name, f.namespace, f.minOccurs, f.nullable])).toEqual([
      ['key', NS.collectionsGeneric, 1, true],
      ['value', NS.collectionsGeneric, 1, true],
    ]);
  });

  it('takes documentation from xs:annotation/xs:documentation only', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="T">
           <xs:annotation><xs:documentation>A   thing.</xs:documentation><xs:appinfo><X xmlns="urn:x">no</X></xs:appinfo></xs:annotation>
           <xs:sequence><xs:element name="A" type="xs:int"><xs:annotation><xs:documentation>The A.</xs:documentation></xs:annotation></xs:element></xs:sequence>
         </xs:complexType>`,
      ),
    );
    expect(objectType(types, 'T').doc).toBe('A thing.');
    expect(objectType(types, 'T').fields[0]!.doc).toBe('The A.');
  });

  it('reads an empty complexType and an element without a type as xs:anyType', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="Empty" /><xs:complexType name="Any"><xs:sequence><xs:element name="V" /></xs:sequence></xs:complexType>`,
      ),
    );
    expect(objectType(types, 'Empty').fields).toEqual([]);
    expect(objectType(types, 'Any').fields[0]!.type).toEqual({
      kind: 'primitive',
      primitive: 'any',
    });
  });

  it('keeps document order across schemas', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:simpleType name="B"><xs:restriction base="xs:string"><xs:enumeration value="x" /></xs:restriction></xs:simpleType><xs:complexType name="A" />`,
      ),
      schema('urn:other', `<xs:complexType name="C" />`),
    );
    expect(types.map((t) => t.name)).toEqual(['B', 'A', 'C']);
    expect(findType(types, 'C').namespace).toBe('urn:other');
  });
});
