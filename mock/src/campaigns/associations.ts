import { withRequestedFields } from '../additional-fields.ts';
import { search, type Paging } from '../cm/search.ts';
import {
  list,
  requireAccount,
  valueSet,
  type CampaignContext,
  type CampaignHandler,
  type Req,
} from './context.ts';
import { batchError, type BatchErrorValue } from './error-codes.ts';
import type { Association, Entity } from './store.ts';

/**
 * Ad extension ↔ account/campaign/ad group associations and label ↔ entity associations.
 * An association names an owner (extension or label) and an entity, both of which must
 * exist in the caller's account; setting one twice keeps one.
 */
export function associationHandlers(): Record<string, CampaignHandler> {
  return {
    SetAdExtensionsAssociations: (ctx, req) => {
      const accountId = requireAccount(ctx, req['AccountId']);
      const kind = String(req['AssociationType'] ?? 'Campaign');
      const errors: BatchErrorValue[] = [];
      list(req['AdExtensionIdToEntityIdAssociations']).forEach((raw, index) => {
        const a = (raw ?? {}) as Entity;
        const ext = ctx.store.get('AdExtension', String(a['AdExtensionId']));
        if (!ext || ext.accountId !== accountId) {
          errors.push(
            batchError(
              ctx.codes,
              'CampaignServiceInvalidAdExtensionId',
              index,
              `Ad extension ${String(a['AdExtensionId'])} does not exist.`,
            ),
          );
          return;
        }
        if (!entityExists(ctx, kind, String(a['EntityId']), accountId)) {
          const code =
            {
              Account: 'CampaignServiceInvalidAdExtensionIdToAccountIdAssociation',
              AdGroup: 'CampaignServiceInvalidAdExtensionIdToAdGroupIdAssociation',
            }[kind] ?? 'CampaignServiceInvalidAdExtensionIdToCampaignIdAssociation';
          errors.push(
            batchError(ctx.codes, code, index, `${kind} ${String(a['EntityId'])} does not exist.`),
          );
          return;
        }
        associate(ctx.store.extensionAssociations, {
          accountId,
          ownerId: String(a['AdExtensionId']),
          entityId: String(a['EntityId']),
          kind,
        });
      });
      return { PartialErrors: errors };
    },
    GetAdExtensionsAssociations: (ctx, req) => {
      const accountId = requireAccount(ctx, req['AccountId']);
      const kind = String(req['AssociationType'] ?? 'Campaign');
      const types = valueSet(req['AdExtensionType']);
      const collections = list(req['EntityIds']).map((id) => ({
        AdExtensionAssociations: ctx.store.extensionAssociations
          .filter((a) => a.accountId === accountId && a.kind === kind && a.entityId === String(id))
          .map((a) => ctx.store.get('AdExtension', a.ownerId)!.value)
          .filter((ext) => !types || types.has(String(ext['Type'])))
          .map((ext) => ({
            AdExtension: withRequestedFields('AdExtension', ext, req['ReturnAdditionalFields']),
            AssociationType: kind,
            EditorialStatus: 'Active',
            EntityId: String(id),
          })),
      }));
      return { AdExtensionAssociationCollection: collections, PartialErrors: [] };
    },
    DeleteAdExtensionsAssociations: (ctx, req) => {
      const accountId = requireAccount(ctx, req['AccountId']);
      const kind = String(req['AssociationType'] ?? 'Campaign');
      for (const raw of list(req['AdExtensionIdToEntityIdAssociations'])) {
        const a = (raw ?? {}) as Entity;
        dissociate(ctx.store.extensionAssociations, {
          accountId,
          ownerId: String(a['AdExtensionId']),
          entityId: String(a['EntityId']),
          kind,
        });
      }
      return { PartialErrors: [] };
    },
    GetAdExtensionIdsByAccountId: (ctx, req) => {
      const accountId = requireAccount(ctx, req['AccountId']);
      const types = valueSet(req['AdExtensionType']);
      const kind = req['AssociationType'];
      const ids = ctx.store
        .children('AdExtension', accountId)
        .filter((e) => !types || types.has(String(e.value['Type'])))
        .filter(
          (e) =>
            kind === undefined ||
            kind === null ||
            ctx.store.extensionAssociations.some(
              (a) => a.ownerId === e.value['Id'] && a.kind === kind,
            ),
        )
        .map((e) => e.value['Id']);
      return { AdExtensionIds: ids };
    },
    SetLabelAssociations: (ctx, req) => labelWrite(ctx, req, 'set'),
    DeleteLabelAssociations: (ctx, req) => labelWrite(ctx, req, 'delete'),
    GetLabelAssociationsByEntityIds: (ctx, req) => {
      const accountId = requireAccount(ctx, ctx.accountId);
      const ids = new Set(list(req['EntityIds']).map(String));
      const kind = String(req['EntityType'] ?? 'Campaign');
      const found = ctx.store.labelAssociations.filter(
        (a) => a.accountId === accountId && a.kind === kind && ids.has(a.entityId),
      );
      return { LabelAssociations: found.map(labelAssociation), PartialErrors: [] };
    },
    GetLabelAssociationsByLabelIds: (ctx, req) => {
      const accountId = requireAccount(ctx, ctx.accountId);
      const ids = new Set(list(req['LabelIds']).map(String));
      const kind = String(req['EntityType'] ?? 'Campaign');
      const found = ctx.store.labelAssociations
        .filter((a) => a.accountId === accountId && a.kind === kind && ids.has(a.ownerId))
        .map(labelAssociation);
      return {
        LabelAssociations: search(
          found,
          {},
          undefined,
          undefined,
          req['PageInfo'] as Paging | undefined,
        ),
        PartialErrors: [],
      };
    },
  };
}

