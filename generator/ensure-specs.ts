import { hasSpecs, runSpecs } from './specs/command.ts';
import { SPECS_DIR } from './specs/manifest.ts';

/** `generate`, `model` and `diff` run `adsgen specs` first when specs/ holds no spec yet. */
export async function ensureSpecs(log: (line: string) => void): Promise<void> {
  if (await hasSpecs(SPECS_DIR)) return;
  log('specs/ holds no spec files yet: running `adsgen specs` first');
  await runSpecs({}, log);
}
