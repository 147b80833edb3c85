import { allFields, baseChain } from '../model/helpers.ts';
import type { Field, ObjectType, ServiceType } from '../model/types.ts';
import { change, protocolLabel, type DiffContext } from './context.ts';
import { bottomPrimitive, compareRefs, describeRef, fieldRef } from './refs.ts';
import type { Change } from './types.ts';

/** How a type is used: sent in requests (input), received in responses and faults (output). */
export interface Usage {
  input: boolean;
  output: boolean;
}

/**
 * Field changes of one type present on both sides, on the FLATTENED field lists (inherited
 * fields included), so a field that moves between a base and its subtypes is no change for the
 * subtypes. The caller drops the changes a base reports too (see `fieldChangeKey`).
 */
export function compareFields(
  ctx: DiffContext,
  from: ObjectType,
  to: ObjectType,
  usage: Usage,
  where: { operation?: string },
): Change[] {
  const out: Change[] = [];
  const fromFields = allFields(ctx.fromIndex, from);
  const toFields = allFields(ctx.toIndex, to);
  const fromByName = new Map(fromFields.map((f) => [f.name, f]));
  const toByName = new Map(toFields.map((f) => [f.name, f]));
  const typeName = to.name;
  const at = (field: string): { operation?: string; type: string; field: string } => ({
    ...where,
    type: typeName,
    field,
  });

  const unmatchedFrom = fromFields.filter((f) => !toByName.has(f.name));
  const unmatchedTo = toFields.filter((f) => !fromByName.has(f.name));
  const pairs: [Field, Field][] = fromFields
    .filter((f) => toByName.has(f.name))
    .map((f) => [f, toByName.get(f.name)!]);
  for (const ff of [...unmatchedFrom]) {
    const tf = unmatchedTo.find((t) => t.name.toLowerCase() === ff.name.toLowerCase());
    if (!tf) continue;
    unmatchedFrom.splice(unmatchedFrom.indexOf(ff), 1);
    unmatchedTo.splice(unmatchedTo.indexOf(tf), 1);
    pairs.push([ff, tf]);
    out.push(
      change(
        'field-case-changed',
        true,
        `${typeName}.${ff.name} is spelled ${tf.name}: element and property names are case-sensitive`,
        {
          ...at(tf.name),
          from: ff.name,
          to: tf.name,
        },
      ),
    );
  }

  // SOAP has no discriminator property: the REST `Type` of a family is how REST writes i:type,
  // reported once per family as polymorphism-representation, not as a field on every type.
  const skipFrom = ctx.crossProtocol ? discriminatorProperty(ctx.fromIndex, from) : undefined;
  const skipTo = ctx.crossProtocol ? discriminatorProperty(ctx.toIndex, to) : undefined;

  for (const ff of unmatchedFrom) {
    if (ff.name === skipFrom) continue;
    const type = describeRef(fieldRef(ff), ctx.fromIndex);
    out.push(
      change(
        'field-removed',
        true,
        `${typeName}.${ff.name} (${type}) is gone: code that sends or reads it must stop`,
        { ...at(ff.name), from: type },
      ),
    );
  }
  for (const tf of unmatchedTo) {
    if (tf.name === skipTo) continue;
    const type = describeRef(fieldRef(tf), ctx.toIndex);
    const required = tf.minOccurs > 0;
    const breaking = usage.input && required;
    const traits = [
      type,
      required ? 'required' : 'optional',
      ...(tf.nullable ? ['nullable'] : []),
    ].join(', ');
    const tail = breaking ? ': requests must now include it' : '';
    out.push(
      change('field-added', breaking, `${typeName}.${tf.name} (${traits}) is new${tail}`, {
        ...at(tf.name),
        to: type,
      }),
    );
  }

  for (const [ff, tf] of pairs)
    out.push(...compareField(ctx, typeName, ff, tf, usage, at(tf.name)));

  if (ctx.fromProtocol === 'soap' && ctx.toProtocol === 'soap') {
    const order = orderChange(fromFields, toFields);
    if (order) {
      out.push(
        change(
          'field-order-changed',
          true,
          `${typeName}: the element order changes (SOAP reads elements in schema order): ${order.to}`,
          {
            ...where,
            type: typeName,
            from: order.from,
            to: order.to,
          },
        ),
      );
    }
  }
  return out;
}

