/**
 * The six generated packages as a consumer gets them: their compiled `dist/` (built by
 * `npm run generate`, which `npm test` runs first) on top of `@adsgen/runtime`'s `dist/`.
 * Nothing here reaches into generator or runtime sources.
 */
import type { ClientOptions, ServiceDescriptor } from '@adsgen/runtime';
import * as adInsight from '../../generated/ad-insight/dist/index.js';
import * as bulk from '../../generated/bulk/dist/index.js';
import * as campaign from '../../generated/campaign-management/dist/index.js';
import * as billing from '../../generated/customer-billing/dist/index.js';
import * as customer from '../../generated/customer-management/dist/index.js';
import * as reporting from '../../generated/reporting/dist/index.js';
// Each package's descriptor is data for tools, on its `./descriptor` subpath.
import { descriptor as adInsightDescriptor } from '../../generated/ad-insight/dist/descriptor.js';
import { descriptor as bulkDescriptor } from '../../generated/bulk/dist/descriptor.js';
import { descriptor as campaignDescriptor } from '../../generated/campaign-management/dist/descriptor.js';
import { descriptor as billingDescriptor } from '../../generated/customer-billing/dist/descriptor.js';
import { descriptor as customerDescriptor } from '../../generated/customer-management/dist/descriptor.js';
import { descriptor as reportingDescriptor } from '../../generated/reporting/dist/descriptor.js';

/** What the suite needs of any generated client, whatever its service. */
export interface AnyClient {
  readonly protocol: 'soap' | 'rest';
  close(): Promise<void>;
}

export interface GeneratedPackage {
  id: string;
  descriptor: ServiceDescriptor;
  create(options: ClientOptions): AnyClient;
}

export const PACKAGES: readonly GeneratedPackage[] = [
  {
    id: 'customer-management',
    descriptor: customerDescriptor,
    create: (o) => new customer.CustomerManagementClient(o),
  },
  {
    id: 'campaign-management',
    descriptor: campaignDescriptor,
    create: (o) => new campaign.CampaignManagementClient(o),
  },
  { id: 'bulk', descriptor: bulkDescriptor, create: (o) => new bulk.BulkClient(o) },
  {
    id: 'reporting',
    descriptor: reportingDescriptor,
    create: (o) => new reporting.ReportingClient(o),
  },
  {
    id: 'ad-insight',
    descriptor: adInsightDescriptor,
    create: (o) => new adInsight.AdInsightClient(o),
  },
  {
    id: 'customer-billing',
    descriptor: billingDescriptor,
    create: (o) => new billing.CustomerBillingClient(o),
  },
];

/** `GetUser` → `getUser`: the generated method of an operation. */
export function methodName(operation: string): string {
  return operation.charAt(0).toLowerCase() + operation.slice(1);
}

/**
 * Calls the generated method for `operation` by name (the all-operations test drives 288
 * operations from the descriptor, so it cannot spell each call out). Fails loudly when the
 * client has no such method: that would be an emitter bug.
 */
export function callOperation(
  client: AnyClient,
  operation: string,
  request: unknown,
): Promise<unknown> {
  const method = (client as unknown as Record<string, unknown>)[methodName(operation)];
  if (typeof method !== 'function')
    throw new Error(`generated client has no method ${methodName(operation)} for ${operation}`);
  return (method as (r: unknown) => Promise<unknown>).call(client, request);
}
