import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adApiFault, operationFault } from '../../mock/src/faults/api-fault.ts';
import { faultBody } from '../../mock/src/rest/rest-call.ts';
import { soapApiFault, soapResponse } from '../../mock/src/soap/envelope.ts';
import { ServiceRegistry } from '../../mock/src/services.ts';
import { synthesizeJson } from '../../mock/src/synth/json-synth.ts';
import { Prng } from '../../mock/src/synth/prng.ts';
import { synthesizeXsd } from '../../mock/src/synth/xsd-synth.ts';

const registry = new ServiceRegistry(join(import.meta.dirname, '..', '..', 'specs'));
const SERVICES = registry.services.map((s) => s.id);

/** Operation counts the specs README lists (REST), plus Ad Insight's SOAP-only PutMetricData. */
const EXPECTED_OPS: Record<string, { soap: number; rest: number }> = {
  'customer-management': { soap: 39, rest: 39 },
  'campaign-management': { soap: 191, rest: 191 },
  bulk: { soap: 6, rest: 6 },
  reporting: { soap: 2, rest: 2 },
  'ad-insight': { soap: 34, rest: 33 },
  'customer-billing': { soap: 16, rest: 16 },
};

describe.each(SERVICES)('synthesized responses of %s', (service) => {
  it('every SOAP response (and both fault shapes) validates against the WSDL schemas', async () => {
    const { desc, validator } = await registry.soap(service);
    expect(desc.operations.length).toBe(EXPECTED_OPS[service]!.soap);
    const docs = desc.operations.map((op) => {
      const type = desc.schemas.elements.get(op.responseElement)!.type;
      return soapResponse(
        desc,
        op,
        synthesizeXsd(desc.schemas, type, Prng.forOperation(13, op.name)),
        'tracking-1',
      );
    });
    const op = desc.operations[0]!;
    docs.push(soapApiFault(desc, op, adApiFault(105, 401), 'tracking-2'));
    docs.push(
      soapApiFault(desc, op, operationFault(210, 'EntityNotExistent', 'gone'), 'tracking-3'),
    );
    const results = await validator.validateMany(docs);
    const failures = results.flatMap((errors, i) =>
      errors.map((e) => `${desc.operations[i]?.name ?? 'fault'}: ${e}`),
    );
    expect(failures).toEqual([]);
    expect(docs.at(-2)).toContain('<Code>105</Code>');
  });

  it('every REST response (and the fault bodies) validates against the OpenAPI schemas', async () => {
    const { rest, validator } = await registry.rest(service);
    expect(rest.operations.length).toBe(EXPECTED_OPS[service]!.rest);
    const failures: string[] = [];
    for (const op of rest.operations) {
      const value = synthesizeJson(rest.doc, op.responseSchema, Prng.forOperation(13, op.name));
      for (const e of validator.validate(op.responseSchema, value))
        failures.push(`${op.name}: ${e}`);
    }
    const side = await registry.rest(service);
    for (const fault of [adApiFault(106, 403), operationFault(210, 'EntityNotExistent', 'gone')]) {
      const body = faultBody(side, fault, 'tracking-4');
      for (const e of validator.validate({ $ref: '#/components/schemas/ApplicationFault' }, body))
        failures.push(`fault: ${e}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('synthesis properties', () => {
  it('is deterministic for a seed and differs across seeds', async () => {
    const { desc } = await registry.soap('campaign-management');
    const op = desc.byName.get('GetCampaignsByAccountId')!;
    const type = desc.schemas.elements.get(op.responseElement)!.type;
    const a = JSON.stringify(synthesizeXsd(desc.schemas, type, Prng.forOperation(13, op.name)));
    const b = JSON.stringify(synthesizeXsd(desc.schemas, type, Prng.forOperation(13, op.name)));
    const c = JSON.stringify(synthesizeXsd(desc.schemas, type, Prng.forOperation(14, op.name)));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('writes ids above 2^53 and picks subtypes of abstract bases (xsi:type / Type)', async () => {
    const { desc } = await registry.soap('campaign-management');
    const op = desc.byName.get('GetAdsByAdGroupId')!;
    const xml = soapResponse(
      desc,
      op,
      synthesizeXsd(
        desc.schemas,
        desc.schemas.elements.get(op.responseElement)!.type,
        Prng.forOperation(13, op.name),
      ),
      't',
    );
    expect(xml).toMatch(/<Ad i:type="\w+Ad">/);
    // Type agrees with i:type, as the service writes it.
    for (const m of xml.matchAll(/<Ad i:type="(\w+)Ad">.*?<Type>(\w+)<\/Type>/g))
      expect(m[2]).toBe(m[1]);
    const ids = [...xml.matchAll(/<Id>(\d+)<\/Id>/g)].map((m) => BigInt(m[1]!));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id > 2n ** 53n)).toBe(true);

    const { rest } = await registry.rest('campaign-management');
    const restOp = rest.byName.get('GetAdsByAdGroupId')!;
    const json = synthesizeJson(rest.doc, restOp.responseSchema, Prng.forOperation(13, 'x')) as {
      Ads: { Type: string; Id: string }[];
    };
    const mapping = rest.doc.components.schemas['Ad']!.discriminator!.mapping!;
    expect(json.Ads.every((ad) => ad.Type in mapping && typeof ad.Id === 'string')).toBe(true);
  });

  it('fills the deep AuditPointResult.Details of GetDiagnostics: a 2-entry map (REST), a 2-item dictionary (SOAP)', async () => {
    const { rest, validator } = await registry.rest('campaign-management');
    const op = rest.byName.get('GetDiagnostics')!;
    const json = synthesizeJson(rest.doc, op.responseSchema, Prng.forOperation(13, op.name)) as {
      Entities: { Categories: { AuditPoints: { Details: Record<string, unknown> }[] }[] }[];
    };
    const points = json.Entities.flatMap((e) => e.Categories.flatMap((c) => c.AuditPoints));
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) {
      expect(Object.keys(p.Details)).toEqual(['key1', 'key2']);
      expect(Object.values(p.Details).every((v) => typeof v === 'string')).toBe(true);
    }
    expect(validator.validate(op.responseSchema, json)).toEqual([]);
    // The map's value schema is enforced, so the check above is not vacuous.
    points[0]!.Details['key1'] = 7;
    expect(validator.validate(op.responseSchema, json).join('\n')).toMatch(/Details/);

    const { desc, validator: soapValidator } = await registry.soap('campaign-management');
    const soapOp = desc.byName.get('GetDiagnostics')!;
    const xml = soapResponse(
      desc,
      soapOp,
      synthesizeXsd(
        desc.schemas,
        desc.schemas.elements.get(soapOp.responseElement)!.type,
        Prng.forOperation(13, soapOp.name),
      ),
      't',
    );
    // ArrayOfKeyValueOfstringstring: its inline KeyValueOfstringstring items, in the
    // Serialization/Arrays namespace, with the keys the REST map has.
    const arraysPrefix =
      /xmlns:(\w+)="http:\/\/schemas.microsoft.com\/2003\/10\/Serialization\/Arrays"/.exec(
        xml,
      )?.[1];
    expect(arraysPrefix).toBeDefined();
    const a = arraysPrefix!;
    const item = (k: string) =>
      `<${a}:KeyValueOfstringstring><${a}:Key>${k}</${a}:Key><${a}:Value>text-\\d+</${a}:Value></${a}:KeyValueOfstringstring>`;
    const details = [
      ...xml.matchAll(
        /<AuditPointResult><Description>[^<]*<\/Description><Details>(.*?)<\/Details>/g,
      ),
    ].map((m) => m[1]!);
    expect(details.length).toBe(xml.match(/<AuditPointResult>/g)!.length);
    expect(details.length).toBeGreaterThan(0);
    for (const d of details) expect(d).toMatch(new RegExp(`^${item('key1')}${item('key2')}$`));
    expect(await soapValidator.validateMany([xml])).toEqual([[]]);
    // The item's content model is enforced, so the check above is not vacuous.
    const noValue = xml.replace(new RegExp(`<${a}:Value>[^<]*</${a}:Value>`), '');
    expect((await soapValidator.validateMany([noValue]))[0]!.join('\n')).toMatch(
      /KeyValueOfstringstring': Missing child element\(s\)\. Expected is \( .*Value \)/,
    );
  });
});