function compareField(
  ctx: DiffContext,
  typeName: string,
  ff: Field,
  tf: Field,
  usage: Usage,
  at: { operation?: string; type: string; field: string },
): Change[] {
  const out: Change[] = [];
  const label = `${typeName}.${tf.name}`;
  const a = describeRef(fieldRef(ff), ctx.fromIndex);
  const b = describeRef(fieldRef(tf), ctx.toIndex);
  const cmp = compareRefs(fieldRef(ff), fieldRef(tf), ctx);
  if (cmp === 'type-changed') {
    out.push(
      change('field-type-changed', true, `${label} changes type from ${a} to ${b}`, {
        ...at,
        from: a,
        to: b,
      }),
    );
  } else if (cmp === 'became-array') {
    out.push(
      change(
        'field-became-array',
        true,
        `${label} becomes a list (${a} → ${b}): send and read an array`,
        { ...at, from: a, to: b },
      ),
    );
  } else if (cmp === 'became-single') {
    out.push(
      change('field-became-single', true, `${label} is no longer a list (${a} → ${b})`, {
        ...at,
        from: a,
        to: b,
      }),
    );
  } else if (cmp === 'map-representation') {
    const [arrayForm, mapForm] = ctx.fromProtocol === 'soap' ? [a, b] : [b, a];
    out.push(
      change(
        'map-representation',
        false,
        `${label} is one dictionary written two ways: an array of Key/Value items (${arrayForm}) in SOAP, one JSON object (${mapForm}) in REST. ` +
          'The adsgen client types it as the array on both protocols and converts, so its users change nothing',
        { ...at, from: a, to: b },
      ),
    );
  } else if (cmp === 'number-representation') {
    out.push(
      change(
        'number-representation',
        false,
        `${label} is an xs:decimal in SOAP and a JSON number (double) in REST: the same value, but digits beyond double precision may be lost`,
        { ...at, from: a, to: b },
      ),
    );
  } else if (
    ctx.crossProtocol &&
    bottomPrimitive(ff.type, ctx.fromIndex) === 'int64' &&
    bottomPrimitive(tf.type, ctx.toIndex) === 'int64'
  ) {
    const [fromForm, toForm] =
      ctx.fromProtocol === 'soap'
        ? ['XML digits', 'a JSON string']
        : ['a JSON string', 'XML digits'];
    const example = fieldRef(tf).kind === 'array' ? `"${tf.name}": ["123"]` : `"${tf.name}": "123"`;
    out.push(
      change(
        'int64-representation',
        false,
        `${label} is ${b}: ${fromForm} in ${protocolLabel(ctx.fromProtocol)}, ${toForm} in ${protocolLabel(ctx.toProtocol)} (${example}). ` +
          'The adsgen client types it as a string on both protocols, so its users change nothing; a hand-written REST client must send and parse it as a string, never as a JS number (values can exceed 2^53)',
        { ...at, from: `${a} (${ctx.fromProtocol})`, to: `${b} (${ctx.toProtocol})` },
      ),
    );
  }

  const wasRequired = ff.minOccurs > 0;
  const isRequired = tf.minOccurs > 0;
  if (wasRequired !== isRequired) {
    const breaking = isRequired ? usage.input : usage.output;
    const why = !breaking
      ? ''
      : isRequired
        ? ': requests must include it'
        : ': responses may omit it';
    out.push(
      change(
        'optionality-changed',
        breaking,
        `${label} becomes ${isRequired ? 'required' : 'optional'}${why}`,
        {
          ...at,
          from: wasRequired ? 'required' : 'optional',
          to: isRequired ? 'required' : 'optional',
        },
      ),
    );
  }
  if (ff.nullable !== tf.nullable) {
    const breaking = tf.nullable ? usage.output : usage.input;
    const why = !breaking
      ? ''
      : tf.nullable
        ? ': responses may carry null'
        : ': requests may not send null (omit it instead)';
    out.push(
      change(
        'nullability-changed',
        breaking,
        `${label} ${tf.nullable ? 'becomes nullable' : 'is no longer nullable'}${why}`,
        {
          ...at,
          from: ff.nullable ? 'nullable' : 'not nullable',
          to: tf.nullable ? 'nullable' : 'not nullable',
        },
      ),
    );
  }
  return out;
}

/** The discriminator property of the family a type belongs to (REST), if any. */
function discriminatorProperty(
  index: Map<string, ServiceType>,
  type: ObjectType,
): string | undefined {
  return [type, ...baseChain(index, type)].find((t) => t.discriminator)?.discriminator?.property;
}

/** The shared fields' order on both sides when it differs. */
function orderChange(from: Field[], to: Field[]): { from: string; to: string } | undefined {
  const toNames = new Set(to.map((f) => f.name));
  const fromNames = new Set(from.map((f) => f.name));
  const a = from.map((f) => f.name).filter((n) => toNames.has(n));
  const b = to.map((f) => f.name).filter((n) => fromNames.has(n));
  return a.join(',') === b.join(',') ? undefined : { from: a.join(', '), to: b.join(', ') };
}

/** Identity of a field change regardless of the type it was found on, to drop inherited duplicates. */
export function fieldChangeKey(c: Change): string {
  return [c.kind, c.field ?? '', c.from ?? '', c.to ?? ''].join('\u0000');
}
