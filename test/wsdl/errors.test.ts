import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/model/errors.ts';
import {
  ENT,
  PING_BINDING_OP,
  PING_PORT_OP,
  PING_SCHEMA,
  expectSpecError,
  read,
  readTypes,
  schema,
  wsdl,
} from './fixtures.ts';

const S2 = '/wsdl:definitions/wsdl:types/xs:schema[2]';
const BINDING_OP =
  "/wsdl:definitions/wsdl:binding[@name='BasicHttpBinding_ITestService']/wsdl:operation[@name='Ping']";
const PORT_OP =
  "/wsdl:definitions/wsdl:portType[@name='ITestService']/wsdl:operation[@name='Ping']";

/** A WSDL whose second schema (namespace ENT) has `body`. */
const withTypes = (body: string) => () => readTypes(schema(ENT, body));

describe('SpecError for bad XML', () => {
  it('names file, problem with line, and the innermost open element', () => {
    const xml = wsdl().replace('</wsdl:portType>', '');
    const error = expectSpecError(() => read(xml), {
      place: "/wsdl:definitions/wsdl:portType[@name='ITestService']",
      problem:
        /^invalid XML: end tag <\/wsdl:definitions> does not match <wsdl:portType> \(line \d+\) \(line \d+, column \d+\)$/,
    });
    expect(error.message.startsWith('test.wsdl: invalid XML')).toBe(true);
  });

  it('rejects a document that is not a WSDL', () => {
    expectSpecError(() => read('<a/>'), {
      place: '/a',
      problem: /root element <a> is not wsdl:definitions/,
    });
  });
});

