import { bulkColumns } from './entity-columns.ts';

/**
 * A generated account as Bulk file rows (header first): the Format Version and Account records,
 * then campaigns, each with a callout extension association, ad groups, keywords and responsive
 * search ads, until about `rows` rows. Deterministic for a given size. With `bidSuggestions`
 * each keyword is followed by a Keyword Best Position Bid row, a Type the reference gives no
 * column list for (readers keep such rows as untyped records).
 */

export interface AccountFileOptions {
  accountId: string;
  rows: number;
  bidSuggestions?: boolean;
}

const TYPES = [
  'Format Version',
  'Account',
  'Budget',
  'Campaign',
  'Callout Ad Extension',
  'Campaign Callout Ad Extension',
  'Ad Group',
  'Keyword',
  'Responsive Search Ad',
  'Campaign Negative Keyword',
];

export function accountFileHeader(): string[] {
  const columns = new Set<string>(['Type']);
  const known = bulkColumns();
  for (const t of TYPES) for (const c of known.get(t) ?? []) columns.add(c.name);
  columns.add('Bid Suggestion');
  return [...columns];
}

export function* accountFileRows(opts: AccountFileOptions): Generator<string[]> {
  const header = accountFileHeader();
  const at = new Map(header.map((h, i) => [h, i]));
  const row = (type: string, cells: Record<string, string>): string[] => {
    const out = new Array<string>(header.length).fill('');
    out[0] = type;
    for (const [k, v] of Object.entries(cells)) {
      const i = at.get(k);
      if (i === undefined) throw new Error(`mock bulk file: no column ${k}`);
      out[i] = v;
    }
    return out;
  };
  yield header;
  yield row('Format Version', { Name: '6.0' });
  yield row('Account', {
    Id: opts.accountId,
    'Parent Id': '1',
    'Sync Time': '11/12/2026 10:00:00',
  });
  let count = 2;
  let id = 1_000_000_000_000;
  const budgetId = String(++id);
  yield row('Budget', {
    Id: budgetId,
    'Parent Id': opts.accountId,
    'Budget Name': 'Shared budget',
    Budget: '150.25',
    'Budget Type': 'DailyBudgetStandard',
    Status: 'Active',
  });
  count++;
  for (let c = 1; count < opts.rows; c++) {
    const campaignId = String(++id);
    const campaign = `Campaign ${c}`;
    yield row('Campaign', {
      Id: campaignId,
      'Parent Id': opts.accountId,
      Campaign: campaign,
      Status: c % 5 === 0 ? 'Paused' : 'Active',
      Budget: `${50 + c}.5`,
      'Budget Type': 'DailyBudgetStandard',
      'Campaign Type': 'Search',
      Language: 'English; French',
      'Bid Strategy Type': 'EnhancedCpc',
    });
    const calloutId = String(++id);
    yield row('Callout Ad Extension', {
      Id: calloutId,
      'Parent Id': opts.accountId,
      Status: 'Active',
      'Callout Text': `Free shipping ${c}`,
    });
    yield row('Campaign Callout Ad Extension', {
      Id: calloutId,
      'Parent Id': campaignId,
      Campaign: campaign,
      Status: 'Active',
    });
    yield row('Campaign Negative Keyword', {
      Id: String(++id),
      'Parent Id': campaignId,
      Campaign: campaign,
      Keyword: 'free, "cheap"',
      'Match Type': 'Phrase',
      Status: 'Active',
    });
    count += 4;
    for (let g = 1; g <= 10 && count < opts.rows; g++) {
      const adGroupId = String(++id);
      const adGroup = `Ad group ${c}.${g}`;
      yield row('Ad Group', {
        Id: adGroupId,
        'Parent Id': campaignId,
        Campaign: campaign,
        'Ad Group': adGroup,
        Status: 'Active',
        'Cpc Bid': '0.75',
        'Network Distribution': 'OwnedAndOperatedAndSyndicatedSearch',
      });
      yield row('Responsive Search Ad', {
        Id: String(++id),
        'Parent Id': adGroupId,
        Campaign: campaign,
        'Ad Group': adGroup,
        Status: 'Active',
        'Editorial Status': 'Active',
        'Final Url': `https://contoso.example/${c}/${g}; https://contoso.example/alt`,
        Headline: '[{"text":"Contoso shoes"},{"text":"Red shoes"},{"text":"Sale"}]',
        Description: '[{"text":"Shoes for every day"},{"text":"Free returns"}]',
        'Path 1': 'shoes',
      });
      count += 2;
      for (let k = 1; k <= 20 && count < opts.rows; k++) {
        const keywordId = String(++id);
        yield row('Keyword', {
          Id: keywordId,
          'Parent Id': adGroupId,
          Campaign: campaign,
          'Ad Group': adGroup,
          Keyword: `red shoes ${c} ${g} ${k}`,
          'Match Type': k % 3 === 0 ? 'Exact' : k % 3 === 1 ? 'Phrase' : 'Broad',
          Bid: `0.${(k % 9) + 1}5`,
          Status: 'Active',
          'Editorial Status': 'Active',
          'Final Url': `https://contoso.example/kw/${k}`,
          'Quality Score': String((k % 10) + 1),
        });
        count++;
        if (opts.bidSuggestions && count < opts.rows) {
          yield row('Keyword Best Position Bid', {
            Id: keywordId,
            'Parent Id': adGroupId,
            Keyword: `red shoes ${c} ${g} ${k}`,
            'Bid Suggestion': '1.25',
          });
          count++;
        }
      }
    }
  }
}
