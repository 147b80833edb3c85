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

export const EXTENSIONS: Record<string, (tag: string) => AdExtension> = {
  CalloutAdExtension: (t) => ({ Type: 'CalloutAdExtension', Text: `Free shipping ${t}` }),
  SitelinkAdExtension: (t) => ({
    Type: 'SitelinkAdExtension',
    DisplayText: `Sale ${t}`,
    Description1: 'Shoes',
    FinalUrls: ['https://example.com/sale'],
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
};
