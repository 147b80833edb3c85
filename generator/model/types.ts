/**
 * The service model: the one data structure between the spec readers (WSDL, OpenAPI) and
 * everything downstream (emitters, runtime descriptors, diff).
 *
 * Rules every reader follows and every consumer may rely on:
 * - Plain, JSON-serializable data. No classes, no Maps, no cycles: types reference each
 *   other by name (`{ kind: 'named', name }`), resolved through `ServiceModel.types`.
 * - Names are spelled exactly as the spec spells them (operation `GetUser`, type
 *   `AdvertiserAccount`, field `Id`).
 * - Order is the spec's order: `operations` and `types` in document order, `fields` in
 *   `xs:sequence` order (SOAP) or `properties` order (REST). Emitters sort nothing they do
 *   not have to, so generated code reads like the spec.
 * - `fields` are a type's OWN fields; inherited ones live on the base (`base`), which may be
 *   several levels deep. Use `allFields()` from ./helpers.ts for the flattened view.
 * - Every integer kind is kept precise: an `xs:long` and a `string/int64` are both `int64`,
 *   never `int32` or `double`; `xs:decimal` is `decimal`, never `double`.
 * - Protocol-specific detail (XML namespaces, item element names, SOAP actions, REST paths)
 *   is kept where it was read and is simply absent in the other protocol's model.
 */

export type Protocol = 'soap' | 'rest';

/**
 * Precise primitive kinds: the runtime's (runtime/src/descriptors.ts), the one definition the
 * readers, the emitters and the codecs share. Mapping from XSD built-ins and OpenAPI
 * type/format is in ./primitives.ts.
 */
export type { PrimitiveKind } from '../../runtime/src/descriptors.ts';
import type { PrimitiveKind } from '../../runtime/src/descriptors.ts';

/** A reference to a type, as used by fields, arrays, headers and bodies. */
export type TypeRef = PrimitiveRef | NamedRef | ArrayRef | MapRef;

export interface PrimitiveRef {
  kind: 'primitive';
  primitive: PrimitiveKind;
}

/** Refers to an entry of `ServiceModel.types` by its exact name. */
export interface NamedRef {
  kind: 'named';
  name: string;
}

/**
 * A list. In SOAP it comes from a DataContract `ArrayOfX` wrapper type (the wrapper is not
 * a model type; the array keeps what the wire needs), or from a field with maxOccurs > 1.
 * In REST it is `type: array`.
 */
export interface ArrayRef {
  kind: 'array';
  items: TypeRef;
  /** SOAP: element name of each item inside the wrapper (`long`, `AdvertiserAccount`, `KeyValuePairOfstringstring`). */
  itemName?: string;
  /** SOAP: namespace of the item elements (e.g. `http://schemas.microsoft.com/2003/10/Serialization/Arrays`). */
  itemNamespace?: string;
  /** SOAP: whether an item element may be `i:nil="true"`. */
  itemNullable?: boolean;
  /** SOAP: name and namespace of the wrapper type (`ArrayOflong` in …/Serialization/Arrays). Absent for inline repeats. */
  wrapperType?: QName;
}

/**
 * A JSON object with arbitrary string keys, every property value of type `values`: OpenAPI
 * `{type: object, additionalProperties: <schema>}` (campaign-management AuditPointResult.Details,
 * string → string). REST only: the WSDL reader never produces it (SOAP carries the same data
 * as an array of Key/Value items, e.g. `ArrayOfKeyValueOfstringstring`; see `restMap` in
 * ./merged-model.ts for how the two meet).
 */
export interface MapRef {
  kind: 'map';
  values: TypeRef;
}

export interface QName {
  name: string;
  namespace: string;
}

/** One field of an object type. */
export interface Field {
  /** Element name (SOAP) or property name (REST), exactly as spelled. */
  name: string;
  type: TypeRef;
  /** SOAP: namespace of the element (the declaring schema's targetNamespace under elementFormDefault=qualified). */
  namespace?: string;
  /** 0 when the field may be omitted (SOAP minOccurs=0; REST not in `required`). */
  minOccurs: number;
  /** 1 for a single value; a number or 'unbounded' for an inline repeated element. */
  maxOccurs: number | 'unbounded';
  /** SOAP nillable="true"; REST nullable: true (also on an `allOf` wrapper). */
  nullable: boolean;
  doc?: string;
}

/** Properties shared by every named type. */
interface TypeBase {
  name: string;
  /** SOAP: the XML namespace the type is declared in (needed for `i:type` and for element names). */
  namespace?: string;
  doc?: string;
}

