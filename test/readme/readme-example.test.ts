import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../generator/specs/manifest.ts';

// README's examples ("Using a generated client", "Reports") must stay true: each is
// type-checked, strictly, against the real generated package and runtime (their dist/ .d.ts),
// from outside the repo.
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function readmeExample(heading: string): Promise<string> {
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(`## ${heading}`)[1];
  const code = section?.match(/```ts\n([\s\S]*?)```/)?.[1];
  if (!code) throw new Error(`README.md has no \`\`\`ts block under "## ${heading}"`);
  return code;
}

/** The problems tsc finds in `code`, compiled as a user of `service`'s package would. */
async function typeCheck(code: string, service: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'adsgen-readme-'));
  dirs.push(dir);
  await mkdir(join(dir, 'node_modules', '@adsgen'), { recursive: true });
  await symlink(join(REPO_ROOT, 'runtime'), join(dir, 'node_modules', '@adsgen', 'runtime'));
  await symlink(
    join(REPO_ROOT, 'generated', service),
    join(dir, 'node_modules', '@adsgen', service),
  );
  await symlink(join(REPO_ROOT, 'node_modules', '@types'), join(dir, 'node_modules', '@types'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  const file = join(dir, 'example.ts');
  await writeFile(file, code);
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(dir, 'node_modules', '@types')],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('README example', () => {
  it('type-checks against @adsgen/customer-management and @adsgen/runtime', async () => {
    const code = await readmeExample('Using a generated client');
    expect(await typeCheck(code, 'customer-management')).toEqual([]);
  });

  it('of Reports type-checks against @adsgen/reporting and @adsgen/runtime/transfer', async () => {
    const code = await readmeExample('Reports');
    expect(await typeCheck(code, 'reporting')).toEqual([]);
    // The typed rows are what the example shows: a column not requested does not compile.
    const wrong = code.replace('row.TimePeriod, row.CampaignName', 'row.Clicks, row.CampaignName');
    expect((await typeCheck(wrong, 'reporting')).join('\n')).toMatch(/Clicks/);
  });
});
