import type { ServiceDescriptor } from './descriptors.js';
import type { Protocol } from './errors.js';

/**
 * A client's protocol: one for every operation, or a default with the operations that go the
 * other way, so a team can move to REST operation by operation:
 * `{ default: 'rest', soap: ['GetCampaignsByIds'] }`.
 *
 * @public
 */
export type ProtocolChoice = Protocol | { default: Protocol; soap?: string[]; rest?: string[] };

/** The protocol of each operation, checked against the descriptor once (a typo is a TypeError). */
export function protocolRouter(
  choice: ProtocolChoice | undefined,
  descriptor: ServiceDescriptor,
): { default: Protocol; of(operation: string): Protocol } {
  if (choice === undefined || typeof choice === 'string') {
    const only = choice ?? 'rest';
    if (only !== 'rest' && only !== 'soap') {
      throw new TypeError(
        `ServiceClient: protocol must be 'rest' or 'soap', not '${String(only)}'`,
      );
    }
    return { default: only, of: () => only };
  }
  if (typeof choice !== 'object' || (choice.default !== 'rest' && choice.default !== 'soap')) {
    throw new TypeError(
      "ServiceClient: protocol must be 'rest', 'soap' or { default: 'rest' | 'soap', soap?: [...], rest?: [...] }",
    );
  }
  const routes = new Map<string, Protocol>();
  for (const protocol of ['soap', 'rest'] as const) {
    const names = choice[protocol] ?? [];
    if (!Array.isArray(names))
      throw new TypeError(`ServiceClient: protocol.${protocol} must be a list of operation names`);
    for (const name of names) {
      if (!Object.hasOwn(descriptor.operations, name)) {
        throw new TypeError(
          `ServiceClient: protocol.${protocol} names '${String(name)}', which is not an operation of ${descriptor.id}`,
        );
      }
      if (routes.has(name) && routes.get(name) !== protocol)
        throw new TypeError(`ServiceClient: '${name}' is listed under both soap and rest`);
      routes.set(name, protocol);
    }
  }
  return { default: choice.default, of: (operation) => routes.get(operation) ?? choice.default };
}
