/**
 * A small hand-made ServiceDescriptor covering what the codecs must handle: a polymorphic
 * family (Ad/TextAd/ResponsiveSearchAd) with `Type` values, DataContract arrays
 * (ArrayOflong in …/Serialization/Arrays, nested, nullable items, inline repeats), nullable
 * fields, a flags enum, int64/uint64/decimal, REST-only and SOAP-only fields, GetUser's
 * header list, and fault detail types.
 */
import type {
  FieldDescriptor,
  ServiceDescriptor,
  ValueDescriptor,
} from '../../../runtime/src/descriptors.ts';

export const TNS = 'https://bingads.microsoft.com/CampaignManagement/v13';
export const ENT = 'https://bingads.microsoft.com/CampaignManagement/v13/Entities';
export const ARR = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
export const ADAPI = 'https://adapi.microsoft.com';

const long: ValueDescriptor = { primitive: 'int64' };
const str: ValueDescriptor = { primitive: 'string' };
const int: ValueDescriptor = { primitive: 'int32' };

function f(
  name: string,
  value: ValueDescriptor,
  opts: Partial<FieldDescriptor> = {},
): FieldDescriptor {
  return {
    name,
    namespace: ENT,
    value,
    nullable: true,
    optional: true,
    protocols: 'both',
    ...opts,
  };
}
const arrayOfLong = (itemNullable = false): ValueDescriptor => ({
  array: long,
  itemName: 'long',
  itemNamespace: ARR,
  itemNullable,
});
const arrayOfString: ValueDescriptor = {
  array: str,
  itemName: 'string',
  itemNamespace: ARR,
  itemNullable: true,
};

const adFields: FieldDescriptor[] = [
  f('DevicePreference', long),
  f('EditorialStatus', { type: 'AdEditorialStatus' }),
  f('FinalUrls', arrayOfString),
  f('ForwardCompatibilityMap', str, { protocols: 'soap' }),
  f('Id', long),
  f('Status', { type: 'AdStatus' }),
  f('Type', { type: 'AdType' }),
];

const requestField = (name: string, value: ValueDescriptor, opts: Partial<FieldDescriptor> = {}) =>
  f(name, value, { namespace: TNS, ...opts });

const headers = [
  'Action',
  'AuthenticationToken',
  'DeveloperToken',
  'CustomerId',
  'CustomerAccountId',
].map((name) => ({
  name,
  namespace: TNS,
}));

function soap(name: string, faults = ['AdApiFaultDetail', 'ApiFaultDetail']) {
  return {
    action: name,
    requestElement: { name: `${name}Request`, namespace: TNS },
    responseElement: { name: `${name}Response`, namespace: TNS },
    requestHeaders: headers,
    responseHeaders: [{ name: 'TrackingId', namespace: TNS }],
    faults,
  };
}

