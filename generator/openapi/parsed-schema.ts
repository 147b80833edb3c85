import type { ServiceType } from '../model/types.ts';
import type { ParsedDiscriminator } from './parse-discriminator.ts';
import type { ForeignRequired } from './parse-properties.ts';

/**
 * One component schema as parsed, plus the places ./resolve-families.ts needs to check the
 * inheritance graph and point at errors. Only `type` goes into the model.
 */
export interface ParsedSchema {
  type: ServiceType;
  /** `#/components/schemas/<Name>` */
  pointer: string;
  /** Pointer of the `$ref` naming the base (subclasses only). */
  basePointer?: string;
  discriminator?: ParsedDiscriminator;
  /** `required` entries naming no own property: must be inherited ones. */
  foreignRequired: ForeignRequired[];
}
