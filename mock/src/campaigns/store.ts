/**
 * Campaign Management's state, in memory, shared by SOAP and REST: one collection per entity
 * kind (values in the protocol-neutral shape: SOAP element names, int64 as decimal strings,
 * `$type` for a subtype), each record owned by a parent (account, campaign or ad group), plus
 * the ad extension and label associations. Ids come from the Customer Management store's
 * allocator, so every id in the mock is unique and above 2^53.
 */
export type Entity = Record<string, unknown>;

export interface StoredEntity {
  /** The owning account, campaign or ad group id. */
  parent: string;
  /** The account the entity lives in (for access checks). */
  accountId: string;
  value: Entity;
}

export interface Association {
  accountId: string;
  /** Ad extension id or label id. */
  ownerId: string;
  entityId: string;
  /** AssociationType (Account, Campaign, AdGroup) or label EntityType. */
  kind: string;
}

export class CampaignStore {
  private readonly collections = new Map<string, Map<string, StoredEntity>>();
  readonly extensionAssociations: Association[] = [];
  readonly labelAssociations: Association[] = [];

  constructor(readonly newId: () => string) {}

  collection(kind: string): Map<string, StoredEntity> {
    let c = this.collections.get(kind);
    if (!c) {
      c = new Map();
      this.collections.set(kind, c);
    }
    return c;
  }

  get(kind: string, id: string): StoredEntity | undefined {
    return this.collection(kind).get(id);
  }

  /** Records of `kind` under `parent`, in the order they were added. */
  children(kind: string, parent: string): StoredEntity[] {
    return [...this.collection(kind).values()].filter((e) => e.parent === parent);
  }

  add(kind: string, parent: string, accountId: string, value: Entity): Entity {
    const id = this.newId();
    const stored = { ...value, Id: id };
    this.collection(kind).set(id, { parent, accountId, value: stored });
    return stored;
  }

  /** Removes the record and, through `childKinds`, everything under it. */
  remove(kind: string, id: string, childKinds: Record<string, string[]>): void {
    this.collection(kind).delete(id);
    for (const child of childKinds[kind] ?? []) {
      for (const e of this.children(child, id))
        this.remove(child, String(e.value['Id']), childKinds);
    }
    const gone = (a: Association) => a.entityId === id || a.ownerId === id;
    for (const list of [this.extensionAssociations, this.labelAssociations]) {
      for (let i = list.length - 1; i >= 0; i--) if (gone(list[i]!)) list.splice(i, 1);
    }
  }
}
