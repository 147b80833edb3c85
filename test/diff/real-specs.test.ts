import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/compare.ts';
import { renderJson } from '../../generator/diff/render-json.ts';
import { CATEGORIES, CHANGE_KINDS } from '../../generator/diff/types.ts';
import { loadServiceModel } from '../../generator/load.ts';
import { SPECS_DIR, serviceIds } from '../../generator/specs/manifest.ts';
import { current, history, historyToCurrent, HISTORY, soapToRest } from './real-specs.ts';

const SERVICES = serviceIds();

describe('a spec compared with itself', () => {
  for (const service of SERVICES) {
    it(`${service}: SOAP, REST and ${HISTORY} give no changes`, async () => {
      for (const protocol of ['soap', 'rest'] as const) {
        // A second, independent read: equal content, not the same object.
        const again = await loadServiceModel(SPECS_DIR, service, protocol);
        const report = diffModels(await current(service, protocol), again);
        expect(report.changes, `${service} ${protocol}`).toEqual([]);
        expect(report.summary.breaking + report.summary.nonBreaking).toBe(0);
      }
      expect(diffModels(await history(service), await history(service)).changes).toEqual([]);
    });
  }
});

describe('Customer Management, SOAP → REST', () => {
  it('lists the int64 fields that become JSON strings, one item each', async () => {
    const report = await soapToRest('customer-management');
    const int64 = report.changes.filter((c) => c.kind === 'int64-representation');
    const keys = int64.map((c) => `${c.type}.${c.field}`);
    expect(keys).toContain('GetUserRequest.UserId');
    expect(keys).toContain('AdvertiserAccount.Id');
    expect(keys).toContain('GetAccountRequest.AccountId');
    expect(new Set(keys).size).toBe(keys.length);
    expect(int64.every((c) => !c.breaking && c.category === 'wire')).toBe(true);
    expect(int64.find((c) => c.type === 'GetUserRequest' && c.field === 'UserId')).toMatchObject({
      operation: 'GetUser',
      from: 'int64 (soap)',
      to: 'int64 (rest)',
    });

    // Independently: every own int64 field of a REST type whose SOAP twin has it as int64 too.
    const soap = await current('customer-management', 'soap');
    const rest = await current('customer-management', 'rest');
    const renamedFrom = new Map(
      report.changes.filter((c) => c.kind === 'type-renamed').map((c) => [c.to!, c.from!]),
    );
    const isInt64 = (t: { kind: string; primitive?: string; items?: unknown }): boolean =>
      t.kind === 'primitive'
        ? t.primitive === 'int64'
        : t.kind === 'array'
          ? isInt64(t.items as never)
          : false;
    const expected: string[] = [];
    for (const t of rest.types) {
      if (t.kind !== 'object') continue;
      const twin = soap.types.find((s) => s.name === (renamedFrom.get(t.name) ?? t.name));
      if (twin?.kind !== 'object') continue;
      for (const f of t.fields) {
        const sf = twin.fields.find((x) => x.name === f.name);
        if (sf && isInt64(f.type) && isInt64(sf.type)) expected.push(`${t.name}.${f.name}`);
      }
    }
    expect([...keys].sort()).toEqual(expected.sort());
  });

  it('lists the auth header change, the endpoints and the fault change', async () => {
    const report = await soapToRest('customer-management');
    const auth = report.changes.filter((c) => c.kind === 'transport-auth-header');
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatchObject({
      breaking: true,
      from: 'AuthenticationToken (SOAP header element)',
      to: 'Authorization: Bearer <token> (HTTP header)',
    });
    const getUser = report.changes.find(
      (c) => c.kind === 'transport-endpoint' && c.operation === 'GetUser',
    );
    expect(getUser).toMatchObject({
      from: 'SOAPAction GetUser',
      to: 'POST /CustomerManagement/v13/User/Query',
    });
    expect(report.changes.filter((c) => c.kind === 'transport-endpoint')).toHaveLength(39);
    expect(report.changes.find((c) => c.kind === 'transport-faults')!.message).toContain(
      'HTTP 400, 401, 403, 500',
    );
    expect(report.operations.find((o) => o.name === 'GetUser')).toEqual({
      name: 'GetUser',
      presence: 'both',
      soapAction: 'GetUser',
      rest: { method: 'POST', path: '/CustomerManagement/v13/User/Query' },
    });
  });

  it('reports the KeyValuePair generic spelling as renames, not as added and removed types', async () => {
    const report = await soapToRest('customer-management');
    const renames = report.changes
      .filter((c) => c.kind === 'type-renamed')
      .map((c) => `${c.from}→${c.to}`);
    expect(renames).toContain('KeyValuePairOfstringstring→KeyValuePairOfstringAndstring');
    expect(renames).toContain('KeyValuePairOfstringbase64Binary→KeyValuePairOfstringAndByteArray');
    const typeNames = report.changes
      .filter((c) => c.kind === 'type-added' || c.kind === 'type-removed')
      .map((c) => c.type);
    expect(typeNames.filter((n) => n?.startsWith('KeyValue'))).toEqual([]);
    // The real difference inside them: the WSDL's lower-case key/value.
    expect(
      report.changes
        .filter(
          (c) => c.kind === 'field-case-changed' && c.type === 'KeyValuePairOfstringAndstring',
        )
        .map((c) => `${c.from}→${c.to}`),
    ).toEqual(['key→Key', 'value→Value']);
  });

  it('reports no operation added or removed (the two specs have the same 39)', async () => {
    const report = await soapToRest('customer-management');
    expect(report.changes.filter((c) => c.category === 'operation')).toEqual([]);
    expect(report.operations).toHaveLength(39);
  });
});

describe(`${HISTORY} → current`, () => {
  it('Customer Management lists ClientEntityCustomerNumber added to ClientLink, and nothing else', async () => {
    const report = await historyToCurrent('customer-management');
    expect(report.changes).toEqual([
      {
        kind: 'field-added',
        category: 'field',
        breaking: false,
        type: 'ClientLink',
        field: 'ClientEntityCustomerNumber',
        to: 'string',
        message: 'ClientLink.ClientEntityCustomerNumber (string, optional, nullable) is new',
      },
    ]);
  });
});

describe('JSON output', () => {
  const schema = JSON.parse(
    readFileSync(new URL('../../generator/diff/report.schema.json', import.meta.url), 'utf8'),
  ) as {
    properties: {
      changes: {
        items: { properties: { kind: { enum: string[] }; category: { enum: string[] } } };
      };
    };
  };
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

  it('lists exactly the kinds and categories of types.ts in the schema', () => {
    expect(schema.properties.changes.items.properties.kind.enum).toEqual(CHANGE_KINDS);
    expect(schema.properties.changes.items.properties.category.enum).toEqual(CATEGORIES);
  });

  for (const service of SERVICES) {
    it(`${service}: both reports validate against report.schema.json and are byte-stable`, async () => {
      for (const make of [soapToRest, historyToCurrent]) {
        const report = await make(service);
        const text = renderJson(report);
        const ok = validate(JSON.parse(text));
        expect(validate.errors ?? [], `${service}`).toEqual([]);
        expect(ok).toBe(true);
        expect(renderJson(await make(service))).toBe(text);
      }
    });
  }

  it('every SOAP → REST report carries the auth header change and int64 items', async () => {
    for (const service of SERVICES) {
      const report = await soapToRest(service);
      expect(
        report.changes.filter((c) => c.kind === 'transport-auth-header'),
        service,
      ).toHaveLength(1);
      expect(
        report.changes.filter((c) => c.kind === 'int64-representation').length,
        service,
      ).toBeGreaterThan(0);
    }
  });
});
