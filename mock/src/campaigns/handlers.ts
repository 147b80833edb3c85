import { withRequestedFields } from '../additional-fields.ts';
import { search, type Paging } from '../cm/search.ts';
import {
  fail,
  list,
  requireAccount,
  valueSet,
  type CampaignContext,
  type CampaignHandler,
  type Req,
} from './context.ts';
import { CHILD_KINDS, ENTITY_KINDS, type EntityKind } from './entities.ts';
import { batchError, type BatchErrorValue } from './error-codes.ts';
import type { Entity, StoredEntity } from './store.ts';

/**
 * Add, Get-by-ids, Get-by-parent, Update and Delete for every entity kind, from the table in
 * entities.ts. Items fail one by one (PartialErrors with Microsoft's codes and the item's
 * Index); a bad parent fails the whole call.
 */
export function entityHandlers(): Record<string, CampaignHandler> {
  const out: Record<string, CampaignHandler> = {};
  for (const k of ENTITY_KINDS) {
    out[`Add${k.plural}`] = (ctx, req) => addEntities(ctx, k, req);
    out[`Get${k.plural}ByIds`] = (ctx, req) => getByIds(ctx, k, req);
    out[`Update${k.plural}`] = (ctx, req) => updateEntities(ctx, k, req);
    out[`Delete${k.plural}`] = (ctx, req) => deleteEntities(ctx, k, req);
    if (k.listByParent) out[k.listByParent] = (ctx, req) => listByParent(ctx, k, req);
  }
  return out;
}

/** The owner of the request's items: its parent id and the account it is in. */
function owner(
  ctx: CampaignContext,
  k: EntityKind,
  req: Req,
): { parent: string; accountId: string } {
  if (k.parent === 'header') {
    const accountId = requireAccount(ctx, ctx.accountId);
    return { parent: accountId, accountId };
  }
  const id = req[k.parent.field];
  if (k.parent.parentKind === 'Account') {
    const accountId = requireAccount(ctx, id);
    return { parent: accountId, accountId };
  }
  const rec =
    id === undefined || id === null ? undefined : ctx.store.get(k.parent.parentKind, String(id));
  if (!rec)
    throw fail(ctx, k.invalidParent!, `${k.parent.parentKind} ${String(id)} does not exist.`);
  requireAccount(ctx, rec.accountId);
  return { parent: String(id), accountId: rec.accountId };
}

function nameError(
  ctx: CampaignContext,
  k: EntityKind,
  item: Entity,
  index: number,
  adding: boolean,
): BatchErrorValue | undefined {
  if (!k.name) return undefined;
  const { field, max, invalid, missing } = k.name;
  const v = item[field];
  if ((v === undefined || v === null || v === '') && adding)
    return batchError(
      ctx.codes,
      missing ?? invalid,
      index,
      `${k.kind}.${field} is required.`,
      `${k.plural}[${index}].${field}`,
    );
  if (typeof v === 'string' && v.length > max)
    return batchError(
      ctx.codes,
      invalid,
      index,
      `${k.kind}.${field} is longer than ${max} characters.`,
      `${k.plural}[${index}].${field}`,
    );
  return undefined;
}

function invalidId(
  ctx: CampaignContext,
  k: EntityKind,
  index: number,
  id: unknown,
): BatchErrorValue {
  return batchError(ctx.codes, k.invalidId, index, `${k.kind} ${String(id)} does not exist here.`);
}

/** A copy of a request item as it is kept: the discriminator set, request-only markers dropped. */
function toStored(ctx: CampaignContext, item: Entity): Entity {
  const copy = structuredClone(item);
  delete copy['Id'];
  const typeName = copy['$type'];
  if (typeof typeName === 'string') {
    const value = ctx.typeValue(typeName);
    if (value !== undefined) copy['Type'] = value;
  }
  return copy;
}

function findOwned(
  ctx: CampaignContext,
  k: EntityKind,
  parent: string,
  id: unknown,
): StoredEntity | undefined {
  if (id === undefined || id === null) return undefined;
  const rec = ctx.store.get(k.kind, String(id));
  return rec && rec.parent === parent ? rec : undefined;
}

function addEntities(ctx: CampaignContext, k: EntityKind, req: Req): Record<string, unknown> {
  const { parent, accountId } = owner(ctx, k, req);
  const ids: (string | null)[] = [];
  const errors: BatchErrorValue[] = [];
  list(req[k.plural]).forEach((raw, index) => {
    const item = raw as Entity | null;
    const error =
      item === null || typeof item !== 'object'
        ? batchError(ctx.codes, k.nullItem, index, `${k.kind} ${index} is null.`)
        : (nameError(ctx, k, item, index, true) ?? duplicateLabel(ctx, k, accountId, item, index));
    if (error) {
      errors.push(error);
      ids.push(null);
      return;
    }
    const value = toStored(ctx, item!);
    if (k.kind === 'AdExtension') value['Version'] = 1;
    ids.push(String(ctx.store.add(k.kind, parent, accountId, value)['Id']));
  });
  if (k.kind === 'AdExtension') {
    return {
      AdExtensionIdentities: ids.map((Id) => (Id === null ? null : { Id, Version: 1 })),
      NestedPartialErrors: nested(errors),
    };
  }
  return { [`${k.kind}Ids`]: ids, PartialErrors: errors };
}

