import { createRequire } from 'node:module';
import { Agent } from 'undici';
import { describe, expect, it } from 'vitest';
import { loadAgent } from '../../../runtime/src/transport.ts';

const realRequire = createRequire(import.meta.url);

describe('the transport loads undici’s Agent without the rest of undici', () => {
  it('gets the very class undici’s entry exports', () => {
    expect(loadAgent()).toBe(Agent);
  });

  it('falls back to the entry when the Agent module has moved', () => {
    const asked: string[] = [];
    const movedRequire = Object.assign((id: string) => {
      asked.push(id);
      if (id.startsWith('undici/lib/')) {
        throw Object.assign(new Error(`Cannot find module '${id}'`), {
          code: 'MODULE_NOT_FOUND',
        });
      }
      return realRequire(id);
    }, realRequire) as NodeJS.Require;
    expect(loadAgent(movedRequire)).toBe(Agent);
    expect(asked).toEqual(['undici/lib/dispatcher/agent.js', 'undici']);
  });

  it('falls back to the entry when the Agent module no longer exports a class', () => {
    const changedRequire = Object.assign(
      (id: string) => (id.startsWith('undici/lib/') ? { Agent: 'not a class' } : realRequire(id)),
      realRequire,
    ) as NodeJS.Require;
    expect(loadAgent(changedRequire)).toBe(Agent);
  });
});
