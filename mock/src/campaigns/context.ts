import { adApiFault, operationFault } from '../faults/api-fault.ts';
import type { CmStore } from '../cm/store.ts';
import type { ErrorCodes } from './error-codes.ts';
import type { CampaignStore } from './store.ts';

/** What a stateful Campaign Management handler works with. */
export interface CampaignContext {
  store: CampaignStore;
  /** Customer Management's store: accounts and who may reach them. */
  customers: CmStore;
  userId: string;
  /** The CustomerAccountId header, when sent. */
  accountId: string | undefined;
  codes: ErrorCodes;
  /** The REST discriminator value of a schema type (`ResponsiveSearchAd` → `ResponsiveSearch`). */
  typeValue(typeName: string): string | undefined;
}

export type Req = Record<string, unknown>;
export type CampaignHandler = (ctx: CampaignContext, req: Req) => Record<string, unknown>;

/** A whole-operation failure with Microsoft's code for `errorCode`. */
export function fail(ctx: CampaignContext, errorCode: string, message: string): Error {
  return operationFault(ctx.codes.code(errorCode), errorCode, message);
}

/** An account the caller may use: it exists (else `CampaignServiceInvalidAccountId`) and is theirs (else 106). */
export function requireAccount(ctx: CampaignContext, id: unknown): string {
  const accountId = id === undefined || id === null ? undefined : String(id);
  if (!accountId || !ctx.customers.accounts.has(accountId))
    throw fail(ctx, 'CampaignServiceInvalidAccountId', `Account ${String(id)} does not exist.`);
  if (!ctx.customers.canAccessAccount(ctx.userId, accountId))
    throw adApiFault(106, 403, 'CustomerAccountId');
  return accountId;
}

/** A request list field as an array (SOAP may omit an empty one). */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Flags or a list of enum values as a set (SOAP space-separated, REST comma-separated). */
export function valueSet(value: unknown): Set<string> | undefined {
  if (value === undefined || value === null) return undefined;
  const parts = Array.isArray(value)
    ? value.map(String)
    : String(value)
        .split(/[\s,]+/)
        .filter(Boolean);
  return parts.length ? new Set(parts) : undefined;
}
