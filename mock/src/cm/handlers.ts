import { withRequestedFields } from '../additional-fields.ts';
import { adApiFault, operationFault } from '../faults/api-fault.ts';
import { search, type FieldMap, type OrderBy, type Paging, type Predicate } from './search.ts';
import type { CmStore, Entity } from './store.ts';

export interface CmContext {
  store: CmStore;
  userId: string;
}

type Req = Record<string, unknown>;
type Handler = (ctx: CmContext, req: Req) => Record<string, unknown>;

const notFound = (what: string, id: unknown) =>
  operationFault(210, 'EntityNotExistent', `${what} ${String(id)} does not exist.`);

function requireCustomer(ctx: CmContext, id: unknown): Entity {
  const c = ctx.store.customers.get(String(id));
  if (!c) throw notFound('Customer', id);
  if (!ctx.store.canAccessCustomer(ctx.userId, String(id)))
    throw adApiFault(106, 403, 'CustomerId');
  return c;
}

function requireAccount(ctx: CmContext, id: unknown): Entity {
  const a = ctx.store.accounts.get(String(id));
  if (!a) throw notFound('Account', id);
  if (!ctx.store.canAccessAccount(ctx.userId, String(id))) throw adApiFault(106, 403, 'AccountId');
  return a;
}

function requireTimeStamp(entity: Entity, given: unknown, field = 'TimeStamp'): void {
  if (given === undefined || given === null)
    throw operationFault(203, 'NullParameter', `${field} is required.`);
  if (given !== entity[field])
    throw operationFault(
      209,
      'TimestampNotMatch',
      `The ${field} does not match the current version.`,
    );
}

/** Copies the fields an update may change (not ids, not server-maintained ones). */
function applyUpdate(
  ctx: CmContext,
  target: Entity,
  changes: Entity,
  fixed: string[],
  tsField = 'TimeStamp',
): void {
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === null || k === '$type' || fixed.includes(k) || k === tsField)
      continue;
    target[k] = v;
  }
  target['LastModifiedTime'] = ctx.store.isoNow();
  target['LastModifiedByUserId'] = ctx.userId;
  target[tsField] = ctx.store.newTimeStamp();
}

const ACCOUNT_FIELDS: FieldMap = {
  AccountId: (a) => a['Id'],
  Id: (a) => a['Id'],
  AccountName: (a) => a['Name'],
  Name: (a) => a['Name'],
  AccountNumber: (a) => a['Number'],
  Number: (a) => a['Number'],
  AccountLifeCycleStatus: (a) => a['AccountLifeCycleStatus'],
  LifeCycleStatus: (a) => a['AccountLifeCycleStatus'],
  CustomerId: (a) => a['ParentCustomerId'],
  UserId: (a) => a['PrimaryUserId'],
};

const CUSTOMER_FIELDS: FieldMap = {
  CustomerId: (c) => c['Id'],
  Id: (c) => c['Id'],
  CustomerName: (c) => c['Name'],
  Name: (c) => c['Name'],
  Number: (c) => c['Number'],
  CustomerLifeCycleStatus: (c) => c['CustomerLifeCycleStatus'],
  LifeCycleStatus: (c) => c['CustomerLifeCycleStatus'],
};

const LINK_FIELDS: FieldMap = {
  ClientAccountId: (l) => l['ClientEntityId'],
  ClientCustomerId: (l) => l['ClientEntityId'],
  ClientEntityId: (l) => l['ClientEntityId'],
  ManagingCustomerId: (l) => l['ManagingCustomerId'],
  DirectManagingCustomerId: (l) => l['ManagingCustomerId'],
  Status: (l) => l['Status'],
  Id: (l) => l['ClientEntityId'],
  Name: (l) => l['Name'],
  Number: (l) => l['ClientEntityNumber'],
  LifeCycleStatus: (l) => l['Status'],
};

const INVITATION_FIELDS: FieldMap = {
  CustomerId: (i) => i['CustomerId'],
  Email: (i) => i['Email'],
  Id: (i) => i['Id'],
};

const currentUser = (ctx: CmContext) => ctx.store.users.get(ctx.userId)!;

