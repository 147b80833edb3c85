/**
 * The committed samples as regression fixtures for both codecs (see
 * README.md). For every test/samples/<service>/<Operation>/:
 * - the SOAP encoder turns request.json into exactly request.xml (header token values aside);
 * - the SOAP decoder turns response.xml into exactly response.json;
 * - request.xml and response.xml are valid against the service's XSD (the mock's xmllint
 *   validator, the same one every e2e request goes through);
 * - the REST encoder's body for request.json is valid against the operation's OpenAPI
 *   request schema (the mock's ajv validator), at the route the descriptor names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findRoute } from '../../mock/src/rest/openapi-doc.ts';
import { ServiceRegistry } from '../../mock/src/services.ts';
import { encodeRestBody } from '../../runtime/src/rest/encode.ts';
import {
  decodeSampleSoap,
  descriptorOf,
  encodeSampleRest,
  encodeSampleSoap,
  listSamples,
  normalizeHeaderTokens,
  operationOf,
  readJson,
  readText,
  type Sample,
} from './sample-codec.ts';

const samples = listSamples();
const registry = new ServiceRegistry(new URL('../../specs', import.meta.url).pathname);
const name = (s: Sample) => `${s.service}/${s.operation}`;

/** XSD verdicts per file, one xmllint run per service for all its samples' documents. */
const xsdErrors = new Map<string, string[]>();

beforeAll(async () => {
  const services = [...new Set(samples.map((s) => s.service))];
  await Promise.all(
    services.map(async (service) => {
      const mine = samples.filter((s) => s.service === service);
      const files = mine.flatMap((s) => [
        [`${name(s)}/request.xml`, readText(s, 'request.xml')],
        [`${name(s)}/response.xml`, readText(s, 'response.xml')],
      ]);
      const side = await registry.soap(service);
      const results = await side.validator.validateMany(files.map(([, xml]) => xml!));
      files.forEach(([file], i) => xsdErrors.set(file!, results[i]!));
    }),
  );
}, 60_000);

describe('request/response samples', () => {
  it('cover 2-3 operations of each of the six services', () => {
    const perService = new Map<string, number>();
    for (const s of samples) perService.set(s.service, (perService.get(s.service) ?? 0) + 1);
    expect([...perService.keys()].sort()).toEqual([
      'ad-insight',
      'bulk',
      'campaign-management',
      'customer-billing',
      'customer-management',
      'reporting',
    ]);
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(samples.map((s) => [name(s), s] as const))('%s', (_label, sample) => {
    it('SOAP encoder output is request.xml', async () => {
      const encoded = await encodeSampleSoap(sample);
      const committed = readText(sample, 'request.xml').replace(/\n$/, '');
      expect(normalizeHeaderTokens(encoded)).toBe(normalizeHeaderTokens(committed));
    });

    it('SOAP decoder output for response.xml is response.json', async () => {
      expect(await decodeSampleSoap(sample)).toEqual(readJson(sample, 'response.json'));
    });

    it('request.xml and response.xml are valid against the XSD', () => {
      expect(xsdErrors.get(`${name(sample)}/request.xml`)).toEqual([]);
      expect(xsdErrors.get(`${name(sample)}/response.xml`)).toEqual([]);
    });

    it('REST encoder output is valid against the OpenAPI request schema', async () => {
      const { op } = await operationOf(sample);
      const side = await registry.rest(sample.service);
      const route = findRoute(side.rest, op.rest!.method, op.rest!.path);
      expect(route?.name).toBe(sample.operation);
      const body: unknown = JSON.parse(await encodeSampleRest(sample));
      expect(side.validator.validate(route!.requestSchema, body)).toEqual([]);
      // 64-bit integers travel as JSON strings: no digit of an id above 2^53 may be lost.
      const text = JSON.stringify(body);
      for (const id of JSON.stringify(readJson(sample, 'request.json')).match(/"\d{16,19}"/g) ?? [])
        expect(text).toContain(id);
    });
  });
});

describe('REST nullability narrower than the TypeScript type', () => {
  // AdvertiserAccount.PaymentMethodType is nillable in the WSDL, so the type allows null; the
  // OpenAPI enum is not nullable. The descriptor says `restNullable: false`, and the REST
  // encoder leaves the null out (null and absent both mean "not set" in REST) while SOAP
  // still sends i:nil (AddAccount/request.xml).
  it('REST: a null in a SOAP-only-nullable enum field is omitted and the body is valid', async () => {
    const d = await descriptorOf('customer-management');
    const side = await registry.rest('customer-management');
    const op = d.operations['AddAccount']!;
    const account = d.types['AdvertiserAccount'];
    const field =
      account?.kind === 'object'
        ? account.fields.find((f) => f.name === 'PaymentMethodType')
        : undefined;
    expect(field).toMatchObject({ nullable: true, restNullable: false });
    const body = JSON.parse(
      encodeRestBody(d, op, {
        Account: { Name: 'x', ParentCustomerId: '9007199254740993', PaymentMethodType: null },
      }),
    ) as { Account: Record<string, unknown> };
    expect(body.Account).toEqual({
      Name: 'x',
      ParentCustomerId: '9007199254740993',
    });
    const route = findRoute(side.rest, op.rest!.method, op.rest!.path)!;
    expect(side.validator.validate(route.requestSchema, body)).toEqual([]);
  });

  it('the AddAccount sample sends PaymentMethodType as i:nil in SOAP and not at all in REST', async () => {
    const sample = samples.find(
      (s) => s.service === 'customer-management' && s.operation === 'AddAccount',
    )!;
    expect(readJson(sample, 'request.json')).toMatchObject({
      Account: { PaymentMethodType: null, PaymentMethodId: null },
    });
    expect(readText(sample, 'request.xml')).toContain('<n1:PaymentMethodType i:nil="true"/>');
    const rest = JSON.parse(await encodeSampleRest(sample)) as { Account: Record<string, unknown> };
    expect('PaymentMethodType' in rest.Account).toBe(false);
    // A field REST may null keeps its null.
    expect(rest.Account.PaymentMethodId).toBeNull();
  });
});

describe('header token normalization', () => {
  it('replaces only the two token values, whatever the prefix', () => {
    const xml =
      '<s:Header><n0:AuthenticationToken>eyJ0eXAi.secret</n0:AuthenticationToken><n0:CustomerId>42</n0:CustomerId><DeveloperToken>ABC</DeveloperToken></s:Header>';
    expect(normalizeHeaderTokens(xml)).toBe(
      '<s:Header><n0:AuthenticationToken>{AuthenticationToken}</n0:AuthenticationToken><n0:CustomerId>42</n0:CustomerId><DeveloperToken>{DeveloperToken}</DeveloperToken></s:Header>',
    );
  });
});
