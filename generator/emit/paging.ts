import type { PagingDescriptor } from '../../runtime/src/descriptors.ts';
import type { MergedField, MergedOperation } from '../model/merge.ts';
import { wireFields } from './emit-descriptor.ts';
import type { FamilyInfo } from './families.ts';

/**
 * Which operations page, and over which list: an operation whose request has a `PageInfo`
 * field of an object type with `Index` and `Size` (Microsoft's `Paging`: Customer Management's
 * Search*, Campaign Management's GetLabelsByIds, GetMediaMetaDataByAccountId, …, Customer
 * Billing's Search*). Its items are the response's one array field that is not an error list
 * (GetLabelsByIds also returns `PartialErrors`). The descriptor carries the answer for the
 * runtime (`client.paginate`), and the client's declarations type the iterator with it, so
 * the two cannot disagree. A paged operation whose response has no such single list stops
 * the generator: a new shape must be decided, not guessed.
 */

/** The request field Microsoft's paged operations take. */
const PAGE_FIELD = 'PageInfo';

/** Arrays of a response that report errors rather than hold results. */
const ERROR_LISTS = new Set(['PartialErrors', 'OperationErrors', 'BatchErrors', 'Errors']);

export function operationPaging(
  op: MergedOperation,
  info: FamilyInfo,
): PagingDescriptor | undefined {
  const request = op.request ? info.objects.get(op.request) : undefined;
  if (!request) return undefined;
  const page = wireFields(request, info).find((f) => f.name === PAGE_FIELD);
  if (!page || !isPaging(page, info)) return undefined;
  const response = op.response ? info.objects.get(op.response) : undefined;
  const lists = response
    ? wireFields(response, info).filter((f) => isArray(f) && !ERROR_LISTS.has(f.name))
    : [];
  if (lists.length !== 1) {
    throw new Error(
      `operation '${op.name}' takes ${PAGE_FIELD} but its response has ${lists.length} result lists (${lists.map((f) => f.name).join(', ') || 'none'}): say which one pages (generator/emit/paging.ts)`,
    );
  }
  return { pageInfo: PAGE_FIELD, items: lists[0]!.name };
}

function isPaging(field: MergedField, info: FamilyInfo): boolean {
  if (field.type.kind !== 'named' || isArray(field)) return false;
  const type = info.objects.get(field.type.name);
  const names = type ? wireFields(type, info).map((f) => f.name) : [];
  return names.includes('Index') && names.includes('Size');
}

function isArray(field: MergedField): boolean {
  return field.type.kind === 'array' || field.maxOccurs !== 1;
}
