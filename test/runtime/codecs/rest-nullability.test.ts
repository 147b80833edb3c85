/**
 * Fields SOAP may nil and REST may not (`FieldDescriptor.restNullable: false`: every
 * SOAP-nillable enum, since the OpenAPI documents make no enum nullable). The TypeScript type
 * allows null there; the REST encoder must leave such a null out of the body (null and absent
 * both mean "not set" in REST), keep nulls REST accepts, still refuse nulls neither protocol
 * accepts, and copy only values that actually carry such a null. SOAP keeps sending i:nil.
 */
import { describe, expect, it } from 'vitest';
import type {
  FieldDescriptor,
  OperationDescriptor,
  ServiceDescriptor,
} from '../../../runtime/src/descriptors.ts';
import { encodeRestBody } from '../../../runtime/src/rest/encode.ts';
import { convertObject, restEncodePlan } from '../../../runtime/src/rest/encode-plan.ts';
import { encodeSoapRequest } from '../../../runtime/src/soap/encode.ts';
import { bothProtocolsOperation, fieldIn } from './descriptor-builders.ts';

const NS = 'urn:nullability';

const field = fieldIn(NS);
/** Nullable in the type (SOAP nillable), not in REST. */
const soapOnlyNull = { restNullable: false } as const;

const service: ServiceDescriptor = {
  id: 'nullability',
  name: 'NullabilityService',
  soap: { path: '/Nullability.svc', namespace: NS },
  rest: { basePath: '/Nullability/v13' },
  operations: {
    Add: bothProtocolsOperation(NS, 'Add', '/Nullability/v13/Add', { request: 'AddRequest' }),
  },
  types: {
    AddRequest: {
      kind: 'object',
      name: 'AddRequest',
      namespace: NS,
      fields: [
        field('Account', { type: 'Account' }),
        field('Accounts', { array: { type: 'Account' }, itemName: 'Account', itemNullable: false }),
        field('Plain', { type: 'Plain' }),
        field('Tagged', { type: 'Tagged' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    Account: {
      kind: 'object',
      name: 'Account',
      namespace: NS,
      fields: [
        field('Id', { primitive: 'int64' }, { nullable: false }),
        field('Name', { primitive: 'string' }),
        field('PaymentMethodType', { type: 'PaymentMethodType' }, soapOnlyNull),
        field('Scope', { type: 'Scope' }, soapOnlyNull),
      ],
      abstract: false,
      typeValue: 'Account',
      family: { Account: 'Account', Special: 'Special' },
      protocols: 'both',
    },
    /** A subtype: inherited field first, then its own SOAP-only-nullable enum. */
    Special: {
      kind: 'object',
      name: 'Special',
      namespace: NS,
      base: 'Account',
      fields: [
        field('Id', { primitive: 'int64' }, { nullable: false }),
        field('Name', { primitive: 'string' }),
        field('PaymentMethodType', { type: 'PaymentMethodType' }, soapOnlyNull),
        field('Scope', { type: 'Scope' }, soapOnlyNull),
        field('Level', { type: 'PaymentMethodType' }, soapOnlyNull),
      ],
      abstract: false,
      typeValue: 'Special',
      protocols: 'both',
    },
    /** A type REST spells a field of differently (always copied, for the rename). */
    Tagged: {
      kind: 'object',
      name: 'Tagged',
      namespace: NS,
      fields: [
        field('Mode', { type: 'PaymentMethodType' }, { ...soapOnlyNull, restName: 'mode' }),
        field('Note', { primitive: 'string' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    Plain: {
      kind: 'object',
      name: 'Plain',
      namespace: NS,
      fields: [
        field('Note', { primitive: 'string' }),
        field('Kind', { type: 'PaymentMethodType' }),
      ],
      abstract: false,
      protocols: 'both',
    },
    PaymentMethodType: {
      kind: 'enum',
      name: 'PaymentMethodType',
      namespace: NS,
      flags: false,
      values: ['CreditCard', 'Invoice'],
    },
    Scope: {
      kind: 'enum',
      name: 'Scope',
      namespace: NS,
      flags: true,
      values: ['Entity', 'Performance'],
    },
  },
};

const add = service.operations.Add as OperationDescriptor;
const rest = (request: unknown): unknown => JSON.parse(encodeRestBody(service, add, request));

describe('REST encoding of a null REST does not accept (restNullable: false)', () => {
  it('omits the property and keeps every other field, nulls REST accepts included', () => {
    expect(
      rest({
        Account: {
          Type: 'Account',
          Id: '9007199254740993',
          Name: null,
          PaymentMethodType: null,
          Scope: null,
        },
      }),
    ).toEqual({ Account: { Type: 'Account', Id: '9007199254740993', Name: null } });
  });

  it('writes a set value as usual (plain and flags enums)', () => {
    expect(
      rest({
        Account: { Id: '1', PaymentMethodType: 'Invoice', Scope: ['Entity', 'Performance'] },
      }),
    ).toEqual({
      Account: {
        Type: 'Account',
        Id: '1',
        PaymentMethodType: 'Invoice',
        Scope: 'Entity, Performance',
      },
    });
  });

  it('omits it under the REST name of a renamed field too', () => {
    expect(rest({ Tagged: { Mode: null, Note: 'n' } })).toEqual({ Tagged: { Note: 'n' } });
    expect(rest({ Tagged: { Mode: 'CreditCard' } })).toEqual({ Tagged: { mode: 'CreditCard' } });
  });

  it('omits it in array items and in a subtype resolved from Type, inherited and own fields alike', () => {
    expect(
      rest({
        Accounts: [
          { Id: '1', PaymentMethodType: null },
          { Type: 'Special', Id: '2', PaymentMethodType: null, Level: null, Name: 'n' },
          { Id: '3', PaymentMethodType: 'Invoice' },
        ],
      }),
    ).toEqual({
      Accounts: [
        { Id: '1', Type: 'Account' },
        { Type: 'Special', Id: '2', Name: 'n' },
        { Id: '3', PaymentMethodType: 'Invoice', Type: 'Account' },
      ],
    });
  });

  it('still refuses a null where neither protocol accepts one', () => {
    expect(() => rest({ Account: { Id: null, PaymentMethodType: null } })).toThrow(
      /^AddRequest\.Account\.Id: null is not allowed/,
    );
  });

  it('keeps a null in an enum field REST does accept (no restNullable)', () => {
    expect(rest({ Plain: { Kind: null, Note: 'x' } })).toEqual({
      Plain: { Kind: null, Note: 'x' },
    });
  });

  it('copies only a value that carries such a null, never changing the caller objects', () => {
    const state = { raw: false };
    const plan = restEncodePlan(service, 'Account');
    const clean = { Type: 'Account', Id: '1', PaymentMethodType: 'Invoice', Name: null };
    expect(convertObject(service, plan, clean, state)).toBe(clean);

    const withNull = { Type: 'Account', Id: '1', PaymentMethodType: null, Name: 'n' };
    const snapshot = structuredClone(withNull);
    const out = convertObject(service, plan, withNull, state);
    expect(out).not.toBe(withNull);
    expect(JSON.stringify(out)).toBe('{"Type":"Account","Id":"1","Name":"n"}');
    expect(withNull).toEqual(snapshot);

    const request = { Plain: { Kind: null }, Account: withNull };
    const converted = convertObject(service, restEncodePlan(service, 'AddRequest'), request, state);
    expect((converted as typeof request).Plain).toBe(request.Plain); // untouched sibling: same object
  });

  it('SOAP still sends i:nil for the same null', () => {
    const xml = encodeSoapRequest(
      service,
      add,
      { Account: { Type: 'Account', Id: '1', PaymentMethodType: null } },
      {},
    );
    expect(xml).toMatch(/<n\d+:PaymentMethodType i:nil="true"\/>/);
  });
});
