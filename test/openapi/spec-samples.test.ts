import { afterAll, describe, expect, it } from 'vitest';
import { fieldNamed, objectNamed, typeNamed } from './helpers.ts';
import { TABLE, countRawInt64, load, reportParseTimes } from './real-specs.ts';

afterAll(reportParseTimes);

describe('sampled facts', () => {
  it('customer-management: GetUserRequest.UserId is a nullable int64', () => {
    const { model } = load('customer-management');
    expect(fieldNamed(objectNamed(model.types, 'GetUserRequest'), 'UserId')).toEqual({
      name: 'UserId',
      type: { kind: 'primitive', primitive: 'int64' },
      minOccurs: 0,
      maxOccurs: 1,
      nullable: true,
    });
    const getUser = model.operations.find((o) => o.name === 'GetUser');
    expect(getUser).toMatchObject({
      request: 'GetUserRequest',
      response: 'GetUserResponse',
      rest: { method: 'POST', path: '/CustomerManagement/v13/User/Query' },
    });
  });

  it('customer-management: AdvertiserAccount fields', () => {
    const account = objectNamed(load('customer-management').model.types, 'AdvertiserAccount');
    expect(account.fields.map((f) => f.name)).toEqual([
      'BillToCustomerId',
      'CurrencyCode',
      'AccountFinancialStatus',
      'Id',
      'Language',
      'LastModifiedByUserId',
      'LastModifiedTime',
      'Name',
      'Number',
      'ParentCustomerId',
      'PaymentMethodId',
      'PaymentMethodType',
      'PrimaryUserId',
      'AccountLifeCycleStatus',
      'TimeStamp',
      'TimeZone',
      'PauseReason',
      'ForwardCompatibilityMap',
      'LinkedAgencies',
      'SalesHouseCustomerId',
      'TaxInformation',
      'BackUpPaymentInstrumentId',
      'BillingThresholdAmount',
      'BusinessAddress',
      'AutoTagType',
      'SoldToPaymentInstrumentId',
      'TaxCertificate',
      'AccountMode',
    ]);
    const f = (n: string) => fieldNamed(account, n);
    expect([f('ParentCustomerId').type, f('ParentCustomerId').nullable]).toEqual([
      { kind: 'primitive', primitive: 'int64' },
      false,
    ]);
    expect([f('Id').type, f('Id').nullable]).toEqual([
      { kind: 'primitive', primitive: 'int64' },
      true,
    ]);
    expect(f('CurrencyCode').type).toEqual({ kind: 'named', name: 'CurrencyCode' });
    expect(typeNamed(load('customer-management').model.types, 'CurrencyCode').kind).toBe('enum');
    expect([f('BusinessAddress').type, f('BusinessAddress').nullable]).toEqual([
      { kind: 'named', name: 'Address' },
      true,
    ]);
    expect(f('TimeStamp').type).toEqual({ kind: 'primitive', primitive: 'base64' });
    expect(f('PauseReason').type).toEqual({ kind: 'primitive', primitive: 'uint8' });
    expect(f('LastModifiedTime').type).toEqual({ kind: 'primitive', primitive: 'dateTime' });
    expect(f('BillingThresholdAmount').type).toEqual({ kind: 'primitive', primitive: 'double' });
    expect(f('LinkedAgencies').type).toEqual({
      kind: 'array',
      items: { kind: 'named', name: 'CustomerInfo' },
    });
  });

  it('customer-management: ClientLink has ClientEntityCustomerNumber and a plain Type field', () => {
    const link = objectNamed(load('customer-management').model.types, 'ClientLink');
    expect(fieldNamed(link, 'ClientEntityCustomerNumber')).toMatchObject({
      type: { kind: 'primitive', primitive: 'string' },
      nullable: true,
    });
    expect(fieldNamed(link, 'Type').type).toEqual({ kind: 'primitive', primitive: 'string' });
    expect(link.discriminator).toBeUndefined();
    expect(link.abstract).toBe(false);
  });

  it('customer-management: the three request-less operations and seven without response model', () => {
    const ops = load('customer-management').model.operations;
    expect(ops.filter((o) => !o.request).map((o) => o.name)).toEqual([
      'GetCurrentUser',
      'GetPilotFeaturesCountries',
      'GetUserMFAStatus',
    ]);
    const noResponse = ops.filter((o) => !o.response);
    expect(noResponse.map((o) => o.name).sort()).toEqual([
      'DeleteAccount',
      'DeleteCustomer',
      'DeleteUser',
      'DismissNotifications',
      'MapAccountIdToExternalAccountIds',
      'MapCustomerIdToExternalCustomerId',
      'UpgradeCustomerToAgency',
    ]);
    for (const op of noResponse)
      expect(op.rest?.responses).toEqual([
        { status: '200', type: { kind: 'primitive', primitive: 'any' } },
      ]);
  });

  it('all six: 7 request-less operations and 9 without response model in total', () => {
    const all = Object.keys(TABLE).flatMap((id) => load(id).model.operations);
    expect(all.filter((o) => !o.request)).toHaveLength(7);
    expect(all.filter((o) => !o.response)).toHaveLength(9);
  });

  it('campaign-management: ResponsiveSearchAd extends Ad with value ResponsiveSearch; Ad is abstract', () => {
    const types = load('campaign-management').model.types;
    expect(objectNamed(types, 'ResponsiveSearchAd')).toMatchObject({
      base: 'Ad',
      discriminatorValue: 'ResponsiveSearch',
      abstract: false,
    });
    const ad = objectNamed(types, 'Ad');
    expect(ad.abstract).toBe(true);
    expect(ad.discriminator?.property).toBe('Type');
    expect(ad.discriminator?.mapping).toEqual({
      AppInstall: 'AppInstallAd',
      DynamicSearch: 'DynamicSearchAd',
      ExpandedText: 'ExpandedTextAd',
      Hotel: 'HotelAd',
      Product: 'ProductAd',
      ResponsiveAd: 'ResponsiveAd',
      ResponsiveSearch: 'ResponsiveSearchAd',
      Text: 'TextAd',
    });
    expect(fieldNamed(ad, 'Type').type).toEqual({ kind: 'named', name: 'AdType' });
  });

  it('campaign-management: BatchError is a concrete base with value BatchError', () => {
    const types = load('campaign-management').model.types;
    const batchError = objectNamed(types, 'BatchError');
    expect(batchError).toMatchObject({ abstract: false, discriminatorValue: 'BatchError' });
    expect(batchError.discriminator?.mapping).toEqual({
      BatchError: 'BatchError',
      EditorialError: 'EditorialError',
    });
    expect(objectNamed(types, 'EditorialError')).toMatchObject({
      base: 'BatchError',
      discriminatorValue: 'EditorialError',
    });
    expect(
      fieldNamed(objectNamed(types, 'GetMediaAssociationsResponse'), 'MediaAssociations').type,
    ).toEqual({
      kind: 'array',
      items: { kind: 'array', items: { kind: 'named', name: 'MediaAssociation' } },
    });
  });

  it('campaign-management: SharedList is a concrete SharedEntity with its own list family', () => {
    const types = load('campaign-management').model.types;
    const sharedList = objectNamed(types, 'SharedList');
    expect(sharedList).toMatchObject({
      base: 'SharedEntity',
      discriminatorValue: 'SharedList',
      abstract: false,
    });
    expect(Object.keys(sharedList.discriminator?.mapping ?? {})).toHaveLength(7);
    expect(objectNamed(types, 'NegativeKeywordList')).toMatchObject({
      base: 'SharedList',
      discriminatorValue: 'NegativeKeywordList',
    });
  });

  it('campaign-management: the one map (AuditPointResult.Details) is a string → string MapRef', () => {
    const details = fieldNamed(
      objectNamed(load('campaign-management').model.types, 'AuditPointResult'),
      'Details',
    );
    expect(details).toMatchObject({
      type: { kind: 'map', values: { kind: 'primitive', primitive: 'string' } },
      nullable: true,
    });
    expect(details.doc).toBeUndefined();
  });

  it('ad-insight: RecommendationBase is its own family; Recommendation and it stay abstract', () => {
    const types = load('ad-insight').model.types;
    const rb = objectNamed(types, 'RecommendationBase');
    expect(rb.base).toBeUndefined();
    expect(rb.abstract).toBe(true);
    expect(Object.values(rb.discriminator?.mapping ?? {})).toContain('KeywordRecommendation');
    expect(objectNamed(types, 'Recommendation').abstract).toBe(true);
    expect(objectNamed(types, 'KeywordOpportunity')).toMatchObject({
      abstract: false,
      discriminatorValue: 'KeywordOpportunity',
    });
  });

  it('flags enums', () => {
    const cm = load('customer-management').model.types;
    expect(typeNamed(cm, 'AccountAdditionalField')).toMatchObject({ kind: 'enum', flags: true });
    expect((typeNamed(cm, 'AccountAdditionalField') as { values: string[] }).values).toHaveLength(
      4,
    );
    expect(typeNamed(load('bulk').model.types, 'DataScope')).toMatchObject({
      kind: 'enum',
      flags: true,
    });
    expect(typeNamed(cm, 'CurrencyCode')).toMatchObject({ kind: 'enum', flags: false });
  });

  it('int64 kinds: every string/int64 property and item is int64, never string', () => {
    let int64 = 0;
    for (const id of Object.keys(TABLE)) {
      for (const t of load(id).model.types) {
        if (t.kind !== 'object') continue;
        for (const f of t.fields) {
          const bottom = f.type.kind === 'array' ? f.type.items : f.type;
          if (bottom.kind === 'primitive' && bottom.primitive === 'int64') int64++;
        }
      }
    }
    expect(int64).toBe(countRawInt64());
    expect(int64).toBeGreaterThan(500);
  });
});
