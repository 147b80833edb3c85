/**
 * Realistic request and response values for the codec and cold-start benches, in the shape of
 * the generated types (int64 as strings, polymorphic members with `Type`). Deterministic:
 * values vary by index, never by chance, so every run encodes the same bytes.
 */

type Obj = Record<string, unknown>;

const ids = (base: bigint, n: number, step = 7n): string[] =>
  Array.from({ length: n }, (_, i) => String(base + BigInt(i) * step));
const stamp = (i: number) =>
  `2025-0${1 + (i % 9)}-1${i % 10}T0${i % 10}:1${i % 6}:2${i % 10}.${100 + (i % 900)}Z`;

// ---------------------------------------------------------------- customer-management

export const getUserRequest: Obj = { UserId: '150000123' };

export function getUserResponse(): Obj {
  return {
    User: {
      ContactInfo: {
        Address: {
          City: 'Redmond',
          CountryCode: 'US',
          Id: '80000001',
          Line1: 'One Microsoft Way',
          Line2: 'Building 92 & annex',
          PostalCode: '98052',
          StateOrProvince: 'WA',
          BusinessName: 'Contoso Ads <Northwest>',
        },
        ContactByPhone: false,
        ContactByPostalMail: true,
        Email: 'someone@contoso.example',
        EmailFormat: 'Html',
        Id: '80000002',
        Phone1: '+1 425 555 0100',
      },
      CustomerId: '251000001',
      Id: '150000123',
      JobTitle: 'Search marketing lead',
      LastModifiedByUserId: '150000001',
      LastModifiedTime: '2025-03-14T09:26:53.589Z',
      Lcid: 'EnglishUS',
      Name: { FirstName: 'Avery', LastName: 'Kim', MiddleInitial: 'J' },
      SecretQuestion: 'None',
      UserLifeCycleStatus: 'Active',
      TimeStamp: 'AAAAAAAZ2tM=',
      UserName: 'avery.kim@contoso.example',
      ForwardCompatibilityMap: [],
    },
    CustomerRoles: [
      {
        RoleId: 41,
        CustomerId: '251000001',
        AccountIds: ids(180000000n, 12),
        LinkedAccountIds: null,
      },
      {
        RoleId: 16,
        CustomerId: '251000777',
        AccountIds: ids(181000000n, 3),
        LinkedAccountIds: null,
      },
    ],
  };
}

export const searchAccountsRequest: Obj = {
  Predicates: [
    { Field: 'UserId', Operator: 'Equals', Value: '150000123' },
    { Field: 'AccountLifeCycleStatus', Operator: 'In', Value: 'Active,Pause' },
  ],
  Ordering: [{ Field: 'Name', Order: 'Ascending' }],
  PageInfo: { Index: 0, Size: 100 },
  ReturnAdditionalFields: ['TaxCertificate', 'AccountMode'],
};

const currencies = ['USD', 'EUR', 'GBP', 'CAD', 'AUD'];
const timeZones = [
  'PacificTimeUSCanadaTijuana',
  'EasternTimeUSCanada',
  'GreenwichMeanTimeDublinEdinburghLisbonLondon',
  'CanberraMelbourneSydney',
];

export function advertiserAccount(i: number): Obj {
  return {
    BillToCustomerId: '251000001',
    CurrencyCode: currencies[i % currencies.length],
    AccountFinancialStatus: 'ClearFinancialStatus',
    Id: String(180000000n + BigInt(i) * 7n),
    Language: 'English',
    LastModifiedByUserId: '150000123',
    LastModifiedTime: stamp(i),
    Name: `Contoso ${i % 3 === 0 ? 'Outdoor & Garden' : 'Retail'} account #${i}`,
    Number: `F1${String(100000 + i * 37)}`,
    ParentCustomerId: '251000001',
    PaymentMethodId: String(300000000 + i),
    PaymentMethodType: i % 4 === 0 ? 'Invoice' : 'CreditCard',
    PrimaryUserId: '150000123',
    AccountLifeCycleStatus: i % 10 === 9 ? 'Pause' : 'Active',
    TimeStamp: 'AAAAAAAZ2tM=',
    TimeZone: timeZones[i % timeZones.length],
    PauseReason: i % 10 === 9 ? 2 : null,
    ForwardCompatibilityMap: [],
    LinkedAgencies: i % 5 === 0 ? [{ Id: '252000001', Name: 'Fabrikam Agency' }] : [],
    SalesHouseCustomerId: null,
    TaxInformation: [{ key: 'VatNumber', value: `GB${123456789 + i}` }],
    BackUpPaymentInstrumentId: null,
    BillingThresholdAmount: null,
    BusinessAddress: {
      City: 'Seattle',
      CountryCode: 'US',
      Id: String(80000100 + i),
      Line1: `${100 + i} Pine Street`,
      PostalCode: '98101',
      StateOrProvince: 'WA',
      BusinessName: 'Contoso Ltd',
    },
    AutoTagType: 'Inactive',
    SoldToPaymentInstrumentId: null,
    AccountMode: 'Expert',
  };
}

export function searchAccountsResponse(n = 100): Obj {
  return { Accounts: Array.from({ length: n }, (_, i) => advertiserAccount(i)) };
}

// ---------------------------------------------------------------- campaign-management