describe('SpecError for schema constructs', () => {
  const el = (type: string) =>
    `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="${type}" /></xs:sequence></xs:complexType>`;
  const fieldPlace = `${S2}/xs:complexType[@name='T']/xs:sequence/xs:element[@name='A']`;

  it.each([
    [
      'unknown type reference',
      el('tns:Missing'),
      fieldPlace,
      /^unknown type reference 'tns:Missing' \(\{urn:test:entities\}Missing\) \(line \d+\)$/,
    ],
    ['unknown prefix', el('q9:Foo'), fieldPlace, /^unknown prefix 'q9' in type="q9:Foo"/],
    [
      'unsupported XSD built-in',
      el('xs:gYear'),
      fieldPlace,
      /unsupported XSD built-in type 'xs:gYear'/,
    ],
    [
      'unknown base',
      `<xs:complexType name="Ad"><xs:complexContent mixed="false"><xs:extension base="tns:Nope" /></xs:complexContent></xs:complexType>`,
      `${S2}/xs:complexType[@name='Ad']/xs:complexContent/xs:extension`,
      /unknown type reference 'tns:Nope'/,
    ],
    [
      'cyclic base',
      `<xs:complexType name="A"><xs:complexContent><xs:extension base="tns:B" /></xs:complexContent></xs:complexType>
       <xs:complexType name="B"><xs:complexContent><xs:extension base="tns:A" /></xs:complexContent></xs:complexType>`,
      `${S2}/xs:complexType[@name='A']/xs:complexContent/xs:extension`,
      /cyclic base: A → B → A/,
    ],
    [
      'base that is a simple type',
      `<xs:simpleType name="E"><xs:restriction base="xs:string"><xs:enumeration value="x" /></xs:restriction></xs:simpleType>
       <xs:complexType name="A"><xs:complexContent><xs:extension base="tns:E" /></xs:complexContent></xs:complexType>`,
      `${S2}/xs:complexType[@name='A']/xs:complexContent/xs:extension`,
      /base 'tns:E' is not an object type/,
    ],
    [
      'duplicate type in one schema',
      `<xs:complexType name="Ad" /><xs:simpleType name="Ad"><xs:restriction base="xs:string" /></xs:simpleType>`,
      `${S2}/xs:simpleType[@name='Ad']`,
      /duplicate type 'Ad' in namespace 'urn:test:entities' \(first declared at .*xs:complexType\[@name='Ad'\]\)/,
    ],
    [
      'anonymous element type named like a named type',
      `<xs:complexType name="GetAdRequest" /><xs:element name="GetAdRequest"><xs:complexType><xs:sequence /></xs:complexType></xs:element>`,
      `${S2}/xs:element[@name='GetAdRequest']`,
      /duplicate type 'GetAdRequest'/,
    ],
    [
      'xs:choice',
      `<xs:complexType name="T"><xs:choice><xs:element name="A" type="xs:int" /></xs:choice></xs:complexType>`,
      `${S2}/xs:complexType[@name='T']/xs:choice`,
      /unsupported construct <xs:choice>/,
    ],
    [
      'an attribute use',
      `<xs:complexType name="T"><xs:sequence /><xs:attribute name="a" type="xs:int" /></xs:complexType>`,
      `${S2}/xs:complexType[@name='T']/xs:attribute[@name='a']`,
      /unsupported construct <xs:attribute> after <xs:sequence> in a complexType/,
    ],
    [
      'xs:any',
      `<xs:complexType name="T"><xs:sequence><xs:any /></xs:sequence></xs:complexType>`,
      `${S2}/xs:complexType[@name='T']/xs:sequence/xs:any`,
      /unsupported construct <xs:any>/,
    ],
    [
      'complexContent restriction',
      `<xs:complexType name="B" /><xs:complexType name="T"><xs:complexContent><xs:restriction base="tns:B" /></xs:complexContent></xs:complexType>`,
      `${S2}/xs:complexType[@name='T']/xs:complexContent/xs:restriction`,
      /unsupported construct <xs:restriction>/,
    ],
    [
      'element ref',
      `<xs:complexType name="T"><xs:sequence><xs:element ref="tns:X" /></xs:sequence></xs:complexType>`,
      `${S2}/xs:complexType[@name='T']/xs:sequence/xs:element`,
      /unsupported attribute 'ref' on <xs:element>/,
    ],
    [
      'abstract complexType',
      `<xs:complexType name="T" abstract="true" />`,
      `${S2}/xs:complexType[@name='T']`,
      /unsupported attribute 'abstract' on <xs:complexType>/,
    ],
    [
      'a facet the model cannot carry',
      `<xs:simpleType name="S"><xs:restriction base="xs:string"><xs:maxLength value="3" /></xs:restriction></xs:simpleType>`,
      `${S2}/xs:simpleType[@name='S']/xs:restriction/xs:maxLength`,
      /unsupported construct facet <xs:maxLength>/,
    ],
    [
      'xs:union',
      `<xs:simpleType name="S"><xs:union memberTypes="xs:int xs:string" /></xs:simpleType>`,
      `${S2}/xs:simpleType[@name='S']/xs:union`,
      /unsupported construct <xs:union>/,
    ],
    [
      'xs:list itemType',
      `<xs:simpleType name="S"><xs:list itemType="xs:int" /></xs:simpleType>`,
      `${S2}/xs:simpleType[@name='S']/xs:list`,
      /unsupported attribute 'itemType' on <xs:list>/,
    ],
    [
      'bad minOccurs',
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" minOccurs="x" type="xs:int" /></xs:sequence></xs:complexType>`,
      fieldPlace,
      /bad minOccurs="x"/,
    ],
    [
      'an external schema import',
      `<xs:import namespace="urn:x" schemaLocation="x.xsd" />`,
      `${S2}/xs:import`,
      /unsupported attribute 'schemaLocation' on <xs:import>/,
    ],
    [
      'xs:include',
      `<xs:include schemaLocation="x.xsd" />`,
      `${S2}/xs:include`,
      /unsupported construct <xs:include> in xs:schema/,
    ],
    [
      'an unknown reference in an unused global element',
      `<xs:element name="Lonely" type="tns:Nothing" />`,
      `${S2}/xs:element[@name='Lonely']`,
      /unknown type reference 'tns:Nothing'/,
    ],
  ])('%s', (_what, body, place, problem) => {
    expectSpecError(withTypes(body), { place, problem });
  });

  it('rejects the same local name declared in two namespaces (model names are local)', () => {
    expectSpecError(
      () =>
        readTypes(
          schema(ENT, `<xs:complexType name="Ad" />`),
          schema('urn:other', `<xs:complexType name="Ad" />`),
        ),
      {
        place: "/wsdl:definitions/wsdl:types/xs:schema[3]/xs:complexType[@name='Ad']",
        problem:
          /^duplicate type 'Ad' \(first declared at \/wsdl:definitions\/wsdl:types\/xs:schema\[2\]\/xs:complexType\[@name='Ad'\], line \d+\)/,
      },
    );
  });
});

