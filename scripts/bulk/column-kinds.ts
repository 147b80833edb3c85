import type { DocColumn } from './doc-pages.ts';

export type ColumnKind = 'text' | 'number' | 'list' | 'enum';

/**
 * The reference describes each value in prose, not as a type; this decides how the bulk package
 * types a column, as the Campaign Management objects type the same property:
 * - `number`: bids, budgets, bid adjustments and other amounts (`double` in Campaign Management);
 * - `list`: fields whose text says the items are delimited by a semicolon (Final Url, …), as
 *   `string[]`, for the URL and language lists the Campaign Management objects hold as arrays
 *   (Custom Parameter stays text: its items are `{_key}=value` pairs with escapes);
 * - `enum`: fields with documented values (a literal union);
 * - `text`: everything else, ids included (64-bit ids are strings everywhere in adsgen).
 */
export function columnKind(c: DocColumn): ColumnKind {
  if ((NUMBER.test(c.name) && !NOT_NUMBER.test(c.name)) || STRATEGY_AMOUNT.test(c.name))
    return 'number';
  if (LIST.test(c.name) && LIST_TEXT.test(c.text)) return 'list';
  if (c.values.length > 0) return 'enum';
  return 'text';
}

const NUMBER =
  /^(Bid|Cpc Bid|Cpm Bid|Cpv Bid|Budget|Bid Adjustment|.* Bid Adjustment|Target Cpa|Target Roas|Max Cpc|Max Cpm|Target Ad Position|Target Impression Share|Daily Target Budget Amount|.*Bid Amount|Amount|Price|Quality Score|Keyword Relevance|Landing Page Relevance|Landing Page User Experience|Radius|Latitude|Longitude|Priority|Percent Max Cpc)$/;
const STRATEGY_AMOUNT = /^Bid Strategy (?:MaxCpc|TargetCpa|TargetRoas|TargetImpressionShare)$/;
const NOT_NUMBER = /Type|Strategy|Id$|Name|Scope|Unit|Source/;
const LIST =
  /^(Final Url|Mobile Final Url|Final Url \(1-8\)|Final Mobile Url \(1-8\)|Language|Impression Tracking Urls)$/;
const LIST_TEXT = /delimited by a semicolon/i;
