import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createXsdValidator, type XsdValidator } from '../../mock/src/soap/xsd-validator.ts';
import { extractSchemas } from '../../mock/src/wsdl/extract-schemas.ts';
import { ServiceRegistry } from '../../mock/src/services.ts';
import { CAMPAIGN_NS, CM_NS, envelope } from './helpers.ts';

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

describe('one validator per service: requests of any of its operations share an xmllint run', () => {
  const registry = new ServiceRegistry(join(import.meta.dirname, '..', '..', 'specs'));
  const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
  const request = (op: string, inner: string) =>
    envelope(
      CAMPAIGN_NS,
      { DeveloperToken: 'BBD37VB98', CustomerAccountId: '9007199254740993' },
      `<${op}Request xmlns="${CAMPAIGN_NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns:a="${ARRAYS}">${inner}</${op}Request>`,
    );
  const valid = {
    addAds: request(
      'AddAds',
      '<AdGroupId>1</AdGroupId><Ads><Ad i:type="ExpandedTextAd"><Id>1</Id><Path1>p</Path1><TitlePart1>t</TitlePart1></Ad></Ads>',
    ),
    getCampaigns: request(
      'GetCampaignsByAccountId',
      '<AccountId>9007199254740993</AccountId><CampaignType>Search Shopping</CampaignType>',
    ),
    deleteCampaigns: request(
      'DeleteCampaigns',
      '<AccountId>1</AccountId><CampaignIds><a:long>2</a:long><a:long>3</a:long></CampaignIds>',
    ),
    getAdGroups: request('GetAdGroupsByCampaignId', '<CampaignId>7</CampaignId>'),
  };

  it('rejects only the invalid request of a mixed batch, in one run of the full schema set', async () => {
    const { validator } = await registry.soap('campaign-management');
    const before = { ...validator.stats };
    const invalid = request('GetAdGroupsByCampaignId', '<CampaignId>seven</CampaignId>');
    const results = await Promise.all(
      [valid.addAds, valid.getCampaigns, invalid, valid.deleteCampaigns, valid.getAdGroups].map(
        (xml) => validator.validate(xml),
      ),
    );
    expect(validator.stats.runs - before.runs).toBe(1);
    expect(validator.stats.documents - before.documents).toBe(5);
    expect(results.map((e) => e.length)).toEqual([0, 0, 1, 0, 0]);
    expect(results[2]![0]).toContain('CampaignId');
    expect(results[2]![0]).toContain("'seven' is not a valid value");
  });

  it('gives each invalid request of a batch its own violations only', async () => {
    const { validator } = await registry.soap('campaign-management');
    const outOfOrder = request(
      'AddAds',
      '<AdGroupId>1</AdGroupId><Ads><Ad i:type="ExpandedTextAd"><Path1>p</Path1><Id>1</Id></Ad></Ads>',
    );
    const notAnAd = request('AddAds', '<AdGroupId>1</AdGroupId><Ads><Ad i:type="Campaign"/></Ads>');
    const badEnum = request(
      'GetCampaignsByAccountId',
      '<AccountId>1</AccountId><CampaignType>Searches</CampaignType>',
    );
    const [a, b, c, d, e] = await Promise.all(
      [valid.getAdGroups, outOfOrder, notAnAd, badEnum, valid.deleteCampaigns].map((xml) =>
        validator.validate(xml),
      ),
    );
    expect(a).toEqual([]);
    expect(e).toEqual([]);
    expect(b!.join('\n')).toContain("Id': This element is not expected");
    expect(c!.join('\n')).toMatch(/Campaign.*not validly derived|not validly derived.*Campaign/);
    expect(d!.join('\n')).toContain('Searches');
    // Nothing leaks across: each list names only its own document's elements.
    for (const other of [...c!, ...d!]) expect(other).not.toContain('is not expected');
    for (const other of [...b!, ...c!]) expect(other).not.toContain('Searches');
    for (const other of [...b!, ...d!]) expect(other).not.toContain('derived');
  });
});
