import { formatRef } from './helpers.ts';
import type { ServiceModel, ServiceType } from './types.ts';

/**
 * The `adsgen model --json` view: the model as it is, except that every field also gets a
 * readable `type` string (`int64`, `AdvertiserAccount`, `int64[]`) with the structured
 * reference kept as `typeRef`, and every type carries `fields`/`values`/`base` keys in a fixed
 * place, so tools can read the dump without knowing TypeRef.
 */
export function modelToJson(model: ServiceModel): unknown {
  return {
    service: model.service,
    protocol: model.protocol,
    name: model.name,
    ...(model.namespace ? { namespace: model.namespace } : {}),
    source: model.source,
    operations: model.operations,
    types: model.types.map(typeToJson),
  };
}

function typeToJson(type: ServiceType): unknown {
  switch (type.kind) {
    case 'object':
      return {
        name: type.name,
        namespace: type.namespace,
        kind: type.kind,
        base: type.base,
        abstract: type.abstract,
        discriminatorValue: type.discriminatorValue,
        discriminator: type.discriminator,
        requiredInherited: type.requiredInherited,
        origin: type.origin,
        fields: type.fields.map((f) => ({
          name: f.name,
          type: formatRef(f.type),
          typeRef: f.type,
          namespace: f.namespace,
          minOccurs: f.minOccurs,
          maxOccurs: f.maxOccurs,
          nullable: f.nullable,
        })),
        doc: type.doc,
      };
    case 'enum':
      return {
        name: type.name,
        namespace: type.namespace,
        kind: type.kind,
        flags: type.flags,
        values: type.values,
        doc: type.doc,
      };
    case 'alias':
      return {
        name: type.name,
        namespace: type.namespace,
        kind: type.kind,
        type: formatRef(type.target),
        typeRef: type.target,
        patterns: type.patterns,
        doc: type.doc,
      };
  }
}