export const CM_HANDLERS: Record<string, Handler> = {
  SignupCustomer(ctx, req) {
    const parent = req['ParentCustomerId'];
    if (parent !== undefined && parent !== null) requireCustomer(ctx, parent);
    const customer = ctx.store.addCustomer((req['Customer'] as Entity) ?? {});
    const customerId = String(customer['Id']);
    currentUser(ctx).roles.push({
      RoleId: 41,
      CustomerId: customerId,
      AccountIds: null,
      LinkedAccountIds: null,
      CustomerLinkPermission: null,
    });
    const account = ctx.store.addAccount((req['Account'] as Entity) ?? {}, customerId, ctx.userId);
    return {
      CustomerId: customerId,
      CustomerNumber: customer['Number'],
      AccountId: account['Id'],
      AccountNumber: account['Number'],
      CreateTime: ctx.store.isoNow(),
    };
  },
  GetCustomer(ctx, req) {
    return { Customer: requireCustomer(ctx, req['CustomerId']) };
  },
  GetAccessibleCustomer(ctx, req) {
    return { AccessibleCustomer: requireCustomer(ctx, req['CustomerId']), ValidFields: 0 };
  },
  UpdateCustomer(ctx, req) {
    const changes = (req['Customer'] as Entity) ?? {};
    const customer = requireCustomer(ctx, changes['Id']);
    requireTimeStamp(customer, changes['TimeStamp']);
    applyUpdate(ctx, customer, changes, ['Id', 'Number']);
    return { LastModifiedTime: customer['LastModifiedTime'] };
  },
  DeleteCustomer(ctx, req) {
    const customer = requireCustomer(ctx, req['CustomerId']);
    requireTimeStamp(customer, req['TimeStamp']);
    ctx.store.customers.delete(String(customer['Id']));
    for (const [id, a] of ctx.store.accounts)
      if (a['ParentCustomerId'] === customer['Id']) ctx.store.accounts.delete(id);
    return {};
  },
  SearchCustomers(ctx, req) {
    const visible = [...ctx.store.customers.values()].filter((c) =>
      ctx.store.canAccessCustomer(ctx.userId, String(c['Id'])),
    );
    const found = search(
      visible,
      CUSTOMER_FIELDS,
      req['Predicates'] as Predicate[],
      req['Ordering'] as OrderBy[],
      req['PageInfo'] as Paging,
    );
    return { Customers: found };
  },
  AddAccount(ctx, req) {
    const fields = (req['Account'] as Entity) ?? {};
    const parent = fields['ParentCustomerId'];
    if (parent === undefined || parent === null)
      throw operationFault(203, 'NullParameter', 'Account.ParentCustomerId is required.');
    requireCustomer(ctx, parent);
    const account = ctx.store.addAccount(fields, String(parent), ctx.userId);
    return {
      AccountId: account['Id'],
      AccountNumber: account['Number'],
      CreateTime: account['LastModifiedTime'],
    };
  },
  GetAccount(ctx, req) {
    const account = requireAccount(ctx, req['AccountId']);
    return { Account: withRequestedFields('Account', account, req['ReturnAdditionalFields']) };
  },
  UpdateAccount(ctx, req) {
    const changes = (req['Account'] as Entity) ?? {};
    const account = requireAccount(ctx, changes['Id']);
    requireTimeStamp(account, changes['TimeStamp']);
    applyUpdate(ctx, account, changes, ['Id', 'Number', 'ParentCustomerId']);
    return { LastModifiedTime: account['LastModifiedTime'] };
  },
  DeleteAccount(ctx, req) {
    const account = requireAccount(ctx, req['AccountId']);
    requireTimeStamp(account, req['TimeStamp']);
    ctx.store.accounts.delete(String(account['Id']));
    return {};
  },
  SearchAccounts(ctx, req) {
    const visible = [...ctx.store.accounts.values()].filter((a) =>
      ctx.store.canAccessAccount(ctx.userId, String(a['Id'])),
    );
    const found = search(
      visible,
      ACCOUNT_FIELDS,
      req['Predicates'] as Predicate[],
      req['Ordering'] as OrderBy[],
      req['PageInfo'] as Paging,
    );
    return {
      Accounts: found.map((a) => withRequestedFields('Account', a, req['ReturnAdditionalFields'])),
    };
  },
  GetAccountsInfo(ctx, req) {
    const customerId = req['CustomerId'] ?? currentUser(ctx).user['CustomerId'];
    requireCustomer(ctx, customerId);
    const infos = [...ctx.store.accounts.values()]
      .filter((a) => a['ParentCustomerId'] === String(customerId))
      .map((a) => ({
        Id: a['Id'],
        Name: a['Name'],
        Number: a['Number'],
        AccountLifeCycleStatus: a['AccountLifeCycleStatus'],
        PauseReason: a['PauseReason'] ?? null,
      }));
    return { AccountsInfo: infos };
  },
  GetUser(ctx, req) {
    const id =
      req['UserId'] === undefined || req['UserId'] === null ? ctx.userId : String(req['UserId']);
    const rec = ctx.store.users.get(id);
    if (!rec) throw notFound('User', id);
    const shared = rec.roles.some((r) => ctx.store.canAccessCustomer(ctx.userId, r.CustomerId));
    if (!shared) throw adApiFault(106, 403, 'UserId');
    return { User: rec.user, CustomerRoles: rec.roles };
  },
  GetCurrentUser(ctx) {
    return { User: currentUser(ctx).user };
  },
  UpdateUser(ctx, req) {
    const changes = (req['User'] as Entity) ?? {};
    const rec = ctx.store.users.get(String(changes['Id']));
    if (!rec) throw notFound('User', changes['Id']);
    if (!rec.roles.some((r) => ctx.store.canAccessCustomer(ctx.userId, r.CustomerId)))
      throw adApiFault(106, 403, 'UserId');
    requireTimeStamp(rec.user, changes['TimeStamp']);
    applyUpdate(ctx, rec.user, changes, ['Id', 'CustomerId', 'UserName', 'Password']);
    return { LastModifiedTime: rec.user['LastModifiedTime'] };
  },
  AddClientLinks(ctx, req) {
    const links = (req['ClientLinks'] as Entity[] | null) ?? [];
    for (const link of links) {
      requireCustomer(ctx, link['ManagingCustomerId']);
      const client =
        ctx.store.accounts.get(String(link['ClientEntityId'])) ??
        ctx.store.customers.get(String(link['ClientEntityId']));
      if (!client) throw notFound('Client entity', link['ClientEntityId']);
      ctx.store.clientLinks.push({
        ...link,
        ClientEntityNumber: client['Number'],
        ClientEntityName: client['Name'],
        Status: 'LinkPending',
        LastModifiedDateTime: ctx.store.isoNow(),
        LastModifiedByUserId: ctx.userId,
        Timestamp: ctx.store.newTimeStamp(),
      });
    }
    return { OperationErrors: [], PartialErrors: [] };
  },
  UpdateClientLinks(ctx, req) {
    for (const change of (req['ClientLinks'] as Entity[] | null) ?? []) {
      const link = ctx.store.clientLinks.find(
        (l) =>
          l['ClientEntityId'] === change['ClientEntityId'] &&
          l['ManagingCustomerId'] === change['ManagingCustomerId'],
      );
      if (!link) throw notFound('Client link for', change['ClientEntityId']);
      requireTimeStamp(link, change['Timestamp'], 'Timestamp');
      for (const k of [
        'Status',
        'Note',
        'Name',
        'IsBillToClient',
        'SuppressNotification',
        'StartDate',
      ]) {
        if (change[k] !== undefined && change[k] !== null) link[k] = change[k];
      }
      link['LastModifiedDateTime'] = ctx.store.isoNow();
      link['Timestamp'] = ctx.store.newTimeStamp();
    }
    return { OperationErrors: [], PartialErrors: [] };
  },
  SearchClientLinks(ctx, req) {
    const visible = ctx.store.clientLinks.filter((l) =>
      ctx.store.canAccessCustomer(ctx.userId, String(l['ManagingCustomerId'])),
    );
    const found = search(
      visible,
      LINK_FIELDS,
      req['Predicates'] as Predicate[],
      req['Ordering'] as OrderBy[],
      req['PageInfo'] as Paging,
    );
    return { ClientLinks: found };
  },
  SendUserInvitation(ctx, req) {
    const inv = (req['UserInvitation'] as Entity) ?? {};
    requireCustomer(ctx, inv['CustomerId']);
    const id = ctx.store.newId();
    ctx.store.invitations.set(id, {
      ...inv,
      Id: id,
      ExpirationDate: new Date(ctx.store.isoNow())
        .toISOString()
        .replace(/^(\d{4})/, (y) => String(Number(y) + 1)),
    });
    return { UserInvitationId: id };
  },
  SearchUserInvitations(ctx, req) {
    const visible = [...ctx.store.invitations.values()].filter((i) =>
      ctx.store.canAccessCustomer(ctx.userId, String(i['CustomerId'])),
    );
    return {
      UserInvitations: search(
        visible,
        INVITATION_FIELDS,
        req['Predicates'] as Predicate[],
        undefined,
        undefined,
      ),
    };
  },
};
