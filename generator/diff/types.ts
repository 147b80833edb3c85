/**
 * The surface diff report: what `diffModels` returns and what every renderer reads. The JSON
 * rendering is this object as it is (see ./render-json.ts and ./report.schema.json), so any
 * change here is a change of a published format: add optional members, never rename.
 *
 * What "breaking" means: a client written against `from` needs a change before it works against
 * `to`. Two levels are judged:
 * - the data contract (operations, types, fields, enum values, subtypes): judged for every client,
 *   our typed one included, with the direction of use in mind (a field added to a response is
 *   harmless; one added as required to a request is not);
 * - the transport (auth header, addressing, fault shape, body encoding) when the protocols differ:
 *   breaking, because every hand-written call must change; the adsgen runtime does it for its users.
 * Wire-encoding details that do not change the data (an int64 written as a JSON string instead of
 * XML digits, the `Type` property instead of `i:type`) are category `wire`, non-breaking, and say
 * in their message what a hand-written client must do.
 */

/** Groups of change kinds; the HTML report totals by these. Order here is report order. */
export type ChangeCategory =
  'transport' | 'operation' | 'type' | 'field' | 'enum' | 'polymorphism' | 'wire';

export const CATEGORIES: readonly ChangeCategory[] = [
  'transport',
  'operation',
  'type',
  'field',
  'enum',
  'polymorphism',
  'wire',
];

/**
 * Every kind of change, with its category. Names are stable (tools match on them).
 *
 * transport (only when the two sides use different protocols):
 * - `transport-auth-header`: SOAP `AuthenticationToken` header element ↔ `Authorization: Bearer`.
 * - `transport-headers`: DeveloperToken/CustomerId/CustomerAccountId/TrackingId move between SOAP
 *   header elements and HTTP headers.
 * - `transport-endpoint`: per operation, SOAP action ↔ REST method and path.
 * - `transport-faults`: SOAP Fault (HTTP 500, detail element) ↔ HTTP status + JSON fault body.
 * - `transport-encoding`: XML envelope ↔ JSON body.
 * operation:
 * - `operation-added`, `operation-removed`.
 * - `request-changed`, `response-changed`: the body type of a shared operation is another type,
 *   or appears/disappears (an empty wrapper and no body are the same thing).
 * - `operation-fault-added`, `operation-fault-removed`: declared fault types (same protocol only).
 * - `soap-action-changed`, `soap-header-added`, `soap-header-removed` (SOAP → SOAP).
 * - `rest-endpoint-changed` (REST → REST).
 * type (types reachable from operations only, see ./surface.ts):
 * - `type-added`, `type-removed`, `type-renamed` (same shape, other name, e.g. the generic
 *   spelling `KeyValuePairOfstringstring` → `KeyValuePairOfstringAndstring`),
 * - `type-kind-changed` (object/enum/alias), `base-changed`, `abstract-changed` (REST → REST),
 *   `namespace-changed` (SOAP → SOAP).
 * field (on the flattened field list; a change inherited from a base is reported on the base only):
 * - `field-added`, `field-removed`, `field-case-changed` (`Id` → `ID`), `field-type-changed`,
 *   `field-became-array`, `field-became-single`, `optionality-changed` (SOAP minOccurs / REST
 *   `required`), `nullability-changed`, `field-order-changed` (SOAP → SOAP: element order is wire order).
 * enum: `enum-value-added`, `enum-value-removed`, `enum-value-case-changed`, `enum-flags-changed`.
 * polymorphism: `subtype-added`, `subtype-removed` (a new or removed type with a base), and
 *   `discriminator-changed` (both sides declare discriminators and they differ; SOAP has none, so
 *   SOAP → REST never reports one).
 * wire (protocols differ; non-breaking):
 * - `int64-representation`: one per int64 field, XML digits ↔ JSON string.
 * - `number-representation`: one per field whose decimal (SOAP) is a JSON number (double) in REST.
 * - `map-representation`: one per dictionary field, an array of Key/Value items (SOAP) ↔ one
 *   JSON object map (REST).
 * - `polymorphism-representation`: one per REST discriminated family: `i:type` ↔ `Type` values.
 */
