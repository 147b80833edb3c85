import { allFields } from '../model/helpers.ts';
import type { Operation } from '../model/types.ts';
import { change, type DiffContext } from './context.ts';
import type { Surface } from './surface.ts';
import type { Change, OperationRow } from './types.ts';

/**
 * Operation-level comparison: operations on one side only, request/response bodies of shared
 * operations, and (same protocol only) declared faults and the binding: SOAP action and
 * headers, REST method and path. Cross-protocol binding differences are transport items
 * (./transport.ts).
 */
export function compareOperations(ctx: DiffContext): void {
  const fromOps = new Map(ctx.from.model.operations.map((o) => [o.name, o]));
  const toOps = new Map(ctx.to.model.operations.map((o) => [o.name, o]));
  for (const op of ctx.from.model.operations) {
    if (!toOps.has(op.name)) {
      ctx.changes.push(
        change(
          'operation-removed',
          true,
          `${op.name} is not in ${ctx.to.model.source.file}: calls to it must go`,
          { operation: op.name },
        ),
      );
    }
  }
  for (const op of ctx.to.model.operations) {
    const before = fromOps.get(op.name);
    if (!before) {
      ctx.changes.push(
        change('operation-added', false, `${op.name} is new`, { operation: op.name }),
      );
      continue;
    }
    ctx.changes.push(...compareBody(ctx, op.name, 'request', before.request, op.request));
    ctx.changes.push(...compareBody(ctx, op.name, 'response', before.response, op.response));
    if (!ctx.crossProtocol) {
      ctx.changes.push(...compareFaults(ctx, before, op));
      ctx.changes.push(...compareBinding(before, op));
    }
  }
}

function compareBody(
  ctx: DiffContext,
  operation: string,
  role: 'request' | 'response',
  fromType: string | undefined,
  toType: string | undefined,
): Change[] {
  const kind = role === 'request' ? 'request-changed' : 'response-changed';
  const fromEmpty = isEmptyBody(ctx.from, fromType);
  const toEmpty = isEmptyBody(ctx.to, toType);
  if (fromEmpty && toEmpty) return [];
  // The same type on both sides: its fields are compared with the types.
  if (fromType && (ctx.renames.get(fromType) ?? fromType) === toType) return [];
  if (fromType && toType && !fromEmpty && !toEmpty) {
    return [
      change(kind, true, `${operation}'s ${role} body is ${toType} instead of ${fromType}`, {
        operation,
        from: fromType,
        to: toType,
      }),
    ];
  }
  if (toEmpty) {
    // Fields that were sent are dropped; fields that were read are no longer returned.
    return [
      change(kind, true, `${operation} no longer has a ${role} body (${fromType} had fields)`, {
        operation,
        from: fromType ?? '(none)',
        to: toType ?? '(none)',
      }),
    ];
  }
  const required = role === 'request' && hasRequiredField(ctx.to, toType!);
  const why = required ? ': requests must now send its required fields' : '';
  return [
    change(kind, required, `${operation} now has a ${role} body ${toType}${why}`, {
      operation,
      from: fromType ?? '(none)',
      to: toType!,
    }),
  ];
}

/** No body, or a wrapper with no fields (SOAP `GetCurrentUserRequest` ≡ REST's missing body). */
function isEmptyBody(surface: Surface, name: string | undefined): boolean {
  if (!name) return true;
  const type = surface.index.get(name);
  return (
    type?.kind === 'object' &&
    allFields(surface.index, type).length === 0 &&
    !surface.subtypes.has(name)
  );
}

function hasRequiredField(surface: Surface, name: string): boolean {
  const type = surface.index.get(name);
  return type?.kind === 'object' && allFields(surface.index, type).some((f) => f.minOccurs > 0);
}

function compareFaults(ctx: DiffContext, before: Operation, after: Operation): Change[] {
  const out: Change[] = [];
  const was = new Set(before.faults.map((f) => ctx.renames.get(f) ?? f));
  const now = new Set(after.faults);
  for (const f of now) {
    if (!was.has(f))
      out.push(
        change('operation-fault-added', false, `${after.name} may now fail with ${f}`, {
          operation: after.name,
          to: f,
        }),
      );
  }
  for (const f of was) {
    if (!now.has(f))
      out.push(
        change(
          'operation-fault-removed',
          false,
          `${after.name} no longer declares the fault ${f}`,
          { operation: after.name, from: f },
        ),
      );
  }
  return out;
}

function compareBinding(before: Operation, after: Operation): Change[] {
  const out: Change[] = [];
  const operation = after.name;
  if (before.soap && after.soap) {
    const [a, b] = [before.soap.action, after.soap.action];
    if (a !== b)
      out.push(
        change('soap-action-changed', true, `${operation}'s SOAP action is ${b} instead of ${a}`, {
          operation,
          from: a,
          to: b,
        }),
      );
    const was = new Set(before.soap.requestHeaders.map((h) => h.name));
    const now = new Set(after.soap.requestHeaders.map((h) => h.name));
    for (const h of now) {
      if (!was.has(h))
        out.push(
          change(
            'soap-header-added',
            true,
            `${operation} declares the request header ${h}: send it`,
            { operation, to: h },
          ),
        );
    }
    for (const h of was) {
      if (!now.has(h))
        out.push(
          change(
            'soap-header-removed',
            false,
            `${operation} no longer declares the request header ${h}`,
            { operation, from: h },
          ),
        );
    }
  }
  if (before.rest && after.rest) {
    const a = `${before.rest.method} ${before.rest.path}`;
    const b = `${after.rest.method} ${after.rest.path}`;
    if (a !== b)
      out.push(
        change('rest-endpoint-changed', true, `${operation} moves from ${a} to ${b}`, {
          operation,
          from: a,
          to: b,
        }),
      );
  }
  return out;
}

/** The operation table of the report: every operation of either side with its addresses. */
export function operationRows(ctx: DiffContext): OperationRow[] {
  const fromOps = new Map(ctx.from.model.operations.map((o) => [o.name, o]));
  const toOps = new Map(ctx.to.model.operations.map((o) => [o.name, o]));
  const names = [...new Set([...fromOps.keys(), ...toOps.keys()])].sort(compareStrings);
  return names.map((name) => {
    const a = fromOps.get(name);
    const b = toOps.get(name);
    const soap = b?.soap ?? a?.soap;
    const rest = b?.rest ?? a?.rest;
    return {
      name,
      presence: a && b ? 'both' : a ? 'from' : 'to',
      ...(soap ? { soapAction: soap.action } : {}),
      ...(rest ? { rest: { method: rest.method, path: rest.path } } : {}),
    };
  });
}

/** Code-unit order: the same on every machine and locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
