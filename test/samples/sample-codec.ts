/**
 * The committed request/response samples (test/samples/<service>/<Operation>/) and the codec
 * calls they pin: request.json → SOAP envelope (request.xml) and REST body, response.xml →
 * decoded value (response.json). Shared by samples.test.ts and scripts/refresh-sample.ts so
 * the test checks exactly what the refresh script writes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import type { OperationDescriptor, ServiceDescriptor } from '../../runtime/src/descriptors.ts';
import { encodeRestBody } from '../../runtime/src/rest/encode.ts';
import { decodeSoapResponse } from '../../runtime/src/soap/decode.ts';
import { encodeSoapRequest } from '../../runtime/src/soap/encode.ts';

export const SAMPLES_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * Header values the request.xml files were written with. Only the two token values are
 * normalized when comparing (they are secrets in real use and differ per run); the ids are
 * part of the sample.
 */
export const SAMPLE_HEADERS = {
  AuthenticationToken: 'SAMPLE-ACCESS-TOKEN',
  DeveloperToken: 'BBD37VB98',
  CustomerId: '9007199254740993',
  CustomerAccountId: '9007199254740995',
} as const;

export interface Sample {
  service: string;
  operation: string;
  dir: string;
}

/** Every `<service>/<Operation>/` directory holding a request.json, sorted. */
export function listSamples(): Sample[] {
  const out: Sample[] = [];
  for (const service of readdirSync(SAMPLES_DIR).sort()) {
    const serviceDir = join(SAMPLES_DIR, service);
    if (!statSync(serviceDir).isDirectory()) continue;
    for (const operation of readdirSync(serviceDir).sort()) {
      const dir = join(serviceDir, operation);
      if (existsSync(join(dir, 'request.json'))) out.push({ service, operation, dir });
    }
  }
  return out;
}

const descriptors = new Map<string, ServiceDescriptor>();

/** The generated package's descriptor (generated/<id>/dist, built by `npm run generate`). */
export async function descriptorOf(service: string): Promise<ServiceDescriptor> {
  let d = descriptors.get(service);
  if (!d) {
    const url = new URL(`../../generated/${service}/dist/descriptor.js`, import.meta.url);
    d = ((await import(url.href)) as { descriptor: ServiceDescriptor }).descriptor;
    descriptors.set(service, d);
  }
  return d;
}

export async function operationOf(
  sample: Sample,
): Promise<{ service: ServiceDescriptor; op: OperationDescriptor }> {
  const service = await descriptorOf(sample.service);
  const op = service.operations[sample.operation];
  if (!op) throw new Error(`${sample.service} has no operation ${sample.operation}`);
  return { service, op };
}

export function readText(sample: Sample, file: string): string {
  return readFileSync(join(sample.dir, file), 'utf8');
}

export function readJson(sample: Sample, file: string): unknown {
  return JSON.parse(readText(sample, file));
}

/** The envelope the SOAP encoder writes for request.json (no trailing newline). */
export async function encodeSampleSoap(sample: Sample): Promise<string> {
  const { service, op } = await operationOf(sample);
  return encodeSoapRequest(service, op, readJson(sample, 'request.json'), { ...SAMPLE_HEADERS });
}

/** The JSON body the REST encoder writes for request.json. */
export async function encodeSampleRest(sample: Sample): Promise<string> {
  const { service, op } = await operationOf(sample);
  return encodeRestBody(service, op, readJson(sample, 'request.json'));
}

/** What the SOAP decoder returns for response.xml: the value of a success response. */
export async function decodeSampleSoap(sample: Sample): Promise<unknown> {
  const { service, op } = await operationOf(sample);
  const result = decodeSoapResponse(service, op, readText(sample, 'response.xml'));
  if (result.kind !== 'ok')
    throw new Error(`${sample.operation}: response.xml decodes as a fault (${result.detailType})`);
  return result.value;
}

/** The two token header values replaced by markers; everything else byte for byte. */
export function normalizeHeaderTokens(xml: string): string {
  return xml.replace(
    /<([\w.-]+:)?(AuthenticationToken|DeveloperToken)>[^<]*<\/\1?\2>/g,
    (_m, prefix: string | undefined, name: string) =>
      `<${prefix ?? ''}${name}>{${name}}</${prefix ?? ''}${name}>`,
  );
}

/** JSON as the sample files store it: formatted by the repository's prettier settings. */
export async function toJsonFile(value: unknown, file: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(JSON.stringify(value), { ...options, parser: 'json' });
}
