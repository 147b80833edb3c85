import type { Agent, EnvHttpProxyAgent, ProxyAgent } from 'undici';

/**
 * undici's Agent class, for the transport. Loaded from undici's own Agent module rather than
 * the package entry: the entry loads fetch, WebSocket, caches and mocks too, most of its
 * import time on a cold process (`npm run bench`, cold start), none of which we use. The
 * class is the very object the entry exports (test/runtime/client/transport-agent.test.ts).
 *
 * Loaded by `import()` with literal specifiers, on a client's first request: Node resolves
 * them (undici has no `exports` map), and bundlers (esbuild, webpack, Rollup) follow them
 * into a user's bundle, which a `createRequire` call would hide from them. Should a future
 * undici move the module, the entry is the fallback: slower, never broken.
 *
 * The proxy agents come from the entry, and only for a client whose options name a proxy: a
 * client without one never loads them. Not from their own modules: a proxy agent opens its
 * tunnels with `Dispatcher#connect`, a method undici's entry installs on every dispatcher.
 */

export type AgentClass = typeof Agent;
export type ProxyAgentClass = typeof ProxyAgent;
export type EnvHttpProxyAgentClass = typeof EnvHttpProxyAgent;

/** Where the class can come from, in order of preference (tests pass their own). */
export interface AgentSources {
  agentModule(): Promise<unknown>;
  entry(): Promise<{ Agent: AgentClass }>;
}

const UNDICI: AgentSources = {
  agentModule: () => import('undici/lib/dispatcher/agent.js'),
  entry: () => import('undici'),
};

export async function loadAgentClass(sources: AgentSources = UNDICI): Promise<AgentClass> {
  return loadClass(sources.agentModule, async () => (await sources.entry()).Agent);
}

/** The module's default export when it is a class, else what the entry has. */
async function loadClass<T>(module: () => Promise<unknown>, entry: () => Promise<T>): Promise<T> {
  try {
    const found = ((await module()) as { default?: unknown }).default;
    if (typeof found === 'function') return found as T;
  } catch {
    // moved or removed: the entry has it
  }
  return entry();
}

let shared: Promise<AgentClass> | undefined;
let proxy: Promise<typeof import('undici')> | undefined;

/** The class, loaded once per process. */
export function agentClass(): Promise<AgentClass> {
  return (shared ??= loadAgentClass());
}

/** undici's ProxyAgent (one explicit proxy), loaded once per process on first use. */
export async function proxyAgentClass(): Promise<ProxyAgentClass> {
  return (await (proxy ??= import('undici'))).ProxyAgent;
}

/** undici's EnvHttpProxyAgent (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), loaded on first use. */
export async function envHttpProxyAgentClass(): Promise<EnvHttpProxyAgentClass> {
  return (await (proxy ??= import('undici'))).EnvHttpProxyAgent;
}
