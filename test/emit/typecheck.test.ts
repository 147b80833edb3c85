import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/emit/generate.ts';
import { SPECS_DIR, serviceIds } from '../../generator/specs/manifest.ts';
import { formatDiagnostics, typeCheck, writeRuntimeStub, type Diagnostic } from './ts-check.ts';

/**
 * The generated packages under a consumer's strict compiler: every package's sources and
 * declarations type-check, and a consumer outside the repository that imports
 * @adsgen/customer-management and @adsgen/campaign-management compiles its correct code and
 * gets an error for each deliberate mistake, for the reason intended.
 */

const SPECS = SPECS_DIR;
const ALL = serviceIds();
const LONG = 300_000;

let root: string;
let generated: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'adsgen-typecheck-'));
  generated = join(root, 'generated');
  await generate({
    services: ALL,
    specsDir: SPECS,
    outDir: generated,
    log: () => undefined,
    tty: false,
  });
  writeRuntimeStub(root);
}, LONG);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

const IMPORTS = `import { CustomerManagementClient, AccountLifeCycleStatus } from '@adsgen/customer-management';
import type { GetUserRequest, UserInfo, AdvertiserAccount, Predicate } from '@adsgen/customer-management';
import { CampaignManagementClient, AdType } from '@adsgen/campaign-management';
import type { Ad, AddAdsRequest, BatchError, AdsDate, ResponsiveSearchAd, Criterion } from '@adsgen/campaign-management';
declare const cm: CustomerManagementClient;
declare const campaigns: CampaignManagementClient;
declare const ad: Ad;
declare function use(...values: unknown[]): void;
`;

const GOOD = `
export async function good(): Promise<void> {
  const user = await cm.getUser({ UserId: '9007199254740993' });
  const id: string | null | undefined = user.User?.Id;
  const predicate: Predicate = { Field: 'UserId', Operator: 'Equals', Value: id ?? '' };
  const found = await cm.searchAccounts({ Predicates: [predicate], PageInfo: { Index: 0, Size: 10 } });
  const accounts: (AdvertiserAccount | null)[] = found.Accounts ?? [];
  const status: AccountLifeCycleStatus = AccountLifeCycleStatus.Active;
  const request: AddAdsRequest = {
    AdGroupId: '1',
    Ads: [{ Type: 'ResponsiveSearch', Headlines: [], Descriptions: [], FinalUrls: ['https://example.com'] }],
  };
  const added = await campaigns.addAds(request);
  for (const e of added.PartialErrors ?? []) {
    if (e?.Type === 'EditorialError') use(e.DisapprovedText, e.Location);
    else if (e) use(e.Code, e.Message);
  }
  const got = await campaigns.getAdsByAdGroupId({ AdGroupId: '1', AdTypes: [AdType.ResponsiveSearch, 'Text'] });
  for (const a of got.Ads ?? []) if (a?.Type === 'ResponsiveSearch') use(a.Headlines?.length);
  if (ad.Type === 'ResponsiveSearch') use(ad.Headlines);
  const rsa: ResponsiveSearchAd = { Type: 'ResponsiveSearch', Path1: 'shoes' };
  const day: AdsDate = { Day: 1, Month: 2, Year: 2026 };
  const criterion: Criterion | undefined = undefined;
  const error: BatchError = { Type: 'BatchError', Code: 1, Index: 0, Message: 'x' } as BatchError;
  use(accounts.length, status, rsa, day, criterion, error);
}
`;

