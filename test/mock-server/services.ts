import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createXsdValidator, type XsdValidator } from './soap/xsd-validator.ts';
import { extractSchemas } from './wsdl/extract-schemas.ts';
import { pruneSchemas, reachable } from './wsdl/prune-schemas.ts';
import {
  describeWsdl,
  type SoapOperationDesc,
  type WsdlDescription,
} from './wsdl/service-description.ts';
import { parseXmlTree } from './xml/tree.ts';
import { describeOpenApi, type OaDocument, type RestService } from './rest/openapi-doc.ts';
import { createJsonValidator, type JsonValidator } from './rest/json-validator.ts';

export interface ManifestService {
  id: string;
  soapService: string;
  soapPath: string;
  restBasePath: string;
  files: { wsdl: string; openapi: string };
}

export interface SoapSide {
  desc: WsdlDescription;
  /** Validates against all of the service's schemas (responses, anything). */
  validator: XsdValidator;
  /** A validator for one operation's requests, on the schemas pruned to what it can reach (cached). */
  requestValidator(op: SoapOperationDesc): XsdValidator;
}

export interface RestSide {
  rest: RestService;
  validator: JsonValidator;
}

/**
 * The six services, from specs/manifest.json. Each service's WSDL and OpenAPI document are
 * read, indexed and their validators built on the first request that needs them (and kept),
 * so starting the mock costs only reading the manifest.
 */
export class ServiceRegistry {
  readonly services: ManifestService[];
  private readonly soapSides = new Map<string, Promise<SoapSide>>();
  private readonly restSides = new Map<string, Promise<RestSide>>();

  constructor(readonly specsDir: string) {
    const manifest = JSON.parse(readFileSync(join(specsDir, 'manifest.json'), 'utf8')) as {
      services: ManifestService[];
    };
    this.services = manifest.services;
  }

  byId(id: string): ManifestService {
    const s = this.services.find((x) => x.id === id);
    if (!s) throw new Error(`unknown service ${id}`);
    return s;
  }

  bySoapPath(path: string): ManifestService | undefined {
    return this.services.find((s) => s.soapPath.toLowerCase() === path.toLowerCase());
  }

  byRestPath(path: string): ManifestService | undefined {
    const p = path.toLowerCase();
    return this.services.find((s) => p.startsWith(`${s.restBasePath.toLowerCase()}/`));
  }

  soap(id: string): Promise<SoapSide> {
    let side = this.soapSides.get(id);
    if (!side) {
      side = this.loadSoap(this.byId(id));
      this.soapSides.set(id, side);
    }
    return side;
  }

  rest(id: string): Promise<RestSide> {
    let side = this.restSides.get(id);
    if (!side) {
      side = this.loadRest(this.byId(id));
      this.restSides.set(id, side);
    }
    return side;
  }

  private async loadSoap(s: ManifestService): Promise<SoapSide> {
    const text = await readFile(join(this.specsDir, s.files.wsdl), 'utf8');
    const desc = describeWsdl(parseXmlTree(text));
    const files = extractSchemas(text, s.id);
    const validator = createXsdValidator(files);
    const perOperation = new Map<string, XsdValidator>();
    return {
      desc,
      validator,
      requestValidator(op) {
        let v = perOperation.get(op.name);
        if (!v) {
          const keep = reachable(desc.schemas, [
            op.requestElement,
            ...op.requestHeaders.map((h) => h.element),
          ]);
          v = keep ? createXsdValidator(pruneSchemas(files, keep)) : validator;
          perOperation.set(op.name, v);
        }
        return v;
      },
    };
  }

  private async loadRest(s: ManifestService): Promise<RestSide> {
    const doc = JSON.parse(
      await readFile(join(this.specsDir, s.files.openapi), 'utf8'),
    ) as OaDocument;
    return { rest: describeOpenApi(doc), validator: createJsonValidator(doc, s.id) };
  }
}