export const getAdsByAdGroupIdRequest: Obj = {
  AdGroupId: '1300000000042',
  AdTypes: [
    'ResponsiveSearch',
    'ExpandedText',
    'Text',
    'DynamicSearch',
    'ResponsiveAd',
    'AppInstall',
    'Product',
  ],
  ReturnAdditionalFields: ['ImpressionTrackingUrls', 'LongHeadlines', 'Videos'],
};

const textAsset = (id: number, text: string, pinned?: string): Obj => ({
  Asset: { Type: 'TextAsset', Id: String(4000000000 + id), Name: null, Text: text },
  AssetPerformanceLabel: id % 3 === 0 ? 'Good' : 'Learning',
  EditorialStatus: 'Active',
  PinnedField: pinned ?? null,
});

function adFields(i: number): Obj {
  return {
    DevicePreference: '0',
    EditorialStatus: i % 17 === 0 ? 'Disapproved' : 'Active',
    FinalAppUrls: null,
    FinalMobileUrls: [`https://m.contoso.example/p/${i}`],
    FinalUrlSuffix: 'src=bing&utm_medium=cpc',
    FinalUrls: [`https://www.contoso.example/products/${i}?ref=ads&lang=en`],
    ForwardCompatibilityMap: [],
    Id: String(80000000000n + BigInt(i) * 13n),
    Status: i % 11 === 0 ? 'Paused' : 'Active',
    TrackingUrlTemplate: '{lpurl}?campaign={CampaignId}&adgroup={AdGroupId}',
    UrlCustomParameters: { Parameters: [{ Key: 'season', Value: i % 2 ? 'summer' : 'winter' }] },
  };
}

/** One ad of a mix close to a real account's: mostly responsive search ads, then the rest. */
export function ad(i: number): Obj {
  const base = adFields(i);
  switch (i % 10) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
      return {
        ...base,
        Type: 'ResponsiveSearch',
        Descriptions: [
          textAsset(i * 10, `Free shipping on orders over $50 & easy returns (${i})`),
          textAsset(i * 10 + 1, 'Shop the new season collection today.'),
        ],
        Domain: 'contoso.example',
        Headlines: [
          textAsset(i * 10 + 2, `Contoso Garden Tools ${i}`, 'Headline1'),
          textAsset(i * 10 + 3, 'Official Site'),
          textAsset(i * 10 + 4, 'Up to 30% off <today>'),
        ],
        Path1: 'garden',
        Path2: 'tools',
      };
    case 5:
    case 6:
      return {
        ...base,
        Type: 'ExpandedText',
        Domain: 'contoso.example',
        Path1: 'deals',
        Path2: null,
        Text: `Save big on garden tools. Order by 5pm for next-day delivery (${i}).`,
        TextPart2: 'Price match guarantee.',
        TitlePart1: 'Contoso Garden Tools',
        TitlePart2: 'Official Site',
        TitlePart3: null,
      };
    case 7:
      return {
        ...base,
        Type: 'DynamicSearch',
        Path1: 'shop',
        Path2: null,
        Text: 'Find what you need at Contoso.',
        TextPart2: 'Fast & free delivery.',
      };
    case 8:
      return {
        ...base,
        Type: 'ResponsiveAd',
        AdSubType: null,
        BusinessName: 'Contoso',
        CallToAction: 'ShopNow',
        CallToActionLanguage: 'English',
        Descriptions: [textAsset(i * 10 + 5, 'Everything for your garden.')],
        Headline: 'Contoso Garden',
        Headlines: [textAsset(i * 10 + 6, 'Spring sale')],
        Images: [
          {
            Asset: {
              Type: 'ImageAsset',
              Id: String(5000000000 + i),
              Name: 'hero',
              CropHeight: 628,
              CropWidth: 1200,
              CropX: 0,
              CropY: 0,
            },
            AssetPerformanceLabel: null,
            EditorialStatus: 'Active',
            PinnedField: null,
          },
        ],
        ImpressionTrackingUrls: [],
        LongHeadline: null,
        LongHeadlineString: 'Everything you need for a beautiful garden',
        LongHeadlines: null,
        Text: 'Shop garden tools and outdoor furniture.',
        Videos: null,
      };
    default:
      return i % 20 === 9
        ? {
            ...base,
            Type: 'AppInstall',
            AppPlatform: 'Android',
            AppStoreId: 'com.contoso.garden',
            Text: 'Get the app',
            Title: 'Contoso',
          }
        : { ...base, Type: 'Product', PromotionalText: 'Free shipping this week' };
  }
}

export function getAdsByAdGroupIdResponse(n = 1000): Obj {
  return { Ads: Array.from({ length: n }, (_, i) => ad(i)) };
}

export const getCampaignsByAccountIdRequest: Obj = {
  AccountId: '180000000',
  CampaignType: ['Search', 'Shopping'],
  ReturnAdditionalFields: null,
};

export function getCampaignsByAccountIdResponse(n = 5): Obj {
  return {
    Campaigns: Array.from({ length: n }, (_, i) => ({
      BiddingScheme: { Type: 'MaxClicks', MaxCpc: { Amount: 1.25 + i } },
      BudgetType: 'DailyBudgetStandard',
      DailyBudget: 50 + i * 10,
      Id: String(700000000 + i),
      Name: `Garden tools ${i}`,
      Status: 'Active',
      TimeZone: 'PacificTimeUSCanadaTijuana',
      CampaignType: ['Search'],
      Languages: ['English'],
    })),
  };
}
