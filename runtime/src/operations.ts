import type { CallOptions, ServiceClient } from './client.js';
import type { PagingDescriptor, ServiceDescriptor } from './descriptors.js';
import { paginate, type PaginateOptions } from './paginate.js';

/**
 * `ServiceClient.call` and `callWithResponse` are protected: generated classes reach them
 * only through these methods.
 */
interface Caller {
  call(operation: string, request: object, options?: CallOptions): Promise<unknown>;
  callWithResponse(operation: string, request: object, options?: CallOptions): Promise<unknown>;
}

type Invoke = (
  client: Caller,
  operation: string,
  request: object,
  options?: CallOptions,
) => Promise<unknown>;

/** The client behind a view object (`client.withResponse`). */
const CLIENT = Symbol('adsgen.client');

/** Views made so far, one per client and view name. */
const views = new WeakMap<object, Map<string, object>>();

/**
 * Defines one method per operation on a generated client class, from its descriptor:
 * `getUser(request, options)` → `this.call('GetUser', request, options)`; an operation without
 * request type takes only `(options)`. The generated package declares the same methods, with
 * their types and TSDoc, in an interface merged with the class (as AWS SDK v3's aggregated
 * clients do), so the package ships data and declarations instead of one function body per
 * operation: campaign-management has 191.
 *
 * Also `client.withResponse`, a getter for an object with the same methods resolving to
 * `{ data, response }` (`callWithResponse`), and, when some operation pages (its descriptor's
 * `paging`), `client.paginate` with one async iterator method per paged operation (see
 * paginate.ts). Each is made on first use per client, its methods shared through one
 * prototype per class.
 *
 * The methods are what `class { m() {} }` makes: non-enumerable, writable, configurable,
 * named for the method. A name the class or ServiceClient already has is refused.
 *
 * @internal
 */
export function installOperations(
  clientClass: abstract new (...args: never[]) => ServiceClient,
  descriptor: ServiceDescriptor,
): void {
  const proto = clientClass.prototype as object;
  const withResponse: object = {};
  const paginators: object = {};
  let paged = false;
  for (const [key, op] of Object.entries(descriptor.operations)) {
    const name = op.method;
    if (name === undefined) {
      throw new TypeError(`installOperations: operation ${key} of ${descriptor.id} has no method`);
    }
    if (name in proto) {
      throw new TypeError(
        `installOperations: ${descriptor.id} operation ${key} would redefine '${name}'`,
      );
    }
    const takesRequest = op.request !== undefined;
    define(
      proto,
      name,
      method(name, op.name, takesRequest, (c, ...a) => c.call(...a), false),
    );
    define(
      withResponse,
      name,
      method(name, op.name, takesRequest, (c, ...a) => c.callWithResponse(...a), true),
    );
    if (op.paging) {
      paged = true;
      define(paginators, name, pager(name, op.name, op.paging));
    }
  }
  installView(proto, descriptor, 'withResponse', withResponse);
  if (paged) installView(proto, descriptor, 'paginate', paginators);
}

/** A getter `name` on `proto` for a per-client object inheriting from `methods`. */
function installView(
  proto: object,
  descriptor: ServiceDescriptor,
  name: string,
  methods: object,
): void {
  if (name in proto) {
    throw new TypeError(`installOperations: ${descriptor.id} would redefine '${name}'`);
  }
  Object.defineProperty(proto, name, {
    get(this: object): object {
      let mine = views.get(this);
      if (mine === undefined) views.set(this, (mine = new Map()));
      let view = mine.get(name);
      if (view === undefined) {
        view = Object.create(methods, { [CLIENT]: { value: this } }) as object;
        mine.set(name, view);
      }
      return view;
    },
    enumerable: false,
    configurable: true,
  });
}

/**
 * `name(request = {}, options)` or, for an operation without request, `name(options)`; on a
 * view (`onView`) the client is the view's, otherwise `this`.
 */
function method(
  name: string,
  operation: string,
  takesRequest: boolean,
  invoke: Invoke,
  onView: boolean,
): (...args: never[]) => Promise<unknown> {
  const client = (self: object): Caller =>
    (onView ? (self as { [CLIENT]: Caller })[CLIENT] : self) as Caller;
  return takesRequest
    ? {
        [name](this: object, request: object = {}, options?: CallOptions) {
          return invoke(client(this), operation, request, options);
        },
      }[name]!
    : {
        [name](this: object, options?: CallOptions) {
          return invoke(client(this), operation, {}, options);
        },
      }[name]!;
}

/** `name(request, options)` of `client.paginate`: the operation's items, page after page. */
function pager(
  name: string,
  operation: string,
  paging: PagingDescriptor,
): (...args: never[]) => AsyncGenerator<unknown, void, undefined> {
  return {
    [name](this: object, request: object = {}, options?: PaginateOptions) {
      const client = (this as { [CLIENT]: Caller })[CLIENT];
      return paginate((r, o) => client.call(operation, r, o), paging, operation, request, options);
    },
  }[name]!;
}

function define(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, {
    value,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}
