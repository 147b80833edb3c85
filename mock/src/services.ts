import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createXsdValidator, type XsdValidator } from './soap/xsd-validator.ts';
import { extractSchemas } from './wsdl/extract-schemas.ts';
import { describeWsdl, type WsdlDescription } from './wsdl/service-description.ts';
import { parseXmlTree } from './xml/tree.ts';
import { describeOpenApi, refName, type OaDocument, type RestService } from './rest/openapi-doc.ts';
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
  /**
   * Validates against all of the service's schemas: requests of every operation, responses,
   * faults. One per service, so concurrent requests of ANY of its operations share one xmllint
   * run (which costs mostly its worker start and schema compile, not the documents: validating
   * every campaign-management request in one run costs little more than one request alone).
   * Each document's errors are its own (see createXsdValidator).
   */
  validator: XsdValidator;
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
  private readonly typeValues = new Map<string, Map<string, string>>();

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

  /**
   * The REST discriminator value of a type (`ResponsiveSearchAd` → `ResponsiveSearch`), from
   * the service's OpenAPI mappings; what the stateful core stores in `Type`.
   */
  typeValue(id: string, typeName: string): string | undefined {
    let values = this.typeValues.get(id);
    if (!values) {
      values = new Map();
      const doc = JSON.parse(
        readFileSync(join(this.specsDir, this.byId(id).files.openapi), 'utf8'),
      ) as OaDocument;
      for (const schema of Object.values(doc.components.schemas)) {
        for (const [value, ref] of Object.entries(schema.discriminator?.mapping ?? {})) {
          const name = refName(ref);
          if (!values.has(name)) values.set(name, value);
        }
      }
      this.typeValues.set(id, values);
    }
    return values.get(typeName);
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
    return { desc, validator: createXsdValidator(extractSchemas(text, s.id)) };
  }

  private async loadRest(s: ManifestService): Promise<RestSide> {
    const doc = JSON.parse(
      await readFile(join(this.specsDir, s.files.openapi), 'utf8'),
    ) as OaDocument;
    return { rest: describeOpenApi(doc), validator: createJsonValidator(doc, s.id) };
  }
}