/** Mistakes a consumer must not get away with: the snippet, and the error codes that count as the right reason. */
const BAD: { what: string; code: string; codes: number[] }[] = [
  {
    what: 'a wrong enum literal',
    code: `const s: AccountLifeCycleStatus = 'Activ';`,
    codes: [2322, 2820],
  },
  {
    what: 'a wrong enum literal in a request',
    code: `campaigns.getAdsByAdGroupId({ AdGroupId: '1', AdTypes: ['ResponsiveSearchAd'] });`,
    codes: [2322, 2820],
  },
  { what: 'a number for an int64 id', code: `cm.getUser({ UserId: 123 });`, codes: [2322] },
  {
    what: 'a number for an int64 id in a nested object',
    code: `const r: AddAdsRequest = { AdGroupId: 42, Ads: [] };`,
    codes: [2322],
  },
  {
    what: 'a missing required field',
    code: `const d: AdsDate = { Day: 1, Month: 2 };`,
    codes: [2741],
  },
  {
    what: 'a missing required field (customer management)',
    code: `const u: UserInfo = { UserName: 'x' };`,
    codes: [2741],
  },
  {
    what: 'an abstract base sent without a concrete Type',
    code: `const r: AddAdsRequest = { AdGroupId: '1', Ads: [{ Headlines: [] }] };`,
    codes: [2322, 2741, 2353],
  },
  {
    what: 'an abstract base as itself',
    code: `const a: Ad = { Id: '1' };`,
    codes: [2322, 2741, 2353],
  },
  {
    what: 'fields of another subtype than Type says',
    code: `const a: Ad = { Type: 'Text', Headlines: [] };`,
    codes: [2322, 2353],
  },
  { what: 'a subtype field without narrowing on Type', code: `use(ad.Headlines);`, codes: [2339] },
  {
    what: 'a request of the wrong operation',
    code: `cm.getUser({ AccountId: '1' } satisfies GetUserRequest);`,
    codes: [2353],
  },
];

describe('generated packages under strict TypeScript', () => {
  it(
    'type-checks the sources of every generated package',
    () => {
      const files = ALL.flatMap((id) =>
        readdirSync(join(generated, id, 'src'))
          .filter((f) => f.endsWith('.ts')) // descriptor.js is data, declared by descriptor.d.ts
          .map((f) => join(generated, id, 'src', f)),
      );
      // Four modules a package, the bulk package's three record and Bulk file modules, the
      // reporting package's download-report and report-columns.
      expect(files.length).toBe(24 + 3 + 2);
      expect(formatDiagnostics(typeCheck(files))).toEqual([]);
    },
    LONG,
  );

  it(
    'compiles a consumer outside the repository and rejects each deliberate mistake',
    () => {
      const consumer = join(root, 'consumer');
      const modules = join(consumer, 'node_modules', '@adsgen');
      mkdirSync(modules, { recursive: true });
      for (const id of ALL) symlinkSync(join(generated, id), join(modules, id), 'dir');
      writeFileSync(
        join(consumer, 'package.json'),
        JSON.stringify({ name: 'consumer', type: 'module' }),
      );
      const good = join(consumer, 'good.ts');
      const expectErrors = BAD.map((b) => `{\n// @ts-expect-error ${b.what}\n${b.code}\n}\n`).join(
        '',
      );
      writeFileSync(
        good,
        `${IMPORTS}${GOOD}\nexport function mistakes(): void {\n${expectErrors}}\n`,
      );
      const badFiles = BAD.map((b, i) => {
        const path = join(consumer, `bad-${i}.ts`);
        writeFileSync(path, `${IMPORTS}export function mistake(): void {\n${b.code}\n}\n`);
        return path;
      });
      // Every package's declarations are checked too (skipLibCheck is off).
      const declarations = ALL.map((id) =>
        join(consumer, 'node_modules', '@adsgen', id, 'dist', 'index.d.ts'),
      );
      const diagnostics = typeCheck([good, ...badFiles, ...declarations]);
      const inFile = (path: string): Diagnostic[] => diagnostics.filter((d) => d.file === path);
      expect(formatDiagnostics(diagnostics.filter((d) => !badFiles.includes(d.file)))).toEqual([]);
      const snippetLine = IMPORTS.split('\n').length + 1;
      const wrong: string[] = [];
      for (const [i, b] of BAD.entries()) {
        const found = inFile(badFiles[i] as string);
        if (found.length === 0) wrong.push(`${b.what}: compiles`);
        for (const d of found) {
          if (d.line !== snippetLine || !b.codes.includes(d.code))
            wrong.push(`${b.what}: line ${d.line} TS${d.code} ${d.message}`);
        }
      }
      expect(wrong).toEqual([]);
    },
    LONG,
  );
});