export const service: ServiceDescriptor = {
  id: 'campaign-management',
  name: 'CampaignManagementService',
  soap: {
    path: '/Api/Advertiser/CampaignManagement/v13/CampaignManagementService.svc',
    namespace: TNS,
  },
  rest: { basePath: '/CampaignManagement/v13' },
  operations: {
    GetUser: {
      name: 'GetUser',
      request: 'GetUserRequest',
      response: 'GetUserResponse',
      soap: soap('GetUser'),
      rest: {
        method: 'POST',
        path: '/CampaignManagement/v13/User/Query',
        faults: ['ApplicationFault'],
      },
    },
    AddAds: {
      name: 'AddAds',
      request: 'AddAdsRequest',
      response: 'AddAdsResponse',
      soap: soap('AddAds'),
      rest: { method: 'POST', path: '/CampaignManagement/v13/Ads', faults: ['ApplicationFault'] },
    },
    GetAdsByIds: {
      name: 'GetAdsByIds',
      request: 'GetAdsByIdsRequest',
      response: 'GetAdsByIdsResponse',
      soap: soap('GetAdsByIds'),
      rest: {
        method: 'POST',
        path: '/CampaignManagement/v13/Ads/QueryByIds',
        faults: ['ApplicationFault'],
      },
    },
    GetCurrentUser: {
      name: 'GetCurrentUser',
      response: 'GetUserResponse',
      soap: { ...soap('GetCurrentUser'), requestHeaders: headers.slice(0, 3) },
      rest: {
        method: 'POST',
        path: '/CampaignManagement/v13/CurrentUser/Query',
        faults: ['ApplicationFault'],
      },
    },
    /** Request and response are the same element and type: encode's output decodes back. */
    Echo: {
      name: 'Echo',
      request: 'Sample',
      response: 'Sample',
      soap: {
        ...soap('Echo'),
        requestElement: { name: 'Sample', namespace: TNS },
        responseElement: { name: 'Sample', namespace: TNS },
      },
      rest: { method: 'POST', path: '/CampaignManagement/v13/Echo', faults: [] },
    },
  },
  types: {
    GetUserRequest: {
      kind: 'object',
      name: 'GetUserRequest',
      namespace: TNS,
      fields: [requestField('UserId', long)],
      abstract: false,
      protocols: 'both',
    },
    GetUserResponse: {
      kind: 'object',
      name: 'GetUserResponse',
      namespace: TNS,
      fields: [
        requestField('User', { type: 'User' }),
        requestField('CustomerRoles', arrayOfLong()),
      ],
      abstract: false,
      protocols: 'both',
    },
    User: {
      kind: 'object',
      name: 'User',
      namespace: ENT,
      fields: [
        f('Id', long),
        f('Name', str),
        f('IsActive', { primitive: 'boolean' }),
        f('Timestamp', { primitive: 'base64' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    AddAdsRequest: {
      kind: 'object',
      name: 'AddAdsRequest',
      namespace: TNS,
      fields: [
        requestField('AdGroupId', long, { nullable: false, optional: false }),
        requestField('Ads', { array: { type: 'Ad' }, itemName: 'Ad', itemNamespace: ENT }),
      ],
      abstract: false,
      protocols: 'both',
    },
    AddAdsResponse: {
      kind: 'object',
      name: 'AddAdsResponse',
      namespace: TNS,
      fields: [requestField('AdIds', arrayOfLong(true))],
      abstract: false,
      protocols: 'both',
    },
    GetAdsByIdsRequest: {
      kind: 'object',
      name: 'GetAdsByIdsRequest',
      namespace: TNS,
      fields: [
        requestField('AdGroupId', long, { nullable: false }),
        requestField('AdIds', arrayOfLong()),
      ],
      abstract: false,
      protocols: 'both',
    },
    GetAdsByIdsResponse: {
      kind: 'object',
      name: 'GetAdsByIdsResponse',
      namespace: TNS,
      fields: [
        requestField('Ads', {
          array: { type: 'Ad' },
          itemName: 'Ad',
          itemNamespace: ENT,
          itemNullable: true,
        }),
      ],
      abstract: false,
      protocols: 'both',
    },
    Ad: {
      kind: 'object',
      name: 'Ad',
      namespace: ENT,
      fields: adFields,
      abstract: true,
      family: { Text: 'TextAd', ResponsiveSearch: 'ResponsiveSearchAd' },
      protocols: 'both',
    },
    TextAd: {
      kind: 'object',
      name: 'TextAd',
      namespace: ENT,
      base: 'Ad',
      fields: [...adFields, f('Text', str), f('Title', str)],
      abstract: false,
      typeValue: 'Text',
      protocols: 'both',
    },
    ResponsiveSearchAd: {
      kind: 'object',
      name: 'ResponsiveSearchAd',
      namespace: ENT,
      base: 'Ad',
      fields: [
        ...adFields,
        f('Headlines', { array: { type: 'AssetLink' }, itemName: 'AssetLink', itemNamespace: ENT }),
        f('Path1', str),
        f('Bid', { primitive: 'decimal' }),
        f('RestOnlyNote', str, { protocols: 'rest', namespace: undefined }),
      ],
      abstract: false,
      typeValue: 'ResponsiveSearch',
      protocols: 'both',
    },
    AssetLink: {
      kind: 'object',
      name: 'AssetLink',
      namespace: ENT,
      fields: [f('Asset', str), f('PinnedField', str)],
      abstract: false,
      protocols: 'both',
    },
    AdStatus: {
      kind: 'enum',
      name: 'AdStatus',
      namespace: ENT,
      flags: false,
      values: ['Active', 'Paused', 'Deleted'],
    },
    AdType: {
      kind: 'enum',
      name: 'AdType',
      namespace: ENT,
      flags: false,
      values: ['Text', 'ResponsiveSearch'],
    },
    AdEditorialStatus: {
      kind: 'enum',
      name: 'AdEditorialStatus',
      namespace: ENT,
      flags: false,
      values: ['Active', 'Disapproved'],
    },
    AdDistribution: {
      kind: 'enum',
      name: 'AdDistribution',
      namespace: ENT,
      flags: true,
      values: ['Search', 'Audience', 'Content'],
    },
    Guid: {
      kind: 'alias',
      name: 'Guid',
      namespace: 'http://schemas.microsoft.com/2003/10/Serialization/',
      target: { primitive: 'guid' },
    },
    /** Every value kind at once, for exact-XML, round-trip and property tests. */
    Sample: {
      kind: 'object',
      name: 'Sample',
      namespace: TNS,
      fields: [
        requestField('Id', long, { nullable: false }),
        requestField('BigId', { primitive: 'uint64' }),
        requestField('Amount', { primitive: 'decimal' }),
        requestField('Score', { primitive: 'double' }),
        requestField('Priority', int),
        requestField('Enabled', { primitive: 'boolean' }),
        requestField('Name', str),
        requestField('When', { primitive: 'dateTime' }),
        requestField('Key', { type: 'Guid' }),
        requestField('Distribution', { type: 'AdDistribution' }),
        requestField('Ids', arrayOfLong(true)),
        requestField('IdGroups', {
          array: arrayOfLong(),
          itemName: 'ArrayOflong',
          itemNamespace: ARR,
        }),
        requestField('Labels', { array: str, inline: true }),
        requestField('Names', arrayOfString),
        requestField('Ad', { type: 'Ad' }),
        requestField('Status', { type: 'AdStatus' }, { nullable: false }),
        requestField('Tree', { type: 'Tree' }),
        requestField('Goal', { type: 'Goal' }),
        requestField('RestOnly', str, { protocols: 'rest', namespace: undefined }),
        requestField('SoapOnly', str, { protocols: 'soap' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    /** A family whose SOAP `Type` field is a flags enum, like ConversionGoal. */
    GoalType: {
      kind: 'enum',
      name: 'GoalType',
      namespace: ENT,
      flags: true,
      values: ['Url', 'Event'],
    },
    Goal: {
      kind: 'object',
      name: 'Goal',
      namespace: ENT,
      fields: [f('Name', str), f('Type', { type: 'GoalType' })],
      abstract: true,
      family: { Url: 'UrlGoal', Event: 'EventGoal' },
      protocols: 'both',
    },
    UrlGoal: {
      kind: 'object',
      name: 'UrlGoal',
      namespace: ENT,
      base: 'Goal',
      fields: [f('Name', str), f('Type', { type: 'GoalType' }), f('UrlExpression', str)],
      abstract: false,
      typeValue: 'Url',
      protocols: 'both',
    },
    EventGoal: {
      kind: 'object',
      name: 'EventGoal',
      namespace: ENT,
      base: 'Goal',
      fields: [
        f('Name', str),
        f('Type', { type: 'GoalType' }),
        f('Value', { primitive: 'decimal' }),
      ],
      abstract: false,
      typeValue: 'Event',
      protocols: 'both',
    },
    /** A recursive type. */
    Tree: {
      kind: 'object',
      name: 'Tree',
      namespace: TNS,
      fields: [requestField('Label', str), requestField('Child', { type: 'Tree' })],
      abstract: false,
      protocols: 'both',
    },
    ApplicationFault: {
      kind: 'object',
      name: 'ApplicationFault',
      namespace: ADAPI,
      fields: [f('TrackingId', str, { namespace: ADAPI })],
      abstract: false,
      typeValue: 'ApplicationFault',
      family: {
        ApplicationFault: 'ApplicationFault',
        AdApiFaultDetail: 'AdApiFaultDetail',
        ApiFaultDetail: 'ApiFaultDetail',
      },
      protocols: 'both',
    },
    AdApiFaultDetail: {
      kind: 'object',
      name: 'AdApiFaultDetail',
      namespace: ADAPI,
      base: 'ApplicationFault',
      fields: [
        f('TrackingId', str, { namespace: ADAPI }),
        f(
          'Errors',
          { array: { type: 'AdApiError' }, itemName: 'AdApiError', itemNamespace: ADAPI },
          { namespace: ADAPI },
        ),
      ],
      abstract: false,
      typeValue: 'AdApiFaultDetail',
      protocols: 'both',
    },
    AdApiError: {
      kind: 'object',
      name: 'AdApiError',
      namespace: ADAPI,
      fields: [
        f('Code', int, { namespace: ADAPI, nullable: false }),
        f('Detail', str, { namespace: ADAPI }),
        f('ErrorCode', str, { namespace: ADAPI }),
        f('Message', str, { namespace: ADAPI }),
      ],
      abstract: false,
      protocols: 'both',
    },
    ApiFaultDetail: {
      kind: 'object',
      name: 'ApiFaultDetail',
      namespace: TNS,
      base: 'ApplicationFault',
      fields: [
        f('TrackingId', str, { namespace: ADAPI }),
        f(
          'BatchErrors',
          { array: { type: 'BatchError' }, itemName: 'BatchError', itemNamespace: TNS },
          { namespace: TNS },
        ),
      ],
      abstract: false,
      typeValue: 'ApiFaultDetail',
      protocols: 'both',
    },
    BatchError: {
      kind: 'object',
      name: 'BatchError',
      namespace: TNS,
      fields: [
        f('Code', int, { namespace: TNS, nullable: false }),
        f('ErrorCode', str, { namespace: TNS }),
        f('Index', int, { namespace: TNS, nullable: false }),
        f('Message', str, { namespace: TNS }),
      ],
      abstract: false,
      protocols: 'both',
    },
  },
};

export const op = (name: keyof typeof service.operations & string) => service.operations[name]!;

export const credentials = {
  AuthenticationToken: 'secret-access-token',
  DeveloperToken: 'BBD37VB98',
  CustomerId: '123',
  CustomerAccountId: '456',
};
