import { baseChain } from '../model/helpers.ts';
import type { EnumType, ObjectType, ServiceType } from '../model/types.ts';
import { compareFields, fieldChangeKey, type Usage } from './compare-fields.ts';
import { change, type DiffContext } from './context.ts';
import { soleBodyOperation } from './surface.ts';
import type { Change } from './types.ts';

/**
 * Type-level comparison over the two surfaces: types added, removed, renamed, and for each
 * type on both sides its kind, base, polymorphism, fields and enum values. Request and response
 * wrappers belong to their operation: they are compared field by field like any type, but their
 * appearance or disappearance is the operation's change (see ./compare-operations.ts), never a
 * type-added/removed of its own. Aliases are transparent (./refs.ts) and never reported alone.
 */
export function compareTypes(ctx: DiffContext): void {
  const { from, to } = ctx;
  const pairs: [ServiceType, ServiceType][] = [];
  const pairedFrom = new Set<string>();

  for (const t of to.model.types) {
    if (t.kind === 'alias' || !to.reachable.has(t.name)) continue;
    const fromName = ctx.renamedFrom.get(t.name) ?? t.name;
    const f = from.index.get(fromName);
    if (f && f.kind !== 'alias' && from.reachable.has(fromName)) {
      pairs.push([f, t]);
      pairedFrom.add(fromName);
    } else if (!to.bodyOf.has(t.name)) {
      ctx.changes.push(added(ctx, t, f !== undefined));
    }
  }
  for (const f of from.model.types) {
    if (
      f.kind === 'alias' ||
      !from.reachable.has(f.name) ||
      pairedFrom.has(f.name) ||
      from.bodyOf.has(f.name)
    )
      continue;
    ctx.changes.push(removed(ctx, f, to.index.has(ctx.renames.get(f.name) ?? f.name)));
  }
  for (const [a, b] of ctx.renames) {
    if (!from.reachable.has(a) || !to.reachable.has(b)) continue;
    // A type name is on the wire only in SOAP (xsi:type, ArrayOf item elements).
    const onWire = ctx.fromProtocol === 'soap' && ctx.toProtocol === 'soap';
    const why = onWire
      ? ': SOAP writes type names on the wire (i:type, array items)'
      : ': same shape; code that names the type must use the new name';
    ctx.changes.push(
      change('type-renamed', onWire, `${a} is named ${b}${why}`, { type: b, from: a, to: b }),
    );
  }

  const fieldChanges = new Map<string, Change[]>();
  for (const [f, t] of pairs) {
    const usage = usageOf(ctx, f.name, t.name);
    const operation = soleBodyOperation(to, t.name) ?? soleBodyOperation(from, f.name);
    const where = operation ? { operation } : {};
    if (f.kind !== t.kind) {
      ctx.changes.push(
        change(
          'type-kind-changed',
          true,
          `${t.name} changes from ${describeKind(f)} to ${describeKind(t)}`,
          { ...where, type: t.name, from: f.kind, to: t.kind },
        ),
      );
      continue;
    }
    if (
      ctx.fromProtocol === 'soap' &&
      ctx.toProtocol === 'soap' &&
      f.namespace &&
      t.namespace &&
      f.namespace !== t.namespace
    ) {
      ctx.changes.push(
        change(
          'namespace-changed',
          true,
          `${t.name} moves from namespace ${f.namespace} to ${t.namespace}`,
          { ...where, type: t.name, from: f.namespace, to: t.namespace },
        ),
      );
    }
    if (f.kind === 'enum' && t.kind === 'enum')
      ctx.changes.push(...compareEnum(f, t, usage, where));
    if (f.kind === 'object' && t.kind === 'object') {
      ctx.changes.push(...comparePolymorphism(ctx, f, t, where));
      fieldChanges.set(t.name, compareFields(ctx, f, t, usage, where));
    }
  }

  // A change the base shows too is inherited: report it once, on the base.
  for (const [f, t] of pairs) {
    const own = fieldChanges.get(t.name);
    if (!own || f.kind !== 'object' || t.kind !== 'object') continue;
    const baseNames = [t.base, f.base && (ctx.renames.get(f.base) ?? f.base)].filter(
      (n): n is string => !!n,
    );
    const inherited = new Set(
      baseNames.flatMap((n) => (fieldChanges.get(n) ?? []).map(fieldChangeKey)),
    );
    ctx.changes.push(...own.filter((c) => !inherited.has(fieldChangeKey(c))));
  }
}

function usageOf(ctx: DiffContext, fromName: string, toName: string): Usage {
  const input = ctx.from.input.has(fromName) || ctx.to.input.has(toName);
  const output = ctx.from.output.has(fromName) || ctx.to.output.has(toName);
  // A reachable type is one or the other; both false cannot happen, but judge strictly if it does.
  return input || output ? { input, output } : { input: true, output: true };
}

function added(ctx: DiffContext, t: ServiceType, declaredBefore: boolean): Change {
  const note = declaredBefore ? ' (it was declared before, but no operation used it)' : '';
  if (t.kind === 'object' && t.base) {
    const out = ctx.to.output.has(t.base)
      ? `; responses that declare ${t.base} may now carry it`
      : '';
    return change('subtype-added', false, `${t.name} is a new subtype of ${t.base}${note}${out}`, {
      type: t.name,
      to: t.base,
    });
  }
  return change('type-added', false, `${t.name} (${describeKind(t)}) is new${note}`, {
    type: t.name,
  });
}

