import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { Transport } from '../../../runtime/src/transport.ts';
import { agentClass, loadAgentClass } from '../../../runtime/src/undici-agent.ts';

describe('the transport loads undici’s Agent without the rest of undici', () => {
  it('gets the very class undici’s entry exports, once per process', async () => {
    expect(await loadAgentClass()).toBe(Agent);
    expect(agentClass()).toBe(agentClass());
    expect(await agentClass()).toBe(Agent);
  });

  it('falls back to the entry when the Agent module has moved', async () => {
    const asked: string[] = [];
    const moved = await loadAgentClass({
      agentModule: async () => {
        asked.push('agent module');
        throw Object.assign(new Error('Cannot find module'), { code: 'ERR_MODULE_NOT_FOUND' });
      },
      entry: async () => {
        asked.push('entry');
        return { Agent };
      },
    });
    expect(moved).toBe(Agent);
    expect(asked).toEqual(['agent module', 'entry']);
  });

  it('falls back to the entry when the Agent module no longer exports a class', async () => {
    const changed = await loadAgentClass({
      agentModule: async () => ({ default: { Agent: 'not a class' } }),
      entry: async () => ({ Agent }),
    });
    expect(changed).toBe(Agent);
  });

  it('makes no Agent before the first request, and closes without one', async () => {
    const transport = new Transport();
    await expect(transport.close()).resolves.toBeUndefined();
    await expect(
      transport.send({
        url: 'http://127.0.0.1:9/x',
        method: 'POST',
        headers: {},
        body: '',
        operation: 'GetUser',
      }),
    ).rejects.toThrow('GetUser: the client was closed');
  });
});
