/** The parts of an OpenAPI 3.0 document the mock reads (the specs use only these keywords). */
export interface OaSchema {
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, OaSchema>;
  required?: string[];
  items?: OaSchema;
  /** A JSON object map's value schema (campaign-management AuditPointResult.Details). */
  additionalProperties?: OaSchema;
  allOf?: OaSchema[];
  $ref?: string;
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
  'x-enumFlags'?: boolean;
}

interface OaMediaMap {
  content?: Record<string, { schema?: OaSchema }>;
}

export interface OaOperation {
  operationId: string;
  requestBody?: OaMediaMap & { required?: boolean };
  responses: Record<string, OaMediaMap>;
}

export interface OaDocument {
  paths: Record<string, Record<string, OaOperation>>;
  components: { schemas: Record<string, OaSchema> };
}

export interface RestOperation {
  name: string;
  method: string;
  path: string;
  /** Component name of the request body schema, when it is a $ref. */
  requestSchema?: OaSchema;
  /** Schema of the 200 response body. */
  responseSchema?: OaSchema;
}

export interface RestService {
  doc: OaDocument;
  operations: RestOperation[];
  /** `METHOD /path` → operation. */
  routes: Map<string, RestOperation>;
  byName: Map<string, RestOperation>;
}

const JSON_TYPE = 'application/json';

export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** Indexes a document's operations by method and path. */
export function describeOpenApi(doc: OaDocument): RestService {
  const operations: RestOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const ok = op.responses['200'] ?? op.responses['201'] ?? op.responses['204'];
      operations.push({
        name: op.operationId,
        method: method.toUpperCase(),
        path,
        requestSchema: op.requestBody?.content?.[JSON_TYPE]?.schema,
        responseSchema: ok?.content?.[JSON_TYPE]?.schema,
      });
    }
  }
  return {
    doc,
    operations,
    routes: new Map(operations.map((o) => [`${o.method} ${o.path.toLowerCase()}`, o])),
    byName: new Map(operations.map((o) => [o.name, o])),
  };
}

/** Routes are matched case-insensitively on the path, as IIS-hosted services do. */
export function findRoute(
  service: RestService,
  method: string,
  path: string,
): RestOperation | undefined {
  return service.routes.get(`${method.toUpperCase()} ${path.toLowerCase()}`);
}

/** Subclasses of each schema: name → names whose allOf starts with a $ref to it. */
export function subclassIndex(doc: OaDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, s] of Object.entries(doc.components.schemas)) {
    const baseRef = s.allOf?.find((p) => p.$ref)?.$ref;
    if (!baseRef) continue;
    const base = refName(baseRef);
    out.set(base, [...(out.get(base) ?? []), name]);
  }
  return out;
}

/** All descendants (transitively) of a schema, by name. */
export function descendants(index: Map<string, string[]>, name: string): string[] {
  const out: string[] = [];
  for (const child of index.get(name) ?? []) out.push(child, ...descendants(index, child));
  return out;
}
