import type { CallOptions } from './client.js';
import type { PagingDescriptor } from './descriptors.js';

/**
 * Options of `client.paginate.<method>(request, options)`.
 *
 * @public
 */
export interface PaginateOptions extends CallOptions {
  /**
   * Items asked for per page (`PageInfo.Size`). Default 100, the smallest maximum Microsoft
   * documents for a paged operation (Customer Billing's and SearchClientLinks'); SearchAccounts
   * and Campaign Management's take up to 1,000.
   */
  pageSize?: number;
}

/** @public */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The item type of a paged response's list: `PageItem<SearchAccountsResponse, 'Accounts'>`
 * is `AdvertiserAccount`, what `client.paginate.searchAccounts` yields.
 *
 * @public
 */
export type PageItem<Response, Items extends keyof Response> =
  NonNullable<Response[Items]> extends readonly (infer T)[] ? T : never;

/**
 * Every item of a paged operation, page after page: asks for page 0, 1, 2, … of `pageSize`
 * items with the same request and call options, yields each page's items as they come, and
 * stops after a page with fewer items than asked for (the last one, maybe empty). A page with
 * more than asked for means the service did not page: its items are yielded and nothing more
 * is asked, rather than fetching the same list forever. Pages are fetched one at a time, only
 * as the consumer reads on; `break` stops asking. Each page is an ordinary call (retries,
 * hooks, shadow mode); a failing one rejects the iteration.
 */
export async function* paginate(
  call: (request: object, options: CallOptions) => Promise<unknown>,
  paging: PagingDescriptor,
  operation: string,
  request: object,
  options: PaginateOptions = {},
): AsyncGenerator<unknown, void, undefined> {
  const { pageSize = DEFAULT_PAGE_SIZE, ...callOptions } = options;
  if (typeof pageSize !== 'number' || !Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new TypeError(
      `paginate.${operation}: pageSize must be a whole number ≥ 1, not ${String(pageSize)}`,
    );
  }
  if ((request as Record<string, unknown> | null)?.[paging.pageInfo] !== undefined) {
    throw new TypeError(
      `paginate.${operation}: the request must not carry ${paging.pageInfo}; pass { pageSize } in the options`,
    );
  }
  for (let index = 0; ; index++) {
    const page = await call(
      { ...request, [paging.pageInfo]: { Index: index, Size: pageSize } },
      callOptions,
    );
    const list = (page as Record<string, unknown> | null | undefined)?.[paging.items];
    const items = Array.isArray(list) ? (list as unknown[]) : [];
    yield* items;
    if (items.length !== pageSize) return;
  }
}
