import { expect } from 'vitest';
import { SpecError } from '../../generator/model/errors.ts';
import type { ObjectType, ServiceModel, ServiceType } from '../../generator/model/types.ts';
import { readWsdl } from '../../generator/wsdl/index.ts';

/** Namespaces of the hand-written fragments. */
export const SVC = 'urn:test:svc';
export const ENT = 'urn:test:entities';
export const XS = 'http://www.w3.org/2001/XMLSchema';

/** An xs:schema for `tns`, qualified unless told otherwise; the body may use `tns:` and `xs:`. */
export function schema(
  tns: string,
  body: string,
  attrs = 'elementFormDefault="qualified"',
): string {
  return `<xs:schema ${attrs} targetNamespace="${tns}" xmlns:xs="${XS}" xmlns:tns="${tns}">${body}</xs:schema>`;
}

/** The service schema of the default one-operation WSDL (Ping). */
export const PING_SCHEMA = schema(
  SVC,
  `<xs:element name="PingRequest"><xs:complexType><xs:sequence /></xs:complexType></xs:element>
   <xs:element name="PingResponse"><xs:complexType><xs:sequence /></xs:complexType></xs:element>
   <xs:element name="AuthenticationToken" nillable="true" type="xs:string" />
   <xs:element name="TrackingId" nillable="true" type="xs:string" />
   <xs:element name="Fault" nillable="true" type="tns:Fault" />
   <xs:complexType name="Fault"><xs:sequence><xs:element minOccurs="0" name="TrackingId" nillable="true" type="xs:string" /></xs:sequence></xs:complexType>`,
);

export const PING_MESSAGES = `
  <wsdl:message name="PingRequest"><wsdl:part name="parameters" element="tns:PingRequest" /></wsdl:message>
  <wsdl:message name="PingRequest_Headers"><wsdl:part name="AuthenticationToken" element="tns:AuthenticationToken" /></wsdl:message>
  <wsdl:message name="PingResponse"><wsdl:part name="parameters" element="tns:PingResponse" /></wsdl:message>
  <wsdl:message name="PingResponse_Headers"><wsdl:part name="TrackingId" element="tns:TrackingId" /></wsdl:message>
  <wsdl:message name="Ping_Fault"><wsdl:part name="detail" element="tns:Fault" /></wsdl:message>`;

export const PING_PORT_OP = `
  <wsdl:operation name="Ping">
    <wsdl:input wsaw:Action="Ping" name="PingRequest" message="tns:PingRequest" />
    <wsdl:output wsaw:Action="urn:PingResponse" name="PingResponse" message="tns:PingResponse" />
    <wsdl:fault wsaw:Action="urn:PingFault" name="Fault" message="tns:Ping_Fault" />
  </wsdl:operation>`;

export const PING_BINDING_OP = `
  <wsdl:operation name="Ping">
    <soap:operation soapAction="Ping" style="document" />
    <wsdl:input name="PingRequest">
      <soap:header message="tns:PingRequest_Headers" part="AuthenticationToken" use="literal" />
      <soap:body use="literal" />
    </wsdl:input>
    <wsdl:output name="PingResponse">
      <soap:header message="tns:PingResponse_Headers" part="TrackingId" use="literal" />
      <soap:body use="literal" />
    </wsdl:output>
    <wsdl:fault name="Fault"><soap:fault use="literal" name="Fault" namespace="" /></wsdl:fault>
  </wsdl:operation>`;

export interface WsdlParts {
  schemas?: string[];
  messages?: string;
  portTypeOps?: string;
  bindingOps?: string;
  /** Replaces the whole portType + binding section. */
  portAndBinding?: string;
  /** Extra text right after the opening wsdl:definitions tag. */
  head?: string;
}

/** A complete single-file WSDL around the given pieces (defaults: the Ping operation). */
export function wsdl(parts: WsdlParts = {}): string {
  const schemas = parts.schemas ?? [PING_SCHEMA];
  const portAndBinding =
    parts.portAndBinding ??
    `<wsdl:portType name="ITestService">${parts.portTypeOps ?? PING_PORT_OP}</wsdl:portType>
  <wsdl:binding name="BasicHttpBinding_ITestService" type="tns:ITestService">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
    ${parts.bindingOps ?? PING_BINDING_OP}
  </wsdl:binding>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${SVC}" name="TestService" targetNamespace="${SVC}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">${parts.head ?? ''}
  <wsdl:types>
    ${schemas.join('\n    ')}
  </wsdl:types>
  ${parts.messages ?? PING_MESSAGES}
  ${portAndBinding}
</wsdl:definitions>`;
}

export function read(xml: string): ServiceModel {
  return readWsdl(xml, { file: 'test.wsdl', service: 'test' });
}

/** Model of a WSDL whose schemas are the Ping schema plus `extra`; Ping's own types removed. */
export function readTypes(...extra: string[]): ServiceType[] {
  const pingTypes = new Set(['PingRequest', 'PingResponse', 'Fault']);
  return read(wsdl({ schemas: [PING_SCHEMA, ...extra] })).types.filter(
    (t) => !pingTypes.has(t.name),
  );
}

export function findType(types: ServiceType[], name: string): ServiceType {
  const type = types.find((t) => t.name === name);
  if (!type) throw new Error(`no type ${name} in ${types.map((t) => t.name).join(', ')}`);
  return type;
}

export function objectType(types: ServiceType[], name: string): ObjectType {
  const type = findType(types, name);
  if (type.kind !== 'object') throw new Error(`${name} is a ${type.kind}`);
  return type;
}

/** Runs `fn`, expects a SpecError for test.wsdl, and checks its place and problem. */
export function expectSpecError(
  fn: () => unknown,
  expected: { place: string; problem: RegExp },
): SpecError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SpecError);
  const error = caught as SpecError;
  expect(error.file).toBe('test.wsdl');
  expect(error.place).toBe(expected.place);
  expect(error.problem).toMatch(expected.problem);
  expect(error.message).toBe(`test.wsdl: ${error.problem} at ${expected.place}`);
  return error;
}
