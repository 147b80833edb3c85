import { describe, expect, it } from 'vitest';
import { ENT, PING_SCHEMA, read, schema, SVC, wsdl } from './fixtures.ts';

describe('readWsdl service level', () => {
  it('names the model after wsdl:definitions and the options', () => {
    const model = read(wsdl());
    expect(model).toMatchObject({
      service: 'test',
      protocol: 'soap',
      name: 'TestService',
      namespace: SVC,
      source: { file: 'test.wsdl' },
    });
    expect(model.types.map((t) => t.name)).toEqual(['PingRequest', 'PingResponse', 'Fault']);
  });

  it('ignores WS-Policy and wsdl:service', () => {
    const head = `<wsp:Policy xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy" wsu:Id="p" xmlns:wsu="urn:wsu"><wsp:ExactlyOne><wsp:All /></wsp:ExactlyOne></wsp:Policy>`;
    const model = read(
      wsdl({ head }).replace(
        '</wsdl:definitions>',
        '<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="https://x" /></wsdl:port></wsdl:service></wsdl:definitions>',
      ),
    );
    expect(model.operations.map((o) => o.name)).toEqual(['Ping']);
  });
});

describe('operations', () => {
  it('joins portType and binding: wrappers, action, headers, faults', () => {
    const [ping] = read(wsdl()).operations;
    expect(ping).toEqual({
      name: 'Ping',
      request: 'PingRequest',
      response: 'PingResponse',
      faults: ['Fault'],
      soap: {
        action: 'Ping',
        requestElement: { name: 'PingRequest', namespace: SVC },
        responseElement: { name: 'PingResponse', namespace: SVC },
        requestHeaders: [
          {
            name: 'AuthenticationToken',
            element: { name: 'AuthenticationToken', namespace: SVC },
            type: { kind: 'primitive', primitive: 'string' },
          },
        ],
        responseHeaders: [
          {
            name: 'TrackingId',
            element: { name: 'TrackingId', namespace: SVC },
            type: { kind: 'primitive', primitive: 'string' },
          },
        ],
        faults: [{ name: 'Fault', element: { name: 'Fault', namespace: SVC }, type: 'Fault' }],
      },
    });
  });

  it('lists operations in portType order, not binding order', () => {
    const second = (name: string): [string, string] => [
      `<wsdl:operation name="${name}"><wsdl:input message="tns:PingRequest" /><wsdl:output message="tns:PingResponse" /></wsdl:operation>`,
      `<wsdl:operation name="${name}"><soap:operation soapAction="urn:${name}" /><wsdl:input><soap:body use="literal" /></wsdl:input><wsdl:output><soap:body use="literal" /></wsdl:output></wsdl:operation>`,
    ];
    const [zp, zb] = second('Zeta');
    const [ap, ab] = second('Alpha');
    const model = read(wsdl({ portTypeOps: zp + ap, bindingOps: ab + zb }));
    expect(
      model.operations.map((o) => [
        o.name,
        o.soap!.action,
        o.soap!.requestHeaders.length,
        o.faults.length,
      ]),
    ).toEqual([
      ['Zeta', 'urn:Zeta', 0, 0],
      ['Alpha', 'urn:Alpha', 0, 0],
    ]);
  });

  it('takes exactly the headers the binding declares, in binding order, though the message has more parts', () => {
    const headerSchema = schema(
      SVC,
      `<xs:element name="GetRequest"><xs:complexType><xs:sequence /></xs:complexType></xs:element>
       <xs:element name="GetResponse"><xs:complexType><xs:sequence /></xs:complexType></xs:element>
       <xs:element name="DeveloperToken" nillable="true" type="xs:string" />
       <xs:element name="CustomerId" nillable="true" type="xs:string" />
       <xs:element name="Password" nillable="true" type="xs:string" />
       <xs:element name="Session"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:long" /></xs:sequence></xs:complexType></xs:element>
       <xs:element xmlns:q="${ENT}" name="Account" type="q:Account" />`,
    );
    const entities = schema(ENT, `<xs:complexType name="Account"><xs:sequence /></xs:complexType>`);
    const messages = `
      <wsdl:message name="GetRequest"><wsdl:part name="parameters" element="tns:GetRequest" /></wsdl:message>
      <wsdl:message name="GetRequest_Headers">
        <wsdl:part name="CustomerId" element="tns:CustomerId" />
        <wsdl:part name="DeveloperToken" element="tns:DeveloperToken" />
        <wsdl:part name="Password" element="tns:Password" />
        <wsdl:part name="Session" element="tns:Session" />
        <wsdl:part name="Account" element="tns:Account" />
      </wsdl:message>
      <wsdl:message name="GetResponse"><wsdl:part name="parameters" element="tns:GetResponse" /></wsdl:message>`;
    const model = read(
      wsdl({
        schemas: [headerSchema, entities],
        messages,
        portTypeOps: `<wsdl:operation name="Get"><wsdl:input message="tns:GetRequest" /><wsdl:output message="tns:GetResponse" /></wsdl:operation>`,
        bindingOps: `<wsdl:operation name="Get"><soap:operation soapAction="Get" style="document" />
          <wsdl:input>
            <soap:header message="tns:GetRequest_Headers" part="DeveloperToken" use="literal" />
            <soap:header message="tns:GetRequest_Headers" part="Session" use="literal" />
            <soap:header message="tns:GetRequest_Headers" part="CustomerId" use="literal" />
            <soap:header message="tns:GetRequest_Headers" part="Account" use="literal" />
            <soap:body use="literal" />
          </wsdl:input>
          <wsdl:output><soap:body use="literal" /></wsdl:output></wsdl:operation>`,
      }),
    );
    const [get] = model.operations;
    expect(get!.soap!.requestHeaders.map((h) => [h.name, h.type])).toEqual([
      ['DeveloperToken', { kind: 'primitive', primitive: 'string' }],
      ['Session', { kind: 'named', name: 'Session' }],
      ['CustomerId', { kind: 'primitive', primitive: 'string' }],
      ['Account', { kind: 'named', name: 'Account' }],
    ]);
    expect(get!.soap!.responseHeaders).toEqual([]);
    // A complex header element is a model type with origin 'element'.
    expect(model.types.find((t) => t.name === 'Session')).toMatchObject({
      kind: 'object',
      origin: 'element',
      namespace: SVC,
    });
  });

  it('matches binding faults to portType faults by name and reads detail element and type', () => {
    const faultSchema = schema(
      'urn:adapi',
      `<xs:complexType name="ApplicationFault"><xs:sequence><xs:element minOccurs="0" name="TrackingId" nillable="true" type="xs:string" /></xs:sequence></xs:complexType>
       <xs:complexType name="AdApiFaultDetail"><xs:complexContent mixed="false"><xs:extension base="tns:ApplicationFault"><xs:sequence /></xs:extension></xs:complexContent></xs:complexType>
       <xs:element name="AdApiFaultDetail" nillable="true" type="tns:AdApiFaultDetail" />`,
    );
    const messages = `${defaultMessages()}
      <wsdl:message name="Ping_AdApi"><wsdl:part xmlns:q1="urn:adapi" name="detail" element="q1:AdApiFaultDetail" /></wsdl:message>`;
    const model = read(
      wsdl({
        schemas: [PING_SCHEMA, faultSchema],
        messages,
        portTypeOps: `<wsdl:operation name="Ping"><wsdl:input message="tns:PingRequest" /><wsdl:output message="tns:PingResponse" />
            <wsdl:fault name="Fault" message="tns:Ping_Fault" /><wsdl:fault name="AdApiFaultDetailFault" message="tns:Ping_AdApi" /></wsdl:operation>`,
        bindingOps: `<wsdl:operation name="Ping"><soap:operation soapAction="Ping" />
            <wsdl:input><soap:body use="literal" /></wsdl:input><wsdl:output><soap:body use="literal" /></wsdl:output>
            <wsdl:fault name="AdApiFaultDetailFault"><soap:fault use="literal" name="AdApiFaultDetailFault" namespace="" /></wsdl:fault>
            <wsdl:fault name="Fault"><soap:fault use="literal" name="Fault" namespace="" /></wsdl:fault></wsdl:operation>`,
      }),
    );
    const [ping] = model.operations;
    expect(ping!.faults).toEqual(['AdApiFaultDetail', 'Fault']);
    expect(ping!.soap!.faults).toEqual([
      {
        name: 'AdApiFaultDetailFault',
        element: { name: 'AdApiFaultDetail', namespace: 'urn:adapi' },
        type: 'AdApiFaultDetail',
      },
      { name: 'Fault', element: { name: 'Fault', namespace: SVC }, type: 'Fault' },
    ]);
  });

  it('reads a body element that refers to a named complex type by that type name', () => {
    const s = schema(
      SVC,
      `<xs:element name="PingRequest" type="tns:PingShape" /><xs:complexType name="PingShape"><xs:sequence /></xs:complexType>
       <xs:element name="PingResponse"><xs:complexType><xs:sequence /></xs:complexType></xs:element>
       <xs:element name="AuthenticationToken" type="xs:string" /><xs:element name="TrackingId" type="xs:string" />
       <xs:element name="Fault" type="tns:PingShape" />`,
    );
    const [ping] = read(wsdl({ schemas: [s] })).operations;
    expect(ping!.request).toBe('PingShape');
    expect(ping!.soap!.requestElement).toEqual({ name: 'PingRequest', namespace: SVC });
    expect(ping!.faults).toEqual(['PingShape']);
  });

  it('keeps wsdl:documentation of an operation as doc', () => {
    const portTypeOps = `<wsdl:operation name="Ping"><wsdl:documentation>Checks  the
      service.</wsdl:documentation><wsdl:input message="tns:PingRequest" /><wsdl:output message="tns:PingResponse" /><wsdl:fault name="Fault" message="tns:Ping_Fault" /></wsdl:operation>`;
    expect(read(wsdl({ portTypeOps })).operations[0]!.doc).toBe('Checks the service.');
  });
});

function defaultMessages(): string {
  return `
  <wsdl:message name="PingRequest"><wsdl:part name="parameters" element="tns:PingRequest" /></wsdl:message>
  <wsdl:message name="PingResponse"><wsdl:part name="parameters" element="tns:PingResponse" /></wsdl:message>
  <wsdl:message name="Ping_Fault"><wsdl:part name="detail" element="tns:Fault" /></wsdl:message>`;
}
