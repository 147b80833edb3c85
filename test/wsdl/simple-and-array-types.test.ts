import { describe, expect, it } from 'vitest';
import { XSD_PRIMITIVES } from '../../generator/model/primitives.ts';
import { NS, type PrimitiveKind } from '../../generator/model/types.ts';
import { ENT, findType, objectType, readTypes, schema } from './fixtures.ts';

const SER_SCHEMA = schema(
  NS.serialization,
  `<xs:element name="long" nillable="true" type="xs:long" />
   <xs:simpleType name="char"><xs:restriction base="xs:int" /></xs:simpleType>
   <xs:simpleType name="duration"><xs:restriction base="xs:duration">
     <xs:pattern value="\\-?P(\\d*D)?(T(\\d*H)?(\\d*M)?(\\d*(\\.\\d*)?S)?)?" />
     <xs:minInclusive value="-P10675199DT2H48M5.4775808S" /><xs:maxInclusive value="P10675199DT2H48M5.4775807S" />
   </xs:restriction></xs:simpleType>
   <xs:simpleType name="guid"><xs:restriction base="xs:string"><xs:pattern value="[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}" /></xs:restriction></xs:simpleType>
   <xs:attribute name="FactoryType" type="xs:QName" /><xs:attribute name="Id" type="xs:ID" />`,
  'attributeFormDefault="qualified" elementFormDefault="qualified"',
);

const ARRAYS_SCHEMA = schema(
  NS.serializationArrays,
  `<xs:complexType name="ArrayOflong"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="long" type="xs:long" /></xs:sequence></xs:complexType>
   <xs:element name="ArrayOflong" nillable="true" type="tns:ArrayOflong" />
   <xs:complexType name="ArrayOfstring"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="xs:string" /></xs:sequence></xs:complexType>
   <xs:complexType name="ArrayOfKeyValueOfstringstring">
     <xs:annotation><xs:appinfo><IsDictionary xmlns="${NS.serialization}">true</IsDictionary></xs:appinfo></xs:annotation>
     <xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="KeyValueOfstringstring">
       <xs:complexType><xs:sequence>
         <xs:element name="Key" nillable="true" type="xs:string" /><xs:element name="Value" nillable="true" type="xs:string" />
       </xs:sequence></xs:complexType>
     </xs:element></xs:sequence>
   </xs:complexType>`,
);