describe('SpecError for WSDL constructs', () => {
  const binding = (ops: string) => wsdl({ bindingOps: ops });

  it.each([
    [
      'missing binding',
      () =>
        wsdl({
          portAndBinding: `<wsdl:portType name="ITestService">${PING_PORT_OP}</wsdl:portType>`,
        }),
      "/wsdl:definitions/wsdl:portType[@name='ITestService']",
      /missing binding: no SOAP 1\.1 binding for portType 'ITestService'/,
    ],
    [
      'missing portType',
      () =>
        wsdl({
          portAndBinding: `<wsdl:binding name="B" type="tns:ITestService"><soap:binding />${PING_BINDING_OP}</wsdl:binding>`,
        }),
      '/wsdl:definitions',
      /missing portType/,
    ],
    [
      'binding of another portType',
      () => wsdl().replace('type="tns:ITestService"', 'type="tns:IOther"'),
      "/wsdl:definitions/wsdl:binding[@name='BasicHttpBinding_ITestService']",
      /missing portType 'tns:IOther'/,
    ],
    [
      'missing binding operation',
      () => binding(''),
      PORT_OP,
      /missing binding operation 'Ping' in binding 'BasicHttpBinding_ITestService'/,
    ],
    [
      'binding operation without portType operation',
      () => binding(PING_BINDING_OP + PING_BINDING_OP.replace('name="Ping"', 'name="Pong"')),
      "/wsdl:definitions/wsdl:binding[@name='BasicHttpBinding_ITestService']/wsdl:operation[@name='Pong']",
      /missing portType operation 'Pong'/,
    ],
    [
      'missing message',
      () =>
        wsdl({
          portTypeOps: PING_PORT_OP.replace('message="tns:PingRequest"', 'message="tns:Nope"'),
        }),
      `${PORT_OP}/wsdl:input[@name='PingRequest']`,
      /missing message 'tns:Nope'/,
    ],
    [
      'missing header part',
      () => binding(PING_BINDING_OP.replace('part="AuthenticationToken"', 'part="DeveloperToken"')),
      `${BINDING_OP}/wsdl:input[@name='PingRequest']/soap:header`,
      /missing part 'DeveloperToken' in message 'PingRequest_Headers'/,
    ],
    [
      'header message missing',
      () =>
        binding(PING_BINDING_OP.replace('message="tns:PingRequest_Headers"', 'message="tns:Gone"')),
      `${BINDING_OP}/wsdl:input[@name='PingRequest']/soap:header`,
      /missing message 'tns:Gone'/,
    ],
    [
      'unknown element of a part',
      () => wsdl().replace('element="tns:PingRequest"', 'element="tns:Nope"'),
      "/wsdl:definitions/wsdl:message[@name='PingRequest']/wsdl:part[@name='parameters']",
      /unknown element 'tns:Nope'/,
    ],
    [
      'missing part in a body message',
      () => wsdl().replace('<wsdl:part name="parameters" element="tns:PingRequest" />', ''),
      `${PORT_OP}/wsdl:input[@name='PingRequest']`,
      /missing part: message 'PingRequest' has no parts/,
    ],
    [
      'missing soapAction',
      () => binding(PING_BINDING_OP.replace('soapAction="Ping" ', '')),
      `${BINDING_OP}/soap:operation`,
      /<soap:operation> has no soapAction attribute/,
    ],
    [
      'rpc style',
      () => binding(PING_BINDING_OP.replace('style="document"', 'style="rpc"')),
      `${BINDING_OP}/soap:operation`,
      /unsupported construct style 'rpc'/,
    ],
    [
      'encoded use',
      () =>
        binding(
          PING_BINDING_OP.replace('<soap:body use="literal" />', '<soap:body use="encoded" />'),
        ),
      `${BINDING_OP}/wsdl:input[@name='PingRequest']/soap:body`,
      /unsupported construct use="encoded"/,
    ],
    [
      'binding fault without portType fault',
      () => binding(PING_BINDING_OP.replace(/name="Fault"/g, 'name="Other"')),
      `${BINDING_OP}/wsdl:fault[@name='Other']`,
      /missing portType fault 'Other'/,
    ],
    [
      'portType fault without binding fault',
      () => binding(PING_BINDING_OP.replace(/<wsdl:fault name="Fault">.*<\/wsdl:fault>/, '')),
      `${PORT_OP}/wsdl:fault[@name='Fault']`,
      /missing binding fault for portType fault 'Fault'/,
    ],
    [
      'body element of a simple type',
      () => wsdl().replace('element="tns:PingRequest"', 'element="tns:AuthenticationToken"'),
      "/wsdl:definitions/wsdl:types/xs:schema/xs:element[@name='AuthenticationToken']",
      /element 'AuthenticationToken' is used as a message body or fault detail but its type 'xs:string' is not an object type/,
    ],
    [
      'wsdl:import',
      () => wsdl({ head: '<wsdl:import namespace="urn:x" location="x.wsdl" />' }),
      '/wsdl:definitions/wsdl:import',
      /unsupported construct <wsdl:import> in wsdl:definitions/,
    ],
    [
      'one-way operation',
      () => wsdl({ portTypeOps: PING_PORT_OP.replace(/<wsdl:output[^>]*\/>/, '') }),
      PORT_OP,
      /unsupported construct one-way operation 'Ping'/,
    ],
  ])('%s', (_what, build, place, problem) => {
    expectSpecError(() => read(build()), { place, problem });
  });

  it('throws SpecError (never a TypeError) for every truncation of a valid WSDL', () => {
    const xml = wsdl({ schemas: [PING_SCHEMA] });
    for (let cut = 0; cut < xml.length; cut += 97) {
      try {
        read(xml.slice(0, cut));
      } catch (error) {
        expect(error).toBeInstanceOf(SpecError);
        continue;
      }
      throw new Error(`truncation at ${cut} was accepted`);
    }
  });
});
