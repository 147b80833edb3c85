/**
 * What re-sending an operation risks, decided here once from its verb and recorded in each
 * descriptor (`OperationDescriptor.kind`), so that retries and shadow mode read it rather than
 * guessing from names at run time:
 * - `read`: it only reads (`GetCampaignsByIds`, `SearchAccounts`, `FindAccounts`);
 * - `safe`: it changes nothing though it is not a plain read (`SuggestKeywordsForUrl`,
 *   `PollGenerateReport`, `ValidateAddress`, `CheckFeatureAdoptionCouponEligibility`);
 * - `write`: it may change the account (`Add`, `Update`, `Delete`, `Set`, `Apply`, `Upload`,
 *   `Submit`, `Send`, `Claim`, `Map`, …), and so does any verb not listed here: a new verb
 *   Microsoft adds is treated as a write until someone decides otherwise, which costs at most
 *   a retry.
 * The runtime retries `read` and `safe` operations after any transient failure, and a `write`
 * only after a failure that proves the request was never carried out (runtime/src/retry.ts).
 */
export type OperationKind = 'read' | 'safe' | 'write';

/** Verbs (the first capitalised word of the name) of operations that only read. */
export const READ_VERBS: ReadonlySet<string> = new Set([
  'Get',
  'List',
  'Search',
  'Find',
  'Query',
  'Retrieve',
]);

/** Verbs of operations that compute or report without changing anything. */
export const SAFE_VERBS: ReadonlySet<string> = new Set([
  'Suggest',
  'Estimate',
  'Poll',
  'Check',
  'Validate',
]);

export function operationVerb(name: string): string {
  return /^[A-Z][a-z]*/.exec(name)?.[0] ?? name;
}

export function operationKind(name: string): OperationKind {
  const verb = operationVerb(name);
  if (READ_VERBS.has(verb)) return 'read';
  return SAFE_VERBS.has(verb) ? 'safe' : 'write';
}
