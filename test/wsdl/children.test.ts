/**
 * Which children WSDL and schema elements may hold: wsdl:documentation and WS-Policy are
 * passed over, anything else that is not the expected child is a SpecError naming where it
 * stands, and errors are reported in document order (a bad child before a bad sibling).
 */
import { describe, expect, it } from 'vitest';
import {
  ENT,
  PING_BINDING_OP,
  PING_MESSAGES,
  PING_PORT_OP,
  expectSpecError,
  read,
  readTypes,
  schema,
  wsdl,
} from './fixtures.ts';

const DOC = '<wsdl:documentation>notes</wsdl:documentation>';
const MESSAGE = "/wsdl:definitions/wsdl:message[@name='PingRequest']";
const PORT_TYPE = "/wsdl:definitions/wsdl:portType[@name='ITestService']";
const BINDING = "/wsdl:definitions/wsdl:binding[@name='BasicHttpBinding_ITestService']";
const S2 = '/wsdl:definitions/wsdl:types/xs:schema[2]';
const POLICY = '<wsp:PolicyReference xmlns:wsp="http://www.w3.org/ns/ws-policy" URI="#p" />';

/** The Ping WSDL with `extra` inserted at the start of the PingRequest message. */
const inMessage = (extra: string) =>
  wsdl({
    messages: PING_MESSAGES.replace(
      '<wsdl:message name="PingRequest">',
      `<wsdl:message name="PingRequest">${extra}`,
    ),
  });

describe('children of WSDL elements', () => {
  it('passes over documentation in wsdl:types, a message, the portType and the binding, and policy in the binding', () => {
    const xml = wsdl({
      portTypeOps: DOC + PING_PORT_OP,
      bindingOps: DOC + POLICY + PING_BINDING_OP,
    })
      .replace('<wsdl:types>', `<wsdl:types>${DOC}`)
      .replace('<wsdl:message name="PingRequest">', `<wsdl:message name="PingRequest">${DOC}`);
    const model = read(xml);
    expect(model.operations.map((o) => o.name)).toEqual(['Ping']);
    expect(model.operations[0]!.soap!.requestElement).toEqual({
      name: 'PingRequest',
      namespace: 'urn:test:svc',
    });
  });

  it.each([
    [
      'wsdl:message',
      () => inMessage('<wsdl:operation name="x" />'),
      `${MESSAGE}/wsdl:operation[@name='x']`,
      /^unsupported construct <wsdl:operation> in wsdl:message \(line \d+\)$/,
    ],
    [
      'wsdl:portType',
      () => wsdl({ portTypeOps: PING_PORT_OP + '<wsdl:part name="x" />' }),
      `${PORT_TYPE}/wsdl:part[@name='x']`,
      /^unsupported construct <wsdl:part> in wsdl:portType \(line \d+\)$/,
    ],
    [
      'wsdl:binding',
      () => wsdl({ bindingOps: '<soap:operation soapAction="x" />' + PING_BINDING_OP }),
      `${BINDING}/soap:operation`,
      /^unsupported construct <soap:operation> in wsdl:binding \(line \d+\)$/,
    ],
    [
      'wsdl:types',
      () => wsdl().replace('<wsdl:types>', '<wsdl:types><wsdl:message name="x" />'),
      "/wsdl:definitions/wsdl:types/wsdl:message[@name='x']",
      /^unsupported construct <wsdl:message> in wsdl:types \(line \d+\)$/,
    ],
  ])('rejects a foreign child of %s', (_parent, build, place, problem) => {
    expectSpecError(() => read(build()), { place, problem });
  });

  it('reports a bad part before a foreign sibling after it', () => {
    expectSpecError(
      () => read(inMessage('<wsdl:part name="p" type="xs:string" /><wsdl:operation name="x" />')),
      {
        place: `${MESSAGE}/wsdl:part[@name='p']`,
        problem: /^unsupported construct message part with a type attribute \(rpc style\)/,
      },
    );
  });

  it('reports an overloaded portType operation before a foreign sibling after it', () => {
    expectSpecError(
      () => read(wsdl({ portTypeOps: PING_PORT_OP + PING_PORT_OP + '<wsdl:part name="x" />' })),
      {
        place: `${PORT_TYPE}/wsdl:operation[@name='Ping']`,
        problem: /^unsupported construct overloaded operation 'Ping'/,
      },
    );
  });
});

describe('children of element declarations', () => {
  it('names the element when a global element holds more than an anonymous complexType', () => {
    expectSpecError(
      () =>
        readTypes(
          schema(
            ENT,
            '<xs:element name="E"><xs:simpleType><xs:restriction base="xs:string" /></xs:simpleType></xs:element>',
          ),
        ),
      {
        place: `${S2}/xs:element[@name='E']/xs:simpleType`,
        problem: /^unsupported construct <xs:simpleType> in element 'E' \(line \d+\)$/,
      },
    );
  });

  it('rejects an array wrapper item holding more than an anonymous complexType', () => {
    expectSpecError(
      () =>
        readTypes(
          schema(
            ENT,
            `<xs:complexType name="ArrayOfX"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="X">
               <xs:simpleType><xs:restriction base="xs:string" /></xs:simpleType>
             </xs:element></xs:sequence></xs:complexType>`,
          ),
        ),
      {
        place: `${S2}/xs:complexType[@name='ArrayOfX']/xs:sequence/xs:element[@name='X']/xs:simpleType`,
        problem: /^unsupported construct <xs:simpleType> \(line \d+\)$/,
      },
    );
  });

  it('accepts annotations beside the anonymous complexType of an element and of a wrapper item', () => {
    const ann = '<xs:annotation><xs:documentation>d</xs:documentation></xs:annotation>';
    const types = readTypes(
      schema(
        ENT,
        `<xs:element name="E">${ann}<xs:complexType><xs:sequence /></xs:complexType></xs:element>
         <xs:complexType name="ArrayOfY"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="Y">${ann}
           <xs:complexType><xs:sequence><xs:element name="A" type="xs:int" /></xs:sequence></xs:complexType>
         </xs:element></xs:sequence></xs:complexType>`,
      ),
    );
    expect(types.map((t) => [t.name, t.kind]).sort()).toEqual([
      ['E', 'object'],
      ['Y', 'object'],
    ]);
  });
});
