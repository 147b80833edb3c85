/**
 * The merged model of one service (SOAP and REST joined by name): what the emitters read.
 * How it is made, and the rules behind each member, are in merge.ts.
 */
import type { AliasType, EnumType, Field, ObjectType, Operation, SpecSource } from './types.ts';

/** Which protocols carry a member: the runtime's type (runtime/src/descriptors.ts). */
export type { Protocols } from '../../runtime/src/descriptors.ts';
import type { Protocols } from '../../runtime/src/descriptors.ts';

export interface MergedField extends Field {
  protocols: Protocols;
  /** The REST property name when it differs from `name` (`Key` for SOAP's `key`). */
  restName?: string;
  /**
   * Whether REST allows null, present only when that differs from `nullable` (which is the
   * union of both specs): `false` on a shared field SOAP marks nillable and REST does not.
   */
  restNullable?: boolean;
  /** May be omitted (see the optionality rule in merge.ts). */
  optional: boolean;
  /**
   * True when `type` is SOAP's array of two-field Key/Value items (`KeyValueOfstringstring[]`)
   * and REST carries the same dictionary as one JSON object map (`{ "k": "v" }`): the type
   * keeps the SOAP structure, shared by both protocols, and the REST codecs convert (see
   * "Dictionaries" in merge.ts). Absent otherwise.
   */
  restMap?: boolean;
}

export interface MergedObjectType extends ObjectType {
  fields: MergedField[];
  protocols: Protocols;
  /**
   * Set on every member of a polymorphic family (a type with a base or with subtypes):
   * the literal its `Type` property carries. The REST discriminator value, else (a type REST
   * does not map) its own name. Absent for abstract types, which never appear as themselves.
   */
  typeValue?: string;
  /** The REST spec's name for this type when it differs (see "Same type, two names" in merge.ts). */
  restName?: string;
}

export interface MergedEnumType extends EnumType {
  protocols: Protocols;
  /** Values only one spec lists (the merged `values` has them all: SOAP order, then REST-only). */
  soapOnlyValues: string[];
  restOnlyValues: string[];
}

export interface MergedAliasType extends AliasType {
  protocols: Protocols;
}

export type MergedType = MergedObjectType | MergedEnumType | MergedAliasType;

export interface MergedOperation extends Operation {
  protocols: Protocols;
}

export interface MergedModel {
  service: string;
  /** SOAP service name (`CustomerManagementService`), else the REST title. */
  name: string;
  /** The WSDL targetNamespace. */
  namespace?: string;
  sources: { soap?: SpecSource; rest?: SpecSource };
  operations: MergedOperation[];
  types: MergedType[];
}
