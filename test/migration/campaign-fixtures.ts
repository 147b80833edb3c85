/**
 * One valid item per stateful Campaign Management entity (and per Ad subtype), as a user of
 * the generated client writes them. Names carry a tag so items of different runs differ.
 */
import type {
  Ad,
  AdExtension,
  AdGroup,
  Budget,
  Campaign,
  Keyword,
  Label,
  Schedule,
} from '../../generated/campaign-management/dist/index.js';

export const budget = (tag: string): Budget => ({
  Name: `Budget ${tag}`,
  Amount: '50',
  BudgetType: 'DailyBudgetStandard',
});

export const campaign = (tag: string): Campaign => ({
  Name: `Campaign ${tag}`,
  BudgetType: 'DailyBudgetStandard',
  DailyBudget: 25,
  TimeZone: 'PacificTimeUSCanadaTijuana',
  CampaignType: ['Search'],
  Status: 'Paused',
});

export const adGroup = (tag: string): AdGroup => ({
  Name: `Ad group ${tag}`,
  StartDate: { Day: 1, Month: 7, Year: 2027 },
  CpcBid: { Amount: 1.25 },
  Language: 'English',
});

export const keyword = (tag: string): Keyword => ({
  Text: `running shoes ${tag}`,
  MatchType: 'Exact',
  Bid: { Amount: 0.75 },
});

export const label = (tag: string): Label => ({
  Name: `Label ${tag}`,
  ColorCode: '#FF0000',
  Description: 'made by the migration tests',
});

const urls = { FinalUrls: ['https://example.com/shoes'] };

/** One ad of every subtype the Ad family has. */
export const ADS: Record<string, (tag: string) => Ad> = {
  Text: (t) => ({
    Type: 'Text',
    Title: `Shoes ${t}`,
    Text: 'Good shoes',
    DisplayUrl: 'example.com',
    ...urls,
  }),
  Product: (t) => ({ Type: 'Product', PromotionalText: `Sale ${t}` }),
  Hotel: () => ({ Type: 'Hotel' }),
  AppInstall: (t) => ({
    Type: 'AppInstall',
    AppPlatform: 'Android',
    AppStoreId: 'com.example',
    Title: `App ${t}`,
    Text: 'Install it',
    ...urls,
  }),
  ExpandedText: (t) => ({
    Type: 'ExpandedText',
    TitlePart1: `Shoes ${t}`,
    TitlePart2: 'On sale',
    Text: 'Good shoes',
    Path1: 'shoes',
    ...urls,
  }),
  DynamicSearch: (t) => ({
    Type: 'DynamicSearch',
    Text: `Dynamic ${t}`,
    TextPart2: 'More',
    Path1: 'shoes',
  }),
  ResponsiveAd: (t) => ({
    Type: 'ResponsiveAd',
    BusinessName: 'Example',
    Headline: `Shoes ${t}`,
    LongHeadlineString: 'Great shoes for running',
    Text: 'Good shoes',
    ...urls,
  }),
  ResponsiveSearch: (t) => ({
    Type: 'ResponsiveSearch',
    Headlines: [
      { Asset: { Type: 'TextAsset', Text: `Shoes ${t}` }, PinnedField: 'Headline1' },
      { Asset: { Type: 'TextAsset', Text: 'On sale' } },
    ],
    Descriptions: [{ Asset: { Type: 'TextAsset', Text: 'Good shoes' } }],
    ...urls,
  }),
};

const schedule: Schedule = {
  DayTimeRanges: [
    { Day: 'Monday', StartHour: 9, StartMinute: 'Zero', EndHour: 17, EndMinute: 'Thirty' },
  ],
  StartDate: { Day: 1, Month: 7, Year: 2027 },
  EndDate: null,
  UseSearcherTimeZone: false,
};
const customParameters = { Parameters: [{ Key: 'season', Value: 'summer' }] };

/**
 * One ad extension of every subtype of the AdExtension family (the test checks the table
 * against the descriptor's family), each with the fields of its own and some nested objects
 * (addresses, dates, schedules, custom parameters, key/value maps) so a round trip covers
 * their wire shapes too. Callout and Sitelink come first: the association tests use them.
 */
