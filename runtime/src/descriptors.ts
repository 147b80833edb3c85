/**
 * Operation and type descriptors: the data a generated package hands to the runtime so that
 * the runtime can put any call on the wire, in either protocol, without reading a spec at
 * run time. Generated packages export one `ServiceDescriptor` (`descriptor.js`); the runtime
 * builds its codec plans from it once per type, on first use.
 *
 * This file is the contract between `generator/emit` (which imports these types and builds
 * its descriptor data as them, so a wrong shape fails `tsc`) and `runtime/src/soap`,
 * `runtime/src/rest` (which read them). Plain data only. Public as types: `ServiceClient`'s
 * constructor takes a `ServiceDescriptor`; the functions that make and use one are in
 * `@adsgen/runtime/internal`.
 */

import type { OperationKind } from './operation-kind.js';

/**
 * Precise primitive kinds, as the spec readers find them (the generator's service model uses
 * this type too): every integer kind kept apart, 64-bit ones carried as decimal strings.
 *
 * @public
 */
export type PrimitiveKind =
  | 'string'
  | 'boolean'
  | 'int8' // xs:byte
  | 'int16' // xs:short
  | 'int32' // xs:int, OpenAPI integer/int32 (and bare integer)
  | 'int64' // xs:long, OpenAPI string/int64 or integer/int64
  | 'uint8' // xs:unsignedByte, OpenAPI integer/uint8
  | 'uint16' // xs:unsignedShort
  | 'uint32' // xs:unsignedInt
  | 'uint64' // xs:unsignedLong
  | 'float' // xs:float, OpenAPI number/float
  | 'double' // xs:double, OpenAPI number (bare or double)
  | 'decimal' // xs:decimal
  | 'dateTime' // xs:dateTime, OpenAPI string/date-time
  | 'date' // xs:date, OpenAPI string/date
  | 'time' // xs:time
  | 'duration' // xs:duration, ser:duration
  | 'base64' // xs:base64Binary, OpenAPI string/byte
  | 'char' // ser:char (a UTF-16 code unit carried as xs:int)
  | 'guid' // ser:guid, OpenAPI string/uuid
  | 'anyURI'
  | 'QName'
  | 'any'; // xs:anyType, OpenAPI free-form `{}`

/**
 * How one value is typed.
 *
 * @public
 */
export type ValueDescriptor =
  | { primitive: PrimitiveKind }
  /** A named type of `ServiceDescriptor.types` (object, enum or alias). */
  | { type: string }
  | {
      array: ValueDescriptor;
      /** SOAP: element name of each item (`long`, `AdvertiserAccount`). */
      itemName?: string;
      /** SOAP: namespace of the item elements. */
      itemNamespace?: string;
      /** SOAP: whether an item may be `i:nil="true"`. */
      itemNullable?: boolean;
      /** SOAP: true when items repeat inline (maxOccurs > 1) instead of inside a wrapper element. */
      inline?: boolean;
    };

/**
 * Which protocols carry a field, an operation or a type.
 *
 * @public
 */
export type Protocols = 'both' | 'soap' | 'rest';

/** @public */
export interface FieldDescriptor {
  /** The TypeScript property name: the SOAP element name (REST's own name for REST-only fields). */
  name: string;
  /**
   * JSON property name when REST spells the field differently from SOAP (`Key` for the
   * `key` of `KeyValuePairOfstringstring`). The REST codecs write and read this name and map
   * it to and from `name`; absent when the two agree.
   */
  restName?: string;
  /** SOAP element namespace; absent for REST-only fields. */
  namespace?: string;
  value: ValueDescriptor;
  /** May be sent/received as null (`i:nil="true"` / JSON null). */
  nullable: boolean;
  /**
   * REST's own nullability, present only when it differs from `nullable` (a shared field SOAP
   * marks nillable and the OpenAPI document does not: every SOAP-nillable enum). `false`:
   * REST does not accept null here: the REST encoder omits the property (null and absent
   * mean 'not set' in REST).
   */
  restNullable?: boolean;
  /** May be omitted. */
  optional: boolean;
  protocols: Protocols;
  /**
   * REST carries this array of {Key, Value} items as one JSON object {Key: Value} (a SOAP
   * DataContract dictionary, `ArrayOfKeyValueOfstringstring`, that the OpenAPI document types
   * as a map). The item type's first two fields are the key and the value, in that order; the
   * REST codecs convert, SOAP reads the array as it is. Absent otherwise.
   */
  restMap?: boolean;
}