function removed(ctx: DiffContext, f: ServiceType, stillDeclared: boolean): Change {
  const note = stillDeclared ? ' (still declared, but no operation uses it)' : '';
  if (f.kind === 'object' && f.base) {
    const base = ctx.renames.get(f.base) ?? f.base;
    return change(
      'subtype-removed',
      true,
      `${f.name}, a subtype of ${base}, is gone${note}: values of this type can no longer be sent or received`,
      { type: f.name, from: base },
    );
  }
  return change('type-removed', true, `${f.name} (${describeKind(f)}) is gone${note}`, {
    type: f.name,
  });
}

function describeKind(t: ServiceType): string {
  if (t.kind === 'enum') return t.flags ? 'flags enum' : 'enum';
  if (t.kind === 'alias') return 'alias';
  return t.abstract ? 'abstract object' : 'object';
}

function comparePolymorphism(
  ctx: DiffContext,
  f: ObjectType,
  t: ObjectType,
  where: { operation?: string },
): Change[] {
  const out: Change[] = [];
  const at = { ...where, type: t.name };
  const fromBase = f.base && (ctx.renames.get(f.base) ?? f.base);
  if (fromBase !== t.base) {
    const chain = baseChain(ctx.toIndex, t).map((b) => b.name);
    const breaking = fromBase !== undefined && !chain.includes(fromBase);
    const why = breaking ? `: it can no longer be used where ${fromBase} is expected` : '';
    out.push(
      change(
        'base-changed',
        breaking,
        `${t.name} moves from base ${fromBase ?? '(none)'} to ${t.base ?? '(none)'}${why}`,
        { ...at, from: fromBase ?? '(none)', to: t.base ?? '(none)' },
      ),
    );
  }
  // SOAP readers never set `abstract` and SOAP has no discriminators: compare them only REST to REST.
  if (ctx.fromProtocol === 'rest' && ctx.toProtocol === 'rest') {
    if (f.abstract !== t.abstract) {
      const why = t.abstract
        ? ': it can no longer be sent as itself, only as a subtype'
        : ': it can now be sent as itself';
      out.push(
        change(
          'abstract-changed',
          t.abstract,
          `${t.name} ${t.abstract ? 'becomes abstract' : 'is no longer abstract'}${why}`,
          { ...at, from: String(f.abstract), to: String(t.abstract) },
        ),
      );
    }
  }
  if (
    f.discriminatorValue !== undefined &&
    t.discriminatorValue !== undefined &&
    f.discriminatorValue !== t.discriminatorValue
  ) {
    out.push(
      change(
        'discriminator-changed',
        true,
        `${t.name} is selected by Type "${t.discriminatorValue}" instead of "${f.discriminatorValue}"`,
        { ...at, from: f.discriminatorValue, to: t.discriminatorValue },
      ),
    );
  }
  const fp = f.discriminator?.property;
  const tp = t.discriminator?.property;
  if (fp !== undefined && tp !== undefined && fp !== tp) {
    out.push(
      change(
        'discriminator-changed',
        true,
        `${t.name}'s subtypes are told apart by property ${tp} instead of ${fp}`,
        { ...at, from: fp, to: tp },
      ),
    );
  }
  return out;
}

function compareEnum(
  f: EnumType,
  t: EnumType,
  usage: Usage,
  where: { operation?: string },
): Change[] {
  const out: Change[] = [];
  const at = { ...where, type: t.name };
  if (f.flags !== t.flags) {
    out.push(
      change(
        'enum-flags-changed',
        true,
        `${t.name} ${t.flags ? 'becomes a flags enum (several values in one string)' : 'is no longer a flags enum (one value only)'}`,
        { ...at, from: f.flags ? 'flags' : 'single', to: t.flags ? 'flags' : 'single' },
      ),
    );
  }
  const fromOnly = f.values.filter((v) => !t.values.includes(v));
  const toOnly = t.values.filter((v) => !f.values.includes(v));
  for (const v of [...fromOnly]) {
    const w = toOnly.find((x) => x.toLowerCase() === v.toLowerCase());
    if (!w) continue;
    fromOnly.splice(fromOnly.indexOf(v), 1);
    toOnly.splice(toOnly.indexOf(w), 1);
    out.push(
      change('enum-value-case-changed', true, `${t.name} value ${v} is spelled ${w}`, {
        ...at,
        from: v,
        to: w,
      }),
    );
  }
  for (const v of fromOnly)
    out.push(
      change('enum-value-removed', true, `${t.name} value ${v} is gone: requests may not send it`, {
        ...at,
        from: v,
      }),
    );
  for (const v of toOnly) {
    const hint = usage.output ? `; code that switches over ${t.name} should handle it` : '';
    out.push(
      change('enum-value-added', false, `${t.name} gains the value ${v}${hint}`, { ...at, to: v }),
    );
  }
  return out;
}