export interface ObjectType extends TypeBase {
  kind: 'object';
  /** Name of the direct base type (`complexContent/extension` or `allOf` with a `$ref`). */
  base?: string;
  /** Own fields in schema order; inherited fields are on the base chain. */
  fields: Field[];
  /**
   * True when the type cannot be sent as itself, only as one of its subtypes. REST: a type
   * that declares a discriminator but is not itself a value in its mapping. SOAP (which has
   * no `abstract` in these WSDLs): never set by the reader.
   */
  abstract: boolean;
  /** REST: the `Type` value that selects this type in its family's discriminator mapping. */
  discriminatorValue?: string;
  /** REST: on a family root, the discriminator property and its value → type-name mapping. */
  discriminator?: Discriminator;
  /**
   * REST: inherited fields this type's `required` lists (a subclass requiring what its base
   * leaves optional, e.g. EditorialError's `Index`), in the spec's order. The base's field
   * keeps its own minOccurs; consumers that care (the model view, a future diff) read this.
   */
  requiredInherited?: string[];
  /**
   * Where this type came from when it is not a plain named type: `element` for SOAP
   * request/response wrappers and header elements declared with an anonymous complexType
   * (`GetUserRequest`), `schema` otherwise.
   */
  origin?: 'schema' | 'element';
}

export interface Discriminator {
  property: string;
  /** value → type name, in the spec's order. */
  mapping: Record<string, string>;
}

export interface EnumType extends TypeBase {
  kind: 'enum';
  values: string[];
  /**
   * A flags enum: SOAP `xs:list` of an enumeration (space-separated on the wire); REST
   * `x-enumFlags: true` (several values joined in one string).
   */
  flags: boolean;
}

/** A named simple type that is neither an enum nor a list: a restriction of a primitive (e.g. `guid`). */
export interface AliasType extends TypeBase {
  kind: 'alias';
  target: TypeRef;
  /** xs:pattern facets, when present, for validation and docs. */
  patterns?: string[];
}

export type ServiceType = ObjectType | EnumType | AliasType;

/** A SOAP header element the binding declares for one direction of an operation. */
export interface SoapHeader {
  /** Part name in the binding (`AuthenticationToken`, `CustomerAccountId`, `TrackingId`). */
  name: string;
  element: QName;
  type: TypeRef;
}

export interface SoapFault {
  /** The binding's fault name (`AdApiFaultDetailFault`, `ApiFault`). */
  name: string;
  /** The detail element carried in the fault. */
  element: QName;
  /** The model type of the detail (`AdApiFaultDetail`, `ApiFault`). */
  type: string;
}

export interface SoapBinding {
  /** The `soapAction` of the binding operation (also the `Action` header value). */
  action: string;
  /** The request wrapper element (document/literal wrapped). */
  requestElement: QName;
  responseElement: QName;
  /** Header elements of the input, in binding order. */
  requestHeaders: SoapHeader[];
  /** Header elements of the output, in binding order. */
  responseHeaders: SoapHeader[];
  faults: SoapFault[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RestResponse {
  /** HTTP status as written in the spec (`200`, `400`, `default`). */
  status: string;
  /** Body type; absent when the response has no body. */
  type?: TypeRef;
}

export interface RestBinding {
  method: HttpMethod;
  /** Full path as in the spec, starting with the service base (`/CustomerManagement/v13/User/Query`). */
  path: string;
  /** Whether the spec marks the request body as required. */
  requestBodyRequired: boolean;
  /** Success responses (2xx). */
  responses: RestResponse[];
  /** Error responses (4xx/5xx/default) with their fault body types. */
  faults: RestResponse[];
}

export interface Operation {
  /** Exactly as the spec spells it: the wsdl:operation name or the OpenAPI operationId. */
  name: string;
  /** Request type name (`GetUserRequest`); absent when the operation takes no body. */
  request?: string;
  /** Response type name (`GetUserResponse`); absent when the response has no body. */
  response?: string;
  /** Fault detail type names the operation may raise (`AdApiFaultDetail`, `ApiFault`, `ApplicationFault`). */
  faults: string[];
  doc?: string;
  soap?: SoapBinding;
  rest?: RestBinding;
}

export interface SpecSource {
  /** File name as read (`customer-management.wsdl`). */
  file: string;
  sha256?: string;
}

export interface ServiceModel {
  /** Service id from specs/manifest.json (`customer-management`). */
  service: string;
  protocol: Protocol;
  /** Service name as the spec gives it (`CustomerManagementService`). */
  name: string;
  /** SOAP: the WSDL targetNamespace. */
  namespace?: string;
  source: SpecSource;
  operations: Operation[];
  types: ServiceType[];
}

/** XML namespaces the DataContract serializer uses, with their roles. */
export const NS = {
  xsd: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  soapEnv: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsdl: 'http://schemas.xmlsoap.org/wsdl/',
  wsdlSoap: 'http://schemas.xmlsoap.org/wsdl/soap/',
  /** ser: primitive element names and the char/duration/guid simple types. */
  serialization: 'http://schemas.microsoft.com/2003/10/Serialization/',
  /** ArrayOfstring, ArrayOflong, … with items named after the primitive. */
  serializationArrays: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
  /** KeyValuePairOf… generic types. */
  collectionsGeneric: 'http://schemas.datacontract.org/2004/07/System.Collections.Generic',
} as const;