export type ChangeKind =
  | 'transport-auth-header'
  | 'transport-headers'
  | 'transport-endpoint'
  | 'transport-faults'
  | 'transport-encoding'
  | 'operation-added'
  | 'operation-removed'
  | 'request-changed'
  | 'response-changed'
  | 'operation-fault-added'
  | 'operation-fault-removed'
  | 'soap-action-changed'
  | 'soap-header-added'
  | 'soap-header-removed'
  | 'rest-endpoint-changed'
  | 'type-added'
  | 'type-removed'
  | 'type-renamed'
  | 'type-kind-changed'
  | 'base-changed'
  | 'abstract-changed'
  | 'namespace-changed'
  | 'field-added'
  | 'field-removed'
  | 'field-case-changed'
  | 'field-type-changed'
  | 'field-became-array'
  | 'field-became-single'
  | 'optionality-changed'
  | 'nullability-changed'
  | 'field-order-changed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'enum-value-case-changed'
  | 'enum-flags-changed'
  | 'subtype-added'
  | 'subtype-removed'
  | 'discriminator-changed'
  | 'int64-representation'
  | 'number-representation'
  | 'map-representation'
  | 'polymorphism-representation';

/** Category of each kind (the single source for the union above). */
export const KIND_CATEGORY: Readonly<Record<ChangeKind, ChangeCategory>> = {
  'transport-auth-header': 'transport',
  'transport-headers': 'transport',
  'transport-endpoint': 'transport',
  'transport-faults': 'transport',
  'transport-encoding': 'transport',
  'operation-added': 'operation',
  'operation-removed': 'operation',
  'request-changed': 'operation',
  'response-changed': 'operation',
  'operation-fault-added': 'operation',
  'operation-fault-removed': 'operation',
  'soap-action-changed': 'operation',
  'soap-header-added': 'operation',
  'soap-header-removed': 'operation',
  'rest-endpoint-changed': 'operation',
  'type-added': 'type',
  'type-removed': 'type',
  'type-renamed': 'type',
  'type-kind-changed': 'type',
  'base-changed': 'type',
  'abstract-changed': 'type',
  'namespace-changed': 'type',
  'field-added': 'field',
  'field-removed': 'field',
  'field-case-changed': 'field',
  'field-type-changed': 'field',
  'field-became-array': 'field',
  'field-became-single': 'field',
  'optionality-changed': 'field',
  'nullability-changed': 'field',
  'field-order-changed': 'field',
  'enum-value-added': 'enum',
  'enum-value-removed': 'enum',
  'enum-value-case-changed': 'enum',
  'enum-flags-changed': 'enum',
  'subtype-added': 'polymorphism',
  'subtype-removed': 'polymorphism',
  'discriminator-changed': 'polymorphism',
  'int64-representation': 'wire',
  'number-representation': 'wire',
  'map-representation': 'wire',
  'polymorphism-representation': 'wire',
};

export const CHANGE_KINDS = Object.keys(KIND_CATEGORY) as ChangeKind[];

/** One difference. `from`/`to` hold the compared values in short form when there are two. */
export interface Change {
  kind: ChangeKind;
  category: ChangeCategory;
  breaking: boolean;
  /** The operation concerned: its own changes, and changes of its request/response wrapper type. */
  operation?: string;
  /** The type concerned, named as in `to` (as in `from` when it is gone). */
  type?: string;
  field?: string;
  /** Before, in short form (`int64`, `optional`, `SOAPAction GetUser`). */
  from?: string;
  /** After, in short form. */
  to?: string;
  /** One sentence a person can act on. */
  message: string;
}

/** One spec that was compared. */
export interface DiffSide {
  service: string;
  protocol: 'soap' | 'rest';
  /** Service name as the spec gives it. */
  name: string;
  file: string;
  sha256?: string;
  /** How the command named this side (`soap`, `rest`, `v13.0.24`, a path); defaults to the protocol. */
  label: string;
}

export interface CategoryTotals {
  breaking: number;
  nonBreaking: number;
}

export interface DiffSummary {
  breaking: number;
  nonBreaking: number;
  /** Totals per category; every category is present, zeros included. */
  byCategory: Record<ChangeCategory, CategoryTotals>;
}

/** How one operation is addressed; the HTML puts the REST method and path beside the SOAP action. */
export interface OperationRow {
  name: string;
  /** Where the operation exists. */
  presence: 'both' | 'from' | 'to';
  soapAction?: string;
  rest?: { method: string; path: string };
}

export interface DiffReport {
  /** Version of this format; bumped only for incompatible changes. */
  formatVersion: 1;
  from: DiffSide;
  to: DiffSide;
  summary: DiffSummary;
  /** Every operation of either side, sorted by name. */
  operations: OperationRow[];
  /** Sorted by category (CATEGORIES order), then operation, type, field, kind, message. */
  changes: Change[];
}
