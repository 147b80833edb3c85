import { describe, expect, it } from 'vitest';
import { diffModels } from '../../generator/diff/compare.ts';
import { CATEGORIES } from '../../generator/diff/types.ts';
import type { Operation, ServiceModel } from '../../generator/model/types.ts';
import { asRest, clone, field, model, obj, ofKind, soapOp, soapWith } from './fixtures.ts';

const wrappers = (name: string) => [
  obj(`${name}Request`, [field('Id', 'int64')], { origin: 'element' }),
  obj(`${name}Response`, [field('Ok', 'boolean')], { origin: 'element' }),
];
const fault = obj('AdApiFaultDetail', [field('TrackingId', 'string', { nullable: true })]);
const soapModel = (ops: Operation[], extra = ops.flatMap((o) => wrappers(o.name))): ServiceModel =>
  model('soap', ops, [...extra, fault]);

describe('operations', () => {
  it('reports operations on one side only', () => {
    const r = diffModels(
      soapModel([soapOp('A'), soapOp('B')]),
      soapModel([soapOp('B'), soapOp('C')]),
    );
    expect(r.changes.map((c) => [c.kind, c.operation, c.breaking])).toEqual([
      ['operation-removed', 'A', true],
      ['operation-added', 'C', false],
    ]);
    expect(r.operations.map((o) => [o.name, o.presence])).toEqual([
      ['A', 'from'],
      ['B', 'both'],
      ['C', 'to'],
    ]);
  });

  it('treats an empty SOAP wrapper and a REST operation without a body as the same', () => {
    const soap = soapModel(
      [soapOp('GetCurrentUser')],
      [
        obj('GetCurrentUserRequest', [], { origin: 'element' }),
        obj('GetCurrentUserResponse', [field('User', 'string')], { origin: 'element' }),
      ],
    );
    const rest = asRest(soap);
    rest.operations[0]!.request = undefined;
    rest.types = rest.types.filter((t) => t.name !== 'GetCurrentUserRequest');
    expect(
      diffModels(soap, rest).changes.filter(
        (c) => c.category !== 'transport' && c.category !== 'wire',
      ),
    ).toEqual([]);
  });

  it('reports a response body that disappears as breaking, and one that appears as not', () => {
    const withBody = soapModel([soapOp('A')]);
    const without = soapModel([soapOp('A', { response: undefined })], [wrappers('A')[0]!]);
    expect(
      diffModels(withBody, without).changes.map((c) => [
        c.kind,
        c.operation,
        c.breaking,
        c.from,
        c.to,
      ]),
    ).toEqual([['response-changed', 'A', true, 'AResponse', '(none)']]);
    expect(diffModels(without, withBody).changes.map((c) => [c.kind, c.breaking])).toEqual([
      ['response-changed', false],
    ]);
  });

  it('reports a request body of another type', () => {
    const other = soapModel(
      [soapOp('A', { request: 'AInput' })],
      [obj('AInput', [field('X', 'string')]), wrappers('A')[1]!],
    );
    const r = diffModels(soapModel([soapOp('A')]), other);
    expect(r.changes.map((c) => [c.kind, c.from, c.to, c.breaking])).toEqual([
      ['request-changed', 'ARequest', 'AInput', true],
    ]);
  });

  it('reports declared faults, SOAP actions and headers SOAP to SOAP', () => {
    const before = soapOp('A');
    const after = soapOp('A', { faults: ['AdApiFaultDetail', 'ApiFault'] });
    after.soap = {
      ...after.soap!,
      action: 'urn:A2',
      requestHeaders: after
        .soap!.requestHeaders.filter((h) => h.name !== 'CustomerAccountId')
        .concat([
          {
            name: 'CustomerId',
            element: { name: 'CustomerId', namespace: 'urn:x' },
            type: { kind: 'primitive', primitive: 'string' },
          },
        ]),
    };
    const r = diffModels(
      soapModel([before]),
      soapModel([after], [...wrappers('A'), obj('ApiFault', [])]),
    );
    expect(r.changes.map((c) => [c.kind, c.breaking, c.from ?? null, c.to ?? null])).toEqual([
      ['operation-fault-added', false, null, 'ApiFault'],
      ['soap-action-changed', true, 'A', 'urn:A2'],
      ['soap-header-added', true, null, 'CustomerId'],
      ['soap-header-removed', false, 'CustomerAccountId', null],
      ['type-added', false, null, null],
    ]);
  });

  it('reports a REST method or path change REST to REST', () => {
    const a = asRest(soapModel([soapOp('A')]));
    const b = clone(a);
    b.operations[0]!.rest!.method = 'PUT';
    expect(diffModels(a, b).changes.map((c) => [c.kind, c.from, c.to])).toEqual([
      ['rest-endpoint-changed', 'POST /Test/v13/A', 'PUT /Test/v13/A'],
    ]);
  });
});

