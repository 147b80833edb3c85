/**
 * SOAP 1.1 request envelopes. Per operation, everything that does not depend on the call
 * (namespace declarations, header tags, the wrapper element) is precomputed once; a call
 * writes header values and the request fields through the type plans and joins once.
 */
import type { OperationDescriptor, ServiceDescriptor } from '../descriptors.js';
import { CodecValueError, describe, isPlainRecord, requestError } from '../codec-plan.js';
import { RequestValidationError } from '../errors.js';
import {
  type SoapEncodeContext,
  type SoapObjectPlan,
  type Tag,
  makeTag,
  objectPlan,
  soapEncodeContext,
  writeFields,
} from './encode-plan.js';
import { SOAP_ENV_NS, XSI_NS, operationNamespaces } from './namespaces.js';
import { escapeXmlText } from './xml-text.js';

interface HeaderPlan {
  name: string;
  tag: Tag;
  /** The `Action` header defaults to the operation's SOAP action. */
  defaultValue: string | undefined;
}

interface OperationPlan {
  /** The plan is only valid with the service it was built for (prefixes are per service). */
  service: ServiceDescriptor;
  /** `<s:Envelope …declarations…><s:Header>` */
  head: string;
  headers: HeaderPlan[];
  /** `</s:Header><s:Body><n0:GetUserRequest>` */
  bodyOpen: string;
  /** `</n0:GetUserRequest></s:Body></s:Envelope>` */
  bodyClose: string;
  request: SoapObjectPlan | undefined;
  root: string;
}

const operationPlans = new WeakMap<OperationDescriptor, OperationPlan>();

function operationPlan(ctx: SoapEncodeContext, op: OperationDescriptor): OperationPlan {
  let plan = operationPlans.get(op);
  if (plan?.service === ctx.service) return plan;
  const soap = op.soap;
  if (!soap) throw new Error(`${op.name} has no SOAP binding`);
  const declarations = ctx.prefixes.declarations(operationNamespaces(ctx.service, op));
  const wrapper = makeTag(ctx, soap.requestElement.namespace, soap.requestElement.name);
  plan = {
    service: ctx.service,
    head: `<s:Envelope xmlns:s="${SOAP_ENV_NS}" xmlns:i="${XSI_NS}"${declarations}><s:Header>`,
    headers: soap.requestHeaders.map((header) => ({
      name: header.name,
      tag: makeTag(ctx, header.namespace, header.name),
      defaultValue: header.name === 'Action' ? soap.action : undefined,
    })),
    bodyOpen: `</s:Header><s:Body>${wrapper.openGt}`,
    bodyClose: `${wrapper.close}</s:Body></s:Envelope>`,
    request: op.request ? objectPlan(ctx, op.request) : undefined,
    root: soap.requestElement.name,
  };
  operationPlans.set(op, plan);
  return plan;
}

/**
 * The SOAP envelope for one call of `op`.
 *
 * Header: exactly the elements `op.soap.requestHeaders` declares, in order, valued from
 * `headers` by local name; an undefined value omits the element, except `Action`, which
 * defaults to `op.soap.action`. Body: the request wrapper with the request's fields in
 * descriptor order. Throws a RequestValidationError naming the field path when the request
 * does not fit its descriptor (a non-nullable null, an unsafe int64 number, an abstract type without
 * `Type`, a character XML cannot carry). Header values never appear in error messages.
 *
 * @internal
 */
export function encodeSoapRequest(
  service: ServiceDescriptor,
  op: OperationDescriptor,
  request: unknown,
  headers: Record<string, string | undefined>,
): string {
  const ctx = soapEncodeContext(service);
  const plan = operationPlan(ctx, op);
  const out: string[] = [plan.head];
  for (const header of plan.headers) {
    const value = headers[header.name] ?? header.defaultValue;
    if (value === undefined) continue;
    if (typeof value !== 'string')
      throw new RequestValidationError(
        `SOAP header ${header.name} value`,
        `expected a string, got ${describe(value)}`,
      );
    try {
      out.push(header.tag.openGt, escapeXmlText(value), header.tag.close);
    } catch (error) {
      if (error instanceof CodecValueError)
        // `<name> value`, not `<name>:`, which the redactor would take for a credential label.
        throw new RequestValidationError(`SOAP header ${header.name} value`, error.reason);
      throw error;
    }
  }
  out.push(plan.bodyOpen);
  if (plan.request && request !== undefined && request !== null) {
    if (!isPlainRecord(request))
      throw new RequestValidationError(plan.root, `expected an object, got ${describe(request)}`);
    try {
      writeFields(ctx, plan.request, request, out);
    } catch (error) {
      throw requestError(error, plan.root);
    }
  }
  out.push(plan.bodyClose);
  return out.join('');
}