function labelWrite(
  ctx: CampaignContext,
  req: Req,
  how: 'set' | 'delete',
): Record<string, unknown> {
  const accountId = requireAccount(ctx, ctx.accountId);
  const kind = String(req['EntityType'] ?? 'Campaign');
  const errors: BatchErrorValue[] = [];
  list(req['LabelAssociations']).forEach((raw, index) => {
    const a = (raw ?? {}) as Entity;
    const link = {
      accountId,
      ownerId: String(a['LabelId']),
      entityId: String(a['EntityId']),
      kind,
    };
    if (how === 'delete') {
      if (!dissociate(ctx.store.labelAssociations, link))
        errors.push(
          batchError(
            ctx.codes,
            'CampaignServiceLabelAssociationDoesNotExist',
            index,
            'No such label association.',
          ),
        );
      return;
    }
    const label = ctx.store.get('Label', link.ownerId);
    if (!label || label.accountId !== accountId)
      errors.push(
        batchError(
          ctx.codes,
          'CampaignServiceLabelIdInvalid',
          index,
          `Label ${link.ownerId} does not exist.`,
        ),
      );
    else if (!entityExists(ctx, kind, link.entityId, accountId))
      errors.push(
        batchError(
          ctx.codes,
          'CampaignServiceLabelAssociationEntityIdInvalid',
          index,
          `${kind} ${link.entityId} does not exist.`,
        ),
      );
    else associate(ctx.store.labelAssociations, link);
  });
  return { PartialErrors: errors };
}

const labelAssociation = (a: Association): Entity => ({ EntityId: a.entityId, LabelId: a.ownerId });

function entityExists(ctx: CampaignContext, kind: string, id: string, accountId: string): boolean {
  if (kind === 'Account') return id === accountId;
  return ctx.store.get(kind, id)?.accountId === accountId;
}

const same = (a: Association, b: Association) =>
  a.accountId === b.accountId &&
  a.ownerId === b.ownerId &&
  a.entityId === b.entityId &&
  a.kind === b.kind;

function associate(links: Association[], link: Association): void {
  if (!links.some((l) => same(l, link))) links.push(link);
}

/** Removes the association; whether it was there. */
function dissociate(links: Association[], link: Association): boolean {
  const i = links.findIndex((l) => same(l, link));
  if (i >= 0) links.splice(i, 1);
  return i >= 0;
}