function duplicateLabel(
  ctx: CampaignContext,
  k: EntityKind,
  accountId: string,
  item: Entity,
  index: number,
): BatchErrorValue | undefined {
  if (k.kind !== 'Label') return undefined;
  const taken = ctx.store
    .children('Label', accountId)
    .some((l) => l.value['Name'] === item['Name']);
  return taken
    ? batchError(
        ctx.codes,
        'CampaignServiceLabelNameDuplicate',
        index,
        `A label named ${String(item['Name'])} exists.`,
      )
    : undefined;
}

/** BatchErrorCollection per failed item (AdExtension operations). */
function nested(errors: BatchErrorValue[]): Entity[] {
  return errors.map((e) => ({
    BatchErrors: [e],
    Code: e.Code,
    Details: null,
    ErrorCode: e.ErrorCode,
    FieldPath: null,
    Index: e.Index,
    Message: e.Message,
    Type: 'BatchErrorCollection',
  }));
}

function getByIds(ctx: CampaignContext, k: EntityKind, req: Req): Record<string, unknown> {
  const { parent } = owner(ctx, k, req);
  const ids = list(req[`${k.kind}Ids`]);
  if (k.kind === 'Label' && ids.length === 0) {
    // No ids: every label of the account, a page at a time.
    const all = ctx.store.children('Label', parent).map((e) => e.value);
    return {
      Labels: search(all, {}, undefined, undefined, req['PageInfo'] as Paging | undefined),
      PartialErrors: [],
    };
  }
  const errors: BatchErrorValue[] = [];
  const found = ids.map((id, index) => {
    const rec = findOwned(ctx, k, parent, id);
    if (!rec) errors.push(invalidId(ctx, k, index, id));
    return rec ? withRequestedFields(k.kind, rec.value, req['ReturnAdditionalFields']) : null;
  });
  if (k.kind === 'Label') {
    const labels = found.filter((l) => l !== null);
    return {
      Labels: search(labels, {}, undefined, undefined, req['PageInfo'] as Paging | undefined),
      PartialErrors: errors,
    };
  }
  return { [k.plural]: found, PartialErrors: errors };
}

function listByParent(ctx: CampaignContext, k: EntityKind, req: Req): Record<string, unknown> {
  const { parent } = owner(ctx, k, req);
  let items = ctx.store.children(k.kind, parent).map((e) => e.value);
  if (k.kind === 'Campaign') {
    const types = valueSet(req['CampaignType']);
    if (types)
      items = items.filter((c) =>
        [...(valueSet(c['CampaignType']) ?? new Set(['Search']))].some((t) => types.has(t)),
      );
  }
  if (k.kind === 'Ad') {
    const types = valueSet(req['AdTypes']);
    if (types) items = items.filter((a) => types.has(String(a['Type'])));
  }
  return {
    [k.plural]: items.map((e) => withRequestedFields(k.kind, e, req['ReturnAdditionalFields'])),
  };
}

function updateEntities(ctx: CampaignContext, k: EntityKind, req: Req): Record<string, unknown> {
  const { parent } = owner(ctx, k, req);
  const errors: BatchErrorValue[] = [];
  list(req[k.plural]).forEach((raw, index) => {
    const item = raw as Entity | null;
    if (item === null || typeof item !== 'object') {
      errors.push(batchError(ctx.codes, k.nullItem, index, `${k.kind} ${index} is null.`));
      return;
    }
    const rec = findOwned(ctx, k, parent, item['Id']);
    const error = rec
      ? nameError(ctx, k, item, index, false)
      : invalidId(ctx, k, index, item['Id']);
    if (error) {
      errors.push(error);
      return;
    }
    const target = rec!.value;
    if (k.kind === 'Ad' && item['$type'] !== undefined && item['$type'] !== target['$type']) {
      errors.push(
        batchError(
          ctx.codes,
          'CampaignServiceAdTypeDoesNotMatchExistingValue',
          index,
          'An ad cannot change its type.',
        ),
      );
      return;
    }
    // Only what the update sets changes: null and absent leave a field as it was.
    for (const [f, v] of Object.entries(toStored(ctx, item))) {
      if (v !== undefined && v !== null && f !== '$type' && f !== 'Version') target[f] = v;
    }
    if (k.kind === 'AdExtension') target['Version'] = Number(target['Version'] ?? 1) + 1;
  });
  if (k.kind === 'AdExtension') return { NestedPartialErrors: nested(errors) };
  return { PartialErrors: errors };
}

function deleteEntities(ctx: CampaignContext, k: EntityKind, req: Req): Record<string, unknown> {
  const { parent } = owner(ctx, k, req);
  const errors: BatchErrorValue[] = [];
  list(req[`${k.kind}Ids`]).forEach((id, index) => {
    if (!findOwned(ctx, k, parent, id)) errors.push(invalidId(ctx, k, index, id));
    else ctx.store.remove(k.kind, String(id), CHILD_KINDS);
  });
  return { PartialErrors: errors };
}
