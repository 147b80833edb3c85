/**
 * Fields Microsoft returns only when a Get asks for them in `ReturnAdditionalFields`: each
 * *AdditionalField enum value its documentation describes as "Request that the X element be
 * included within each returned Y object" where X is a field of Y. The store keeps every field
 * it was given; an answer leaves these out unless the request names their value, over SOAP
 * (space-separated flags) and REST (a list) alike.
 *
 * Values that select a bidding scheme or setting subtype, a field inside a nested object, or
 * newer enum values (`CpvCpmBiddingScheme`, `MaxConversionValueWithMaxCpc`,
 * `ActionTypesPhase3`, …) are not modelled: such fields come back as they were stored.
 */
import { valueSet } from './campaigns/context.ts';

type Entity = Record<string, unknown>;

export interface AdditionalField {
  /** The *AdditionalField enum value that asks for it. */
  value: string;
  /** The field it adds. */
  field: string;
  /** The schema types (`$type`) that have it; every item of the kind when absent. */
  types?: string[];
}

const plain = (...fields: string[]): AdditionalField[] =>
  fields.map((field) => ({ value: field, field }));

/** Per entity kind (Campaign Management's, and `Account`: an AdvertiserAccount). */
export const ADDITIONAL_FIELDS: Record<string, readonly AdditionalField[]> = {
  Campaign: plain(
    'AdScheduleUseSearcherTimeZone',
    'BidStrategyId',
    'DealIds',
    'MultimediaAdsBidAdjustment',
  ),
  AdGroup: plain(
    'AdGroupType',
    'AdScheduleUseSearcherTimeZone',
    'CommissionRate',
    'CpmBid',
    'CpvBid',
    'FrequencyCapSettings',
    'McpaBid',
    'MultimediaAdsBidAdjustment',
    'PercentCpcBid',
    'UseOptimizedTargeting',
    'UsePredictiveTargeting',
  ),
  Ad: ['ImpressionTrackingUrls', 'LongHeadlines', 'Videos'].map((field) => ({
    value: field,
    field,
    types: ['ResponsiveAd'],
  })),
  AdExtension: [
    ...['DisplayText', 'Images', 'Layouts', 'SourceType'].map((field) => ({
      value: field,
      field,
      types: ['ImageAdExtension'],
    })),
    {
      value: 'NewFilterLinkHeaders',
      field: 'AdExtensionHeaderType',
      types: ['FilterLinkAdExtension'],
    },
  ],
  Account: plain('AccountMode', 'TaxCertificate'),
};

/**
 * `entity` as a Get answers it: without the additional fields of `kind` that `requested`
 * (the request's ReturnAdditionalFields) does not name. A copy when something is left out.
 */
export function withRequestedFields(kind: string, entity: Entity, requested: unknown): Entity {
  const asked = valueSet(requested) ?? new Set<string>();
  const type = entity['$type'];
  let out = entity;
  for (const { value, field, types } of ADDITIONAL_FIELDS[kind] ?? []) {
    if (asked.has(value) || !(field in entity)) continue;
    if (types && !(typeof type === 'string' && types.includes(type))) continue;
    if (out === entity) out = { ...entity };
    delete out[field];
  }
  return out;
}
