/**
 * What every codec does with its object plans, whatever a plan holds: keeping them per
 * ServiceDescriptor, making each on first use of its type, and choosing the plan of a
 * polymorphic value from its `Type`. The plans themselves are protocol-specific
 * (./soap/*-plan.ts, ./rest/*-plan.ts, ./rest/decode.ts).
 */
import type { ObjectTypeDescriptor, ServiceDescriptor } from './descriptors.js';
import { CodecValueError, familyMember, lookupObjectType } from './codec-plan.js';

/**
 * One cache per ServiceDescriptor object, dropped with it. `make` gets the service, so callers
 * pass a module-level function and a call that hits the cache allocates nothing.
 */
export function perService<T>(
  cache: WeakMap<ServiceDescriptor, T>,
  service: ServiceDescriptor,
  make: (service: ServiceDescriptor) => T,
): T {
  let entry = cache.get(service);
  if (entry === undefined) {
    entry = make(service);
    cache.set(service, entry);
  }
  return entry;
}

/**
 * One codec's object plans for one service: each made (empty: its fields are filled in on
 * first use, so recursive types need no special care) the first time its type is needed.
 */
export interface PlanContext<P> {
  readonly service: ServiceDescriptor;
  readonly objects: Map<string, P>;
  /** Makes the plan of an object type; called once per type. */
  readonly newPlan: (type: ObjectTypeDescriptor) => P;
}

/** The plan of object type `name`, made on first use. */
export function planOf<P>(ctx: PlanContext<P>, name: string): P {
  let plan = ctx.objects.get(name);
  if (plan === undefined) {
    plan = ctx.newPlan(lookupObjectType(ctx.service, name));
    ctx.objects.set(name, plan);
  }
  return plan;
}

/** A plan that knows the members of its type's polymorphic family by `Type` value. */
export interface FamilyPlan<P> {
  readonly type: ObjectTypeDescriptor;
  /** `Type` value → the member's plan (null: the value names no member), memoized per declared type. */
  readonly members: Map<string, P | null>;
}

/** The plan of the member of `declared`'s family that `typeValue` names; null when it names none. */
export function memberPlan<P extends FamilyPlan<P>>(
  ctx: PlanContext<P>,
  declared: P,
  typeValue: string,
): P | null {
  let member = declared.members.get(typeValue);
  if (member === undefined) {
    const found = familyMember(ctx.service, declared.type, typeValue);
    member = found ? planOf(ctx, found.name) : null;
    declared.members.set(typeValue, member);
  }
  return member;
}

/**
 * The plan a request value of declared type `declared` is encoded with, from its `Type`:
 * the family member it names, or `declared` itself. An encoder never guesses: a `Type` outside
 * the family, an abstract member, or an abstract declared type without `Type` is an error.
 */
export function concretePlan<P extends FamilyPlan<P>>(
  ctx: PlanContext<P>,
  declared: P,
  value: Record<string, unknown>,
): P {
  const typeValue = value.Type;
  const type = declared.type;
  if (typeof typeValue === 'string' && type.family) {
    const member = memberPlan(ctx, declared, typeValue);
    if (member === null) {
      throw new CodecValueError(
        `Type ${JSON.stringify(typeValue)} is not ${type.name} or one of its subtypes (${Object.keys(type.family).join(', ')})`,
      );
    }
    if (member.type.abstract)
      throw new CodecValueError(`${member.type.name} is abstract: set Type to a concrete subtype`);
    return member;
  }
  if (type.abstract) {
    const choices = type.family ? `: one of ${Object.keys(type.family).join(', ')}` : '';
    throw new CodecValueError(`${type.name} is abstract: the value must carry Type${choices}`);
  }
  return declared;
}
