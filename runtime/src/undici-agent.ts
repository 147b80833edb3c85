import type { Agent } from 'undici';

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
 */

export type AgentClass = typeof Agent;

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
  try {
    const agent = ((await sources.agentModule()) as { default?: unknown }).default;
    if (typeof agent === 'function') return agent as AgentClass;
  } catch {
    // moved or removed: the entry has it
  }
  return (await sources.entry()).Agent;
}

let shared: Promise<AgentClass> | undefined;

/** The class, loaded once per process. */
export function agentClass(): Promise<AgentClass> {
  return (shared ??= loadAgentClass());
}
