import { listSpecFiles } from './specs/lock.ts';
import { SPECS_DIR } from './specs/manifest.ts';

/**
 * `model` and `diff` run `adsgen specs` first when specs/ holds no spec yet (`generate` does
 * not: it only emits, and names `npm run specs` instead). The specs command (and undici with
 * it) is imported only then: it would weigh on every start-up.
 */
export async function ensureSpecs(log: (line: string) => void): Promise<void> {
  const files = await listSpecFiles(SPECS_DIR).catch(() => [] as string[]);
  if (files.some((f) => f.endsWith('.wsdl')) && files.some((f) => f.endsWith('.openapi.json')))
    return;
  log('specs/ holds no spec files yet: running `adsgen specs` first');
  const { runSpecs } = await import('./specs/command.ts');
  await runSpecs({}, log);
}
