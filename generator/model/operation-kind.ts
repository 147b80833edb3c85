/**
 * Whether re-sending an operation can change anything on the service: the runtime retries a
 * `safe` operation after any transient failure, and a `write` only after a failure that
 * proves the request was never carried out (see runtime/src/retry.ts). Decided here, once,
 * from the operation's verb, and recorded in each descriptor (`OperationDescriptor.kind`) so
 * that retries and the mock read it rather than guessing from names at run time.
 *
 * `safe` is an allow-list of verbs that only read or compute (`GetCampaignsByIds`,
 * `SearchAccounts`, `PollGenerateReport`, `SuggestKeywordsForUrl`, `ValidateAddress`); every
 * other verb is a write (`Add`, `Update`, `Delete`, `Set`, `Apply`, `Upload`, `Submit`,
 * `Send`, `Claim`, `Map`, …), including verbs this list has never seen: a new verb Microsoft
 * adds is treated as a write until someone decides otherwise, which costs at most a retry.
 */
export type OperationKind = 'safe' | 'write';

/** Verbs of operations that change nothing (the first capitalised word of the name). */
export const SAFE_VERBS: ReadonlySet<string> = new Set([
  'Get',
  'List',
  'Search',
  'Find',
  'Query',
  'Poll',
  'Retrieve',
  'Suggest',
  'Check',
  'Validate',
]);

export function operationVerb(name: string): string {
  return /^[A-Z][a-z]*/.exec(name)?.[0] ?? name;
}

export function operationKind(name: string): OperationKind {
  return SAFE_VERBS.has(operationVerb(name)) ? 'safe' : 'write';
}