/** @public */
export interface ObjectTypeDescriptor {
  kind: 'object';
  name: string;
  /** SOAP namespace of the type (for `i:type`); absent for REST-only types. */
  namespace?: string;
  base?: string;
  /** ALL fields, inherited first, in SOAP wire order (REST-only fields last). */
  fields: FieldDescriptor[];
  /** Cannot be sent as itself: a value of this declared type must carry a subtype's `Type`. */
  abstract: boolean;
  /**
   * The `Type` value of this type: its REST discriminator value, or for a type in a
   * polymorphic family that REST does not map, its own name. Absent outside families.
   */
  typeValue?: string;
  /**
   * For a type that has subtypes: `Type` value → type name for itself (when concrete) and
   * every descendant. Used to resolve the concrete type of a value on send and receive.
   */
  family?: Record<string, string>;
  protocols: Protocols;
}

/** @public */
export interface EnumTypeDescriptor {
  kind: 'enum';
  name: string;
  namespace?: string;
  /** Flags enum: an array of literals in TypeScript, space-separated in SOAP, comma-joined in REST. */
  flags: boolean;
  values: readonly string[];
}

/** @public */
export interface AliasTypeDescriptor {
  kind: 'alias';
  name: string;
  namespace?: string;
  target: ValueDescriptor;
}

/** @public */
export type TypeDescriptor = ObjectTypeDescriptor | EnumTypeDescriptor | AliasTypeDescriptor;

/** @public */
export interface QName {
  name: string;
  namespace: string;
}

/** @public */
export interface SoapOperationDescriptor {
  action: string;
  requestElement: QName;
  responseElement: QName;
  /** Header elements the binding declares for the request, in binding order. */
  requestHeaders: QName[];
  /** Header elements of the response (`TrackingId`). */
  responseHeaders: QName[];
  /** Fault detail types the binding declares. */
  faults: string[];
}

/**
 * HTTP methods of REST operations.
 *
 * @public
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** @public */
export interface RestOperationDescriptor {
  method: HttpMethod;
  /** Full path including the service base path (`/CustomerManagement/v13/User/Query`). */
  path: string;
  /** Fault body types per error status. */
  faults: string[];
}

/**
 * How a paged operation pages: its request's `pageInfo` field takes a `Paging` {Index, Size}
 * (zero-based page, items per page), and its response's `items` field is the page's list.
 *
 * @public
 */
export interface PagingDescriptor {
  /** The request field (`PageInfo`). */
  pageInfo: string;
  /** The response's list (`Accounts` of SearchAccounts). */
  items: string;
}

/** @public */
export interface OperationDescriptor {
  /** As the spec spells it (`GetUser`). */
  name: string;
  /**
   * What re-sending it risks: `read` (Get, Search, Find), `safe` (Suggest, Poll, Validate:
   * computes, changes nothing) or `write` (Add, Update, Delete, Set, Apply, Submit, … and any
   * verb the generator does not know: generator/model/operation-kind.ts decides). The client
   * retries reads and safe operations after any transient failure; a write only after a
   * failure that proves the service never carried it out: the connection was refused, the
   * host name did not resolve, TLS or the connect failed before the request was written, or
   * the service answered a retryable fault in full (117/207/429, 0 InternalError, complete
   * 502/503/504). A write whose request may have reached the service and whose answer was
   * lost fails with `TransportError.mayHaveRun`. Shadow mode repeats reads only. Absent (a
   * hand-made descriptor): the runtime's `operationKind` decides by the name, unknown verbs
   * being writes.
   */
  kind?: OperationKind;
  /**
   * The generated client's method for it (`getUser`), defined by `installOperations`.
   * Descriptors made for other uses may leave it out.
   */
  method?: string;
  /** Request type name; absent when the operation takes no parameters. */
  request?: string;
  /** Response type name; absent when it returns no body. */
  response?: string;
  /** Present on a paged operation: `client.paginate.<method>` iterates its items. */
  paging?: PagingDescriptor;
  soap?: SoapOperationDescriptor;
  rest?: RestOperationDescriptor;
}

/** @public */
export interface ServiceDescriptor {
  /** Service id (`customer-management`). */
  id: string;
  /** SOAP service name (`CustomerManagementService`). */
  name: string;
  soap: {
    path: string;
    namespace: string;
    /**
     * Every namespace a SOAP request of this service can use, in the order the runtime numbers
     * their prefixes (see soap/namespaces.ts): written by the generator so that a client need
     * not read every type to number them. Without it, the runtime walks the types.
     */
    namespaces?: string[];
  };
  rest: { basePath: string };
  operations: Record<string, OperationDescriptor>;
  types: Record<string, TypeDescriptor>;
}