export const EXTENSIONS: Record<string, (tag: string) => AdExtension> = {
  CalloutAdExtension: (t) => ({ Type: 'CalloutAdExtension', Text: `Free shipping ${t}` }),
  SitelinkAdExtension: (t) => ({
    Type: 'SitelinkAdExtension',
    DisplayText: `Sale ${t}`,
    Description1: 'Shoes',
    FinalUrls: ['https://example.com/sale'],
    UrlCustomParameters: customParameters,
    Scheduling: schedule,
  }),
  StructuredSnippetAdExtension: () => ({
    Type: 'StructuredSnippetAdExtension',
    Header: 'Brands',
    Values: ['Acme', 'Globex', 'Initech'],
  }),
  CallAdExtension: () => ({
    Type: 'CallAdExtension',
    CountryCode: 'US',
    PhoneNumber: '555-0100',
    IsCallOnly: false,
  }),
  LocationAdExtension: (t) => ({
    Type: 'LocationAdExtension',
    CompanyName: `Shoe shop ${t}`,
    PhoneNumber: '555-0101',
    Address: {
      StreetAddress: '1 Main St',
      CityName: 'Redmond',
      ProvinceCode: 'WA',
      PostalCode: '98052',
      CountryCode: 'US',
    },
    GeoPoint: { LatitudeInMicroDegrees: 47674000, LongitudeInMicroDegrees: -122121000 },
  }),
  ImageAdExtension: (t) => ({
    Type: 'ImageAdExtension',
    AlternativeText: `Shoes ${t}`,
    DisplayText: 'Shoes',
    ImageMediaIds: ['9007199254740993'],
    Layouts: ['Square'],
    FinalUrls: ['https://example.com/shoes'],
  }),
  AppAdExtension: (t) => ({
    Type: 'AppAdExtension',
    AppPlatform: 'Android',
    AppStoreId: 'com.example.shoes',
    DisplayText: `Our app ${t}`,
    FinalUrls: ['https://example.com/app'],
  }),
  ReviewAdExtension: () => ({
    Type: 'ReviewAdExtension',
    IsExact: true,
    Source: 'Shoe Weekly',
    Text: 'The best shoes',
    Url: 'https://example.com/review',
  }),
  ActionAdExtension: () => ({
    Type: 'ActionAdExtension',
    ActionType: 'BookNow',
    FinalUrls: ['https://example.com/book'],
    Language: 'English',
  }),
  PriceAdExtension: () => ({
    Type: 'PriceAdExtension',
    PriceExtensionType: 'Brands',
    Language: 'English',
    TableRows: [1, 2, 3].map((n) => ({
      Header: `Model ${n}`,
      Description: 'Running shoe',
      CurrencyCode: 'USD',
      Price: 50 + n,
      PriceQualifier: 'From',
      PriceUnit: 'None',
      FinalUrls: [`https://example.com/model-${n}`],
    })),
  }),
  PromotionAdExtension: (t) => ({
    Type: 'PromotionAdExtension',
    PromotionItem: `Shoes ${t}`,
    PercentOff: 20,
    DiscountModifier: 'UpTo',
    PromotionOccasion: 'BackToSchool',
    PromotionStartDate: { Day: 1, Month: 8, Year: 2027 },
    PromotionEndDate: { Day: 31, Month: 8, Year: 2027 },
    Language: 'English',
    FinalUrls: ['https://example.com/promo'],
  }),
  FilterLinkAdExtension: () => ({
    Type: 'FilterLinkAdExtension',
    AdExtensionHeaderType: 'Brands',
    Texts: ['Acme', 'Globex', 'Initech'],
    Language: 'English',
    FinalUrls: ['https://example.com/brands'],
  }),
  FlyerAdExtension: (t) => ({
    Type: 'FlyerAdExtension',
    FlyerName: `Flyer ${t}`,
    Description: 'This week',
    ImageMediaIds: ['9007199254740995'],
    StoreId: '9007199254740997',
    FinalUrls: ['https://example.com/flyer'],
  }),
  VideoAdExtension: (t) => ({
    Type: 'VideoAdExtension',
    Name: `Video ${t}`,
    DisplayText: 'Watch',
    ActionText: 'Shop now',
    AlternativeText: 'Shoes running',
    VideoId: '9007199254740999',
    FinalUrls: ['https://example.com/video'],
  }),
  DisclaimerAdExtension: (t) => ({
    Type: 'DisclaimerAdExtension',
    Name: `Disclaimer ${t}`,
    DisclaimerLayout: 'LineText',
    LineText: 'Terms apply',
    FinalUrls: ['https://example.com/terms'],
  }),
  LogoAdExtension: (t) => ({
    Type: 'LogoAdExtension',
    BusinessName: `Shoes ${t}`,
    DomainName: 'example.com',
    BusinessLogo: '9007199254741001',
  }),
  DataTableAdExtension: (t) => ({
    Type: 'DataTableAdExtension',
    Name: `Sizes ${t}`,
    NameUrl: 'https://example.com/sizes',
  }),
  LeadFormAdExtension: (t) => ({
    Type: 'LeadFormAdExtension',
    ActionName: `Sign up ${t}`,
    CallToAction: 'ContactUs',
    FormHeadline: 'Get news',
    FormBusinessName: 'Shoes',
    FormDescription: 'News about shoes',
    FormPolicyUrl: 'https://example.com/policy',
    ConfirmationAction: 'VisitWebsite',
    ConfirmationUrl: 'https://example.com/thanks',
    LeadDelivery: 'Email',
    LeadEmails: 'leads@example.com',
    Language: 'English',
  }),
  NewsAdExtension: (t) => ({
    Type: 'NewsAdExtension',
    Name: `News ${t}`,
    SourceUrl: 'https://example.com/news',
    Priority: 1,
  }),
};
