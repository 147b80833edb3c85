import type { CallOptions, ServiceClient } from './client.js';
import type { ServiceDescriptor } from './descriptors.js';

/** `ServiceClient.call` is protected: generated classes reach it only through these methods. */
interface Caller {
  call(operation: string, request: object, options?: CallOptions): Promise<unknown>;
}

/**
 * Defines one method per operation on a generated client class, from its descriptor:
 * `getUser(request, options)` → `this.call('GetUser', request, options)`; an operation without
 * request type takes only `(options)`. The generated package declares the same methods, with
 * their types and TSDoc, in an interface merged with the class (as AWS SDK v3's aggregated
 * clients do), so the package ships data and declarations instead of one function body per
 * operation: campaign-management has 191.
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
    const operation = op.name;
    const method =
      op.request === undefined
        ? {
            [name](this: Caller, options?: CallOptions) {
              return this.call(operation, {}, options);
            },
          }[name]
        : {
            [name](this: Caller, request: object = {}, options?: CallOptions) {
              return this.call(operation, request, options);
            },
          }[name];
    Object.defineProperty(proto, name, {
      value: method,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
}
