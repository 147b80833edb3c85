/**
 * One configuration for every service: the options a client takes (developer token, auth,
 * customer and account, environment, protocol, endpoint…) given once, and the client classes
 * of the services the application installed.
 *
 * The classes are passed in rather than imported because the runtime sits below the generated
 * packages (each of them depends on it, never the reverse) and because an application
 * installs only the services it uses (`npm run pack -- customer-management campaign-management`):
 * an umbrella that imported all six would force all six on every consumer. The result is
 * typed from what is passed, so `clients.campaignManagement.getCampaignsByAccountId` is
 * checked like a hand-built client.
 */
import type { ClientOptions } from '../client.js';

/**
 * A generated client class (`new CustomerManagementClient(options)`).
 *
 * @public
 */
export type ClientClass<C = unknown> = new (options: ClientOptions) => C;

/**
 * `{ name: Class }` → `{ name: instance }`.
 *
 * @public
 */
export type ClientsOf<T extends Record<string, ClientClass>> = {
  readonly [K in keyof T]: InstanceType<T[K]>;
};

/**
 * Builds one client per entry of `classes`, all with the same `options` (and so sharing one
 * token provider: one refresh serves every service).
 *
 * ```ts
 * const clients = createClients(fromEnv(), {
 *   customerManagement: CustomerManagementClient,
 *   campaignManagement: CampaignManagementClient,
 * });
 * await clients.customerManagement.getUser({ UserId: null });
 * ```
 *
 * @public
 */
export function createClients<T extends Record<string, ClientClass>>(
  options: ClientOptions,
  classes: T,
): ClientsOf<T> {
  if (classes === null || typeof classes !== 'object')
    throw new TypeError(
      'createClients: pass the client classes, e.g. { customerManagement: CustomerManagementClient }',
    );
  const out: Record<string, unknown> = {};
  for (const [name, Client] of Object.entries(classes)) {
    if (typeof Client !== 'function')
      throw new TypeError(`createClients: "${name}" is not a client class`);
    out[name] = new Client(options);
  }
  return out as ClientsOf<T>;
}