describe('transport, SOAP to REST', () => {
  const soap = soapModel([soapOp('GetUser'), soapOp('AddUser')]);
  const report = diffModels(soap, asRest(soap));

  it('lists the auth header change, the other headers, the faults and the encoding once each, as breaking', () => {
    const once = [
      'transport-auth-header',
      'transport-headers',
      'transport-faults',
      'transport-encoding',
    ] as const;
    for (const kind of once) expect(ofKind(report, kind).map((c) => c.breaking)).toEqual([true]);
    expect(ofKind(report, 'transport-auth-header')[0]).toMatchObject({
      from: 'AuthenticationToken (SOAP header element)',
      to: 'Authorization: Bearer <token> (HTTP header)',
    });
    expect(ofKind(report, 'transport-headers')[0]!.message).toBe(
      'CustomerAccountId, DeveloperToken move from SOAP header elements to HTTP request headers of the same name; TrackingId comes back as an HTTP response header instead of a SOAP header element',
    );
    expect(ofKind(report, 'transport-faults')[0]!.message).toContain('HTTP 400, 401, 500');
  });

  it('maps each SOAP action to the REST method and path', () => {
    expect(ofKind(report, 'transport-endpoint').map((c) => [c.operation, c.from, c.to])).toEqual([
      ['AddUser', 'SOAPAction AddUser', 'POST /Test/v13/AddUser'],
      ['GetUser', 'SOAPAction GetUser', 'POST /Test/v13/GetUser'],
    ]);
    expect(report.operations).toEqual([
      {
        name: 'AddUser',
        presence: 'both',
        soapAction: 'AddUser',
        rest: { method: 'POST', path: '/Test/v13/AddUser' },
      },
      {
        name: 'GetUser',
        presence: 'both',
        soapAction: 'GetUser',
        rest: { method: 'POST', path: '/Test/v13/GetUser' },
      },
    ]);
  });

  it('turns the direction around REST to SOAP, and says nothing of transport SOAP to SOAP', () => {
    const back = diffModels(asRest(soap), soap);
    expect(ofKind(back, 'transport-auth-header')[0]).toMatchObject({
      from: 'Authorization: Bearer <token> (HTTP header)',
    });
    expect(ofKind(back, 'transport-endpoint').map((c) => c.to)).toEqual([
      'SOAPAction AddUser',
      'SOAPAction GetUser',
    ]);
    expect(diffModels(soap, clone(soap)).changes).toEqual([]);
  });
});

describe('the report', () => {
  const from = soapWith(
    [field('Id', 'int64')],
    [field('A', 'string'), field('B', 'int32')],
    [obj('Sub', [], { base: 'Thing' })],
  );
  const to = soapWith(
    [field('Id', 'int64'), field('Mode', 'string', { minOccurs: 1 })],
    [field('A', 'int32'), field('C', 'string')],
    [obj('Sub2', [], { base: 'Thing' })],
  );

  it('is empty for a model compared with itself, and leaves its inputs untouched', () => {
    const a = clone(from);
    const b = clone(to);
    expect(diffModels(from, from).changes).toEqual([]);
    diffModels(from, to);
    expect(from).toEqual(a);
    expect(to).toEqual(b);
  });

  it('orders changes the same whatever the order of the models', () => {
    const shuffled: ServiceModel = {
      ...to,
      types: [...to.types].reverse(),
      operations: [...to.operations].reverse(),
    };
    expect(diffModels(from, shuffled).changes).toEqual(diffModels(from, to).changes);
    const ranks = diffModels(from, to).changes.map((c) => CATEGORIES.indexOf(c.category));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });

  it('counts breaking and non-breaking changes per category', () => {
    const r = diffModels(from, to);
    expect(r.changes.map((c) => [c.kind, c.type, c.field ?? null, c.breaking])).toEqual([
      ['field-type-changed', 'Thing', 'A', true],
      ['field-removed', 'Thing', 'B', true],
      ['field-added', 'Thing', 'C', false],
      ['field-added', 'GetThingRequest', 'Mode', true],
      ['subtype-removed', 'Sub', null, true],
      ['subtype-added', 'Sub2', null, false],
    ]);
    expect(r.summary).toEqual({
      breaking: 4,
      nonBreaking: 2,
      byCategory: {
        transport: { breaking: 0, nonBreaking: 0 },
        operation: { breaking: 0, nonBreaking: 0 },
        type: { breaking: 0, nonBreaking: 0 },
        field: { breaking: 3, nonBreaking: 1 },
        enum: { breaking: 0, nonBreaking: 0 },
        polymorphism: { breaking: 1, nonBreaking: 1 },
        wire: { breaking: 0, nonBreaking: 0 },
      },
    });
    expect(r.from).toEqual({
      service: 'test-service',
      protocol: 'soap',
      name: 'TestService',
      file: 'test-service.wsdl',
      label: 'soap',
    });
  });
});
