import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createXsdValidator, type XsdValidator } from '../mock-server/soap/xsd-validator.ts';
import { extractSchemas } from '../mock-server/wsdl/extract-schemas.ts';
import { CM_NS, envelope } from './helpers.ts';

const WSDL = readFileSync(
  join(import.meta.dirname, '..', '..', 'specs', 'customer-management.wsdl'),
  'utf8',
);

const searchAccounts = (inner: string) =>
  envelope(
    CM_NS,
    { AuthenticationToken: 't', DeveloperToken: 'BBD37VB98' },
    `<SearchAccountsRequest xmlns="${CM_NS}" xmlns:e="https://bingads.microsoft.com/Customer/v13/Entities">${inner}</SearchAccountsRequest>`,
  );
const predicates =
  '<Predicates><e:Predicate><e:Field>AccountName</e:Field><e:Operator>Contains</e:Operator><e:Value>Ada</e:Value></e:Predicate></Predicates>';
const paging = '<PageInfo><e:Index>0</e:Index><e:Size>10</e:Size></PageInfo>';

describe('XSD validation of SOAP envelopes (schemas extracted from the WSDL at run time)', () => {
  let validator: XsdValidator;
  beforeAll(() => {
    validator = createXsdValidator(extractSchemas(WSDL, 'customer-management'));
  });

  it('extracts one standalone schema per namespace, imports pointing at each other', () => {
    const files = extractSchemas(WSDL, 'cm');
    expect(files.map((f) => f.namespace)).toContain(CM_NS);
    expect(files.map((f) => f.namespace)).toContain('https://adapi.microsoft.com');
    const main = files.find((f) => f.namespace === CM_NS)!;
    expect(main.contents).toMatch(
      /<xs:import namespace="https:\/\/bingads.microsoft.com\/Customer\/v13\/Entities" schemaLocation="cm-\d+\.xsd"/,
    );
    // tns is declared on wsdl:definitions only; the extracted schema must carry it.
    expect(main.contents).toContain('xmlns:tns="https://bingads.microsoft.com/Customer/v13"');
  });

  it('accepts a correct hand-written GetUser envelope', async () => {
    const xml = envelope(
      CM_NS,
      { AuthenticationToken: 'token', DeveloperToken: 'BBD37VB98' },
      `<GetUserRequest xmlns="${CM_NS}"><UserId>9007199254740995</UserId></GetUserRequest>`,
    );
    expect(await validator.validate(xml)).toEqual([]);
  });

  it('accepts body elements in schema order and rejects them out of order', async () => {
    expect(await validator.validate(searchAccounts(predicates + paging))).toEqual([]);
    const errors = await validator.validate(searchAccounts(paging + predicates));
    expect(errors.join('\n')).toMatch(/Predicates': This element is not expected/);
  });

  it('rejects a value of the wrong type, naming the element', async () => {
    const errors = await validator.validate(
      envelope(
        CM_NS,
        {},
        `<GetUserRequest xmlns="${CM_NS}"><UserId>12.5</UserId></GetUserRequest>`,
      ),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('UserId');
    expect(errors[0]).toContain('xs:long');
  });

  it('rejects a body element the service does not declare and a header with element content', async () => {
    const errors = await validator.validate(
      envelope(CM_NS, { DeveloperToken: '<x/>' }, `<GetUserRequst xmlns="${CM_NS}"/>`),
    );
    expect(
      errors.some((e) => e.includes('GetUserRequst') && e.includes('No matching global element')),
    ).toBe(true);
    expect(errors.some((e) => e.includes('DeveloperToken'))).toBe(true);
  });

  it('validates many documents in one run and keeps their errors apart', async () => {
    const good = envelope(
      CM_NS,
      {},
      `<GetUserRequest xmlns="${CM_NS}"><UserId>1</UserId></GetUserRequest>`,
    );
    const bad = envelope(
      CM_NS,
      {},
      `<GetUserRequest xmlns="${CM_NS}"><UserId>x</UserId></GetUserRequest>`,
    );
    const [a, b, c] = await Promise.all([
      validator.validate(good),
      validator.validate(bad),
      validator.validate(good),
    ]);
    expect(a).toEqual([]);
    expect(b).toHaveLength(1);
    expect(c).toEqual([]);
  });
});

describe('schemas pruned to one operation', () => {
  const CAMPAIGN = 'https://bingads.microsoft.com/CampaignManagement/v13';
  const text = readFileSync(
    join(import.meta.dirname, '..', '..', 'specs', 'campaign-management.wsdl'),
    'utf8',
  );

  it('keep the request, its headers and every derived type, and still catch violations', async () => {
    const { describeWsdl } = await import('../mock-server/wsdl/service-description.ts');
    const { parseXmlTree } = await import('../mock-server/xml/tree.ts');
    const { pruneSchemas, reachable } = await import('../mock-server/wsdl/prune-schemas.ts');
    const desc = describeWsdl(parseXmlTree(text));
    const files = extractSchemas(text, 'campaign');
    const op = desc.byName.get('AddAds')!;
    const keep = reachable(desc.schemas, [
      op.requestElement,
      ...op.requestHeaders.map((h) => h.element),
    ])!;
    const pruned = pruneSchemas(files, keep);
    const size = (fs: { contents: string }[]) => fs.reduce((n, f) => n + f.contents.length, 0);
    expect(size(pruned)).toBeLessThan(size(files) / 5);
    expect(keep.has(`{${CAMPAIGN}}ResponsiveSearchAd`)).toBe(true); // derived from Ad
    expect(keep.has(`{${CAMPAIGN}}Campaign`)).toBe(false);

    const v = createXsdValidator(pruned);
    const ads = (inner: string) =>
      envelope(
        CAMPAIGN,
        { DeveloperToken: 'BBD37VB98' },
        `<AddAdsRequest xmlns="${CAMPAIGN}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><AdGroupId>1</AdGroupId><Ads>${inner}</Ads></AddAdsRequest>`,
      );
    const [ok, outOfOrder, badType] = await v.validateMany([
      ads('<Ad i:type="ExpandedTextAd"><Id>1</Id><Path1>p</Path1><TitlePart1>t</TitlePart1></Ad>'),
      ads('<Ad i:type="ExpandedTextAd"><Path1>p</Path1><Id>1</Id></Ad>'),
      ads('<Ad i:type="Campaign"><Id>1</Id></Ad>'),
    ]);
    expect(ok).toEqual([]);
    expect(outOfOrder!.join()).toContain("Id': This element is not expected");
    expect(badType!.join()).toContain('does not resolve to a type definition');
  });
});
