/**
 * Customer Management's state, in memory: customers, accounts, users (with their customer
 * roles), client links and user invitations. Values keep the service's field names, int64 as
 * decimal strings; ids start above 2^53 so a client that parses them as JS numbers breaks.
 * TimeStamps are base64 row versions that change on every write (optimistic concurrency).
 */
export type Entity = Record<string, unknown>;

export interface CustomerRole {
  RoleId: number;
  CustomerId: string;
  AccountIds: string[] | null;
  LinkedAccountIds: string[] | null;
  CustomerLinkPermission: string | null;
}

export interface UserRecord {
  user: Entity;
  roles: CustomerRole[];
}

const FIRST_ID = 9007199254740993n; // 2^53 + 1: the first integer a double cannot hold

export class CmStore {
  private nextId = FIRST_ID;
  private version = 0n;
  readonly customers = new Map<string, Entity>();
  readonly accounts = new Map<string, Entity>();
  readonly users = new Map<string, UserRecord>();
  readonly clientLinks: Entity[] = [];
  readonly invitations = new Map<string, Entity>();

  constructor(private readonly now: () => number) {}

  newId(): string {
    const id = this.nextId;
    this.nextId += 2n; // odd ids only: off-by-one rounding to an even double is visible
    return id.toString();
  }

  /** A fresh row version (8 bytes, big-endian), base64 as DataContract writes byte[]. */
  newTimeStamp(): string {
    this.version += 1n;
    const buf = Buffer.alloc(8);
    buf.writeBigUInt64BE(this.version);
    return buf.toString('base64');
  }

  isoNow(): string {
    return new Date(this.now()).toISOString();
  }

  customerIdsOf(userId: string): string[] {
    return (this.users.get(userId)?.roles ?? []).map((r) => r.CustomerId);
  }

  canAccessCustomer(userId: string, customerId: string): boolean {
    if (this.customerIdsOf(userId).includes(customerId)) return true;
    // A managing (agency) customer reaches its active client customers.
    return this.clientLinks.some(
      (l) =>
        l['ClientEntityId'] === customerId &&
        l['Status'] === 'Active' &&
        this.customerIdsOf(userId).includes(String(l['ManagingCustomerId'])),
    );
  }

  canAccessAccount(userId: string, accountId: string): boolean {
    const account = this.accounts.get(accountId);
    if (!account) return false;
    if (this.canAccessCustomer(userId, String(account['ParentCustomerId']))) return true;
    return (this.users.get(userId)?.roles ?? []).some((r) =>
      r.LinkedAccountIds?.includes(accountId),
    );
  }

  addCustomer(fields: Entity): Entity {
    const id = this.newId();
    const customer: Entity = {
      ...fields,
      Id: id,
      Number: `C${id.slice(-8)}`,
      CustomerLifeCycleStatus: fields['CustomerLifeCycleStatus'] ?? 'Active',
      CustomerFinancialStatus: fields['CustomerFinancialStatus'] ?? 'ClearFinancialStatus',
      LastModifiedTime: this.isoNow(),
      TimeStamp: this.newTimeStamp(),
    };
    this.customers.set(id, customer);
    return customer;
  }

  addAccount(fields: Entity, parentCustomerId: string, userId: string): Entity {
    const id = this.newId();
    const account: Entity = {
      ...fields,
      Id: id,
      Number: `F1${id.slice(-6)}`,
      ParentCustomerId: parentCustomerId,
      PrimaryUserId: fields['PrimaryUserId'] ?? userId,
      AccountLifeCycleStatus: fields['AccountLifeCycleStatus'] ?? 'Active',
      AccountFinancialStatus: fields['AccountFinancialStatus'] ?? 'ClearFinancialStatus',
      LastModifiedByUserId: userId,
      LastModifiedTime: this.isoNow(),
      TimeStamp: this.newTimeStamp(),
    };
    this.accounts.set(id, account);
    return account;
  }

  addUser(fields: Entity, roles: CustomerRole[]): Entity {
    const id = this.newId();
    const user: Entity = {
      ...fields,
      Id: id,
      UserLifeCycleStatus: fields['UserLifeCycleStatus'] ?? 'Active',
      LastModifiedTime: this.isoNow(),
      TimeStamp: this.newTimeStamp(),
    };
    this.users.set(id, { user, roles });
    return user;
  }
}

export interface SeedIds {
  userId: string;
  customerId: string;
  accountId: string;
  /** A customer and account the seeded user may NOT access (for 106 tests). */
  otherUserId: string;
  otherCustomerId: string;
  otherAccountId: string;
}

/** The starting state: one user with one customer and account, and a stranger's pair. */
export function seedStore(store: CmStore): SeedIds {
  const make = (name: string, email: string) => {
    const customer = store.addCustomer({
      Name: `${name} Customer`,
      MarketCountry: 'US',
      MarketLanguage: 'English',
      Industry: 'Other',
    });
    const customerId = String(customer['Id']);
    const user = store.addUser(
      {
        CustomerId: customerId,
        UserName: email,
        Name: { FirstName: name, LastName: 'Mock', MiddleInitial: null },
        ContactInfo: { Email: email, Phone1: '555-0100' },
        Lcid: 'EnglishUS',
        JobTitle: 'Advertiser',
      },
      [
        {
          RoleId: 41,
          CustomerId: customerId,
          AccountIds: null,
          LinkedAccountIds: null,
          CustomerLinkPermission: null,
        },
      ],
    );
    const userId = String(user['Id']);
    const account = store.addAccount(
      {
        Name: `${name} Account`,
        CurrencyCode: 'USD',
        TimeZone: 'PacificTimeUSCanadaTijuana',
        Language: 'English',
        PaymentMethodType: 'CreditCard',
      },
      customerId,
      userId,
    );
    return { userId, customerId, accountId: String(account['Id']) };
  };
  const mine = make('Ada', 'ada@example.com');
  const other = make('Grace', 'grace@example.com');
  return {
    ...mine,
    otherUserId: other.userId,
    otherCustomerId: other.customerId,
    otherAccountId: other.accountId,
  };
}
