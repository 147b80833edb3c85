import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../generator/specs/manifest.ts';

// README's "Using a generated client" example must stay true: it is type-checked, strictly,
// against the real generated package and runtime (their dist/ .d.ts), from outside the repo.
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function readmeExample(): Promise<string> {
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split('## Using a generated client')[1];
  const code = section?.match(/```ts\n([\s\S]*?)```/)?.[1];
  if (!code) throw new Error('README.md has no ```ts block under "## Using a generated client"');
  return code;
}

describe('README example', () => {
  it('type-checks against @adsgen/customer-management and @adsgen/runtime', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'adsgen-readme-'));
    dirs.push(dir);
    await mkdir(join(dir, 'node_modules', '@adsgen'), { recursive: true });
    await symlink(join(REPO_ROOT, 'runtime'), join(dir, 'node_modules', '@adsgen', 'runtime'));
    await symlink(
      join(REPO_ROOT, 'generated', 'customer-management'),
      join(dir, 'node_modules', '@adsgen', 'customer-management'),
    );
    await symlink(join(REPO_ROOT, 'node_modules', '@types'), join(dir, 'node_modules', '@types'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const file = join(dir, 'example.ts');
    await writeFile(file, await readmeExample());
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
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  });
});
