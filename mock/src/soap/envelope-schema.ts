import type { SchemaFile } from '../wsdl/extract-schemas.ts';

export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

/**
 * A minimal SOAP 1.1 envelope schema, written for the mock, that imports a service's schemas.
 *
 * Validating whole envelopes against it checks, in one xmllint run: the envelope namespace and
 * structure, every header element the service declares (lax: undeclared ones such as WS-A
 * `Action` are skipped), and the Body child STRICTLY (an element the service does not declare
 * is an error, as is any violation inside it). Fault details are lax so an unknown detail type
 * (a fault the mock injects on purpose) still validates as an envelope.
 */
export function envelopeSchema(imports: SchemaFile[]): SchemaFile {
  const importTags = imports
    .map((f) => `<xs:import namespace="${f.namespace}" schemaLocation="${f.fileName}"/>`)
    .join('\n  ');
  const contents = `<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${SOAP_ENV}" targetNamespace="${SOAP_ENV}">
  ${importTags}
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="tns:Header" minOccurs="0"/>
        <xs:element ref="tns:Body"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Header">
    <xs:complexType>
      <xs:sequence>
        <xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Body">
    <xs:complexType>
      <xs:sequence>
        <xs:any namespace="##any" processContents="strict" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:anyAttribute namespace="##other" processContents="lax"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="Fault">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="faultcode" type="xs:QName"/>
        <xs:element name="faultstring">
          <xs:complexType>
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:anyAttribute namespace="##other" processContents="lax"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
        </xs:element>
        <xs:element name="faultactor" type="xs:anyURI" minOccurs="0"/>
        <xs:element name="detail" minOccurs="0">
          <xs:complexType>
            <xs:sequence>
              <xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence>
            <xs:anyAttribute namespace="##any" processContents="lax"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
  return { fileName: 'soap-envelope.xsd', namespace: SOAP_ENV, contents };
}