describe('simple types', () => {
  it('reads a restriction with enumerations as an enum (appinfo values ignored)', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:simpleType name="PaymentMethodType"><xs:restriction base="xs:string">
           <xs:enumeration value="CreditCard"><xs:annotation><xs:appinfo><EnumerationValue xmlns="${NS.serialization}">1</EnumerationValue></xs:appinfo></xs:annotation></xs:enumeration>
           <xs:enumeration value="Invoice" />
         </xs:restriction></xs:simpleType>`,
      ),
    );
    expect(types).toEqual([
      {
        kind: 'enum',
        name: 'PaymentMethodType',
        namespace: ENT,
        values: ['CreditCard', 'Invoice'],
        flags: false,
      },
    ]);
  });

  it('reads an xs:list of an anonymous enumeration as a flags enum', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:simpleType name="AccountAdditionalField"><xs:list><xs:simpleType><xs:restriction base="xs:string">
           <xs:enumeration value="TaxCertificate" /><xs:enumeration value="AccountMode" />
         </xs:restriction></xs:simpleType></xs:list></xs:simpleType>`,
      ),
    );
    expect(types).toEqual([
      {
        kind: 'enum',
        name: 'AccountAdditionalField',
        namespace: ENT,
        values: ['TaxCertificate', 'AccountMode'],
        flags: true,
      },
    ]);
  });

  it('reads other restrictions as aliases keeping their patterns', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:simpleType name="Code"><xs:restriction base="xs:string"><xs:pattern value="[A-Z]{3}" /><xs:pattern value="X+" /></xs:restriction></xs:simpleType>
         <xs:simpleType name="Count"><xs:restriction base="xs:long" /></xs:simpleType>`,
      ),
    );
    expect(types).toEqual([
      {
        kind: 'alias',
        name: 'Code',
        namespace: ENT,
        target: { kind: 'primitive', primitive: 'string' },
        patterns: ['[A-Z]{3}', 'X+'],
      },
      {
        kind: 'alias',
        name: 'Count',
        namespace: ENT,
        target: { kind: 'primitive', primitive: 'int64' },
      },
    ]);
  });

  it('maps ser:char, ser:guid and ser:duration to primitives and emits none of the Serialization schema', () => {
    const types = readTypes(
      SER_SCHEMA,
      schema(
        ENT,
        `<xs:complexType name="T"><xs:sequence xmlns:ser="${NS.serialization}">
           <xs:element name="C" type="ser:char" /><xs:element name="G" type="ser:guid" /><xs:element name="D" type="ser:duration" />
         </xs:sequence></xs:complexType>`,
      ),
    );
    expect(types.map((t) => t.name)).toEqual(['T']);
    expect(objectType(types, 'T').fields.map((f) => f.type)).toEqual([
      { kind: 'primitive', primitive: 'char' },
      { kind: 'primitive', primitive: 'guid' },
      { kind: 'primitive', primitive: 'duration' },
    ]);
  });
});

describe('XSD built-ins', () => {
  const expected: [string, PrimitiveKind][] = [
    ['string', 'string'],
    ['boolean', 'boolean'],
    ['byte', 'int8'],
    ['short', 'int16'],
    ['int', 'int32'],
    ['long', 'int64'],
    ['integer', 'int64'],
    ['unsignedByte', 'uint8'],
    ['unsignedShort', 'uint16'],
    ['unsignedInt', 'uint32'],
    ['unsignedLong', 'uint64'],
    ['float', 'float'],
    ['double', 'double'],
    ['decimal', 'decimal'],
    ['dateTime', 'dateTime'],
    ['date', 'date'],
    ['time', 'time'],
    ['duration', 'duration'],
    ['base64Binary', 'base64'],
    ['anyURI', 'anyURI'],
    ['QName', 'QName'],
    ['anyType', 'any'],
    ['ID', 'string'],
    ['IDREF', 'string'],
    ['normalizedString', 'string'],
    ['token', 'string'],
  ];

  it('covers every entry of XSD_PRIMITIVES', () => {
    expect(Object.fromEntries(expected)).toEqual(XSD_PRIMITIVES);
  });

  it('maps each built-in precisely (int64 is not int32, decimal is not double)', () => {
    const fields = expected
      .map(([xsd]) => `<xs:element name="F_${xsd}" type="xs:${xsd}" />`)
      .join('');
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="All"><xs:sequence>${fields}</xs:sequence></xs:complexType>`,
      ),
    );
    const got = objectType(types, 'All').fields.map((f) => [
      f.name.slice(2),
      f.type.kind === 'primitive' ? f.type.primitive : f.type.kind,
    ]);
    expect(got).toEqual(expected);
  });

  it('resolves the XSD namespace through any prefix', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="T"><xs:sequence><xs:element xmlns:xsd="http://www.w3.org/2001/XMLSchema" name="A" type="xsd:long" /></xs:sequence></xs:complexType>`,
      ),
    );
    expect(objectType(types, 'T').fields[0]!.type).toEqual({
      kind: 'primitive',
      primitive: 'int64',
    });
  });
});

describe('ArrayOf wrappers', () => {
  it('gives a field of a wrapper type an ArrayRef and emits no wrapper type', () => {
    const types = readTypes(
      ARRAYS_SCHEMA,
      schema(
        ENT,
        `<xs:element name="GetAccountsRequest"><xs:complexType><xs:sequence>
           <xs:element xmlns:q1="${NS.serializationArrays}" minOccurs="0" name="AccountIds" nillable="true" type="q1:ArrayOflong" />
           <xs:element xmlns:q2="${NS.serializationArrays}" minOccurs="0" name="Names" type="q2:ArrayOfstring" />
         </xs:sequence></xs:complexType></xs:element>`,
      ),
    );
    expect(types.some((t) => t.name.startsWith('ArrayOf'))).toBe(false);
    const [ids, names] = objectType(types, 'GetAccountsRequest').fields;
    expect(ids).toEqual({
      name: 'AccountIds',
      namespace: ENT,
      type: {
        kind: 'array',
        items: { kind: 'primitive', primitive: 'int64' },
        itemName: 'long',
        itemNamespace: NS.serializationArrays,
        itemNullable: false,
        wrapperType: { name: 'ArrayOflong', namespace: NS.serializationArrays },
      },
      minOccurs: 0,
      maxOccurs: 1,
      nullable: true,
    });
    expect(names!.type).toMatchObject({ kind: 'array', itemName: 'string', itemNullable: true });
  });

  it('reads ArrayOfArrayOfX as an array of arrays, each level with its own wrapper', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="OperationError"><xs:sequence><xs:element minOccurs="0" name="Code" type="xs:int" /></xs:sequence></xs:complexType>
         <xs:complexType name="ArrayOfOperationError"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="OperationError" nillable="true" type="tns:OperationError" /></xs:sequence></xs:complexType>
         <xs:complexType name="ArrayOfArrayOfOperationError"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="ArrayOfOperationError" nillable="true" type="tns:ArrayOfOperationError" /></xs:sequence></xs:complexType>
         <xs:complexType name="Response"><xs:sequence><xs:element minOccurs="0" name="PartialErrors" nillable="true" type="tns:ArrayOfArrayOfOperationError" /></xs:sequence></xs:complexType>`,
      ),
    );
    expect(types.map((t) => t.name)).toEqual(['OperationError', 'Response']);
    expect(objectType(types, 'Response').fields[0]!.type).toEqual({
      kind: 'array',
      items: {
        kind: 'array',
        items: { kind: 'named', name: 'OperationError' },
        itemName: 'OperationError',
        itemNamespace: ENT,
        itemNullable: true,
        wrapperType: { name: 'ArrayOfOperationError', namespace: ENT },
      },
      itemName: 'ArrayOfOperationError',
      itemNamespace: ENT,
      itemNullable: true,
      wrapperType: { name: 'ArrayOfArrayOfOperationError', namespace: ENT },
    });
  });

  it('emits a dictionary wrapper item (anonymous complexType) as an element-origin type', () => {
    const types = readTypes(
      ARRAYS_SCHEMA,
      schema(
        ENT,
        `<xs:complexType name="Err"><xs:sequence><xs:element xmlns:q="${NS.serializationArrays}" minOccurs="0" name="Details" nillable="true" type="q:ArrayOfKeyValueOfstringstring" /></xs:sequence></xs:complexType>`,
      ),
    );
    expect(objectType(types, 'KeyValueOfstringstring')).toMatchObject({
      namespace: NS.serializationArrays,
      origin: 'element',
      fields: [
        { name: 'Key', namespace: NS.serializationArrays, minOccurs: 1, nullable: true },
        { name: 'Value', namespace: NS.serializationArrays, minOccurs: 1, nullable: true },
      ],
    });
    expect(objectType(types, 'Err').fields[0]!.type).toEqual({
      kind: 'array',
      items: { kind: 'named', name: 'KeyValueOfstringstring' },
      itemName: 'KeyValueOfstringstring',
      itemNamespace: NS.serializationArrays,
      itemNullable: false,
      wrapperType: { name: 'ArrayOfKeyValueOfstringstring', namespace: NS.serializationArrays },
    });
  });

  it('treats an ArrayOf… type that is not wrapper-shaped as an ordinary object type', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:complexType name="ArrayOfThings"><xs:sequence><xs:element name="Count" type="xs:int" /><xs:element minOccurs="0" maxOccurs="unbounded" name="Thing" type="xs:string" /></xs:sequence></xs:complexType>`,
      ),
    );
    expect(objectType(types, 'ArrayOfThings').fields.map((f) => [f.name, f.maxOccurs])).toEqual([
      ['Count', 1],
      ['Thing', 'unbounded'],
    ]);
  });

  it('names an array of a simple type by the enum it holds', () => {
    const types = readTypes(
      schema(
        ENT,
        `<xs:simpleType name="DownloadEntity"><xs:restriction base="xs:string"><xs:enumeration value="Ads" /></xs:restriction></xs:simpleType>
         <xs:complexType name="ArrayOfDownloadEntity"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="DownloadEntity" type="tns:DownloadEntity" /></xs:sequence></xs:complexType>
         <xs:complexType name="Req"><xs:sequence><xs:element minOccurs="0" name="Entities" nillable="true" type="tns:ArrayOfDownloadEntity" /></xs:sequence></xs:complexType>`,
      ),
    );
    expect(findType(types, 'DownloadEntity').kind).toBe('enum');
    expect(objectType(types, 'Req').fields[0]!.type).toMatchObject({
      kind: 'array',
      items: { kind: 'named', name: 'DownloadEntity' },
      itemName: 'DownloadEntity',
    });
  });
});
