/**
 * Production and sandbox: the one choice that drives service hosts and OAuth endpoints alike.
 * Everything here is a hard-coded table (facts from shared/REFERENCE.md and specs/manifest.json)
 * because the runtime never reads spec files at run time. The tables are configuration, not
 * call-site constants: OAuthTokenProvider and the clients accept overrides for every URL.
 */

/** @public */
export type Environment = 'production' | 'sandbox';

/** @public */
export const ENVIRONMENTS: readonly Environment[] = ['production', 'sandbox'];

/** @public */
export function isEnvironment(value: unknown): value is Environment {
  return value === 'production' || value === 'sandbox';
}

/**
 * Accepts `production` / `sandbox` in any case (e.g. from an environment variable).
 *
 * @public
 */
export function parseEnvironment(value: string): Environment {
  const lower = value.trim().toLowerCase();
  if (isEnvironment(lower)) return lower;
  throw new RangeError(`Unknown environment "${value}": expected "production" or "sandbox"`);
}

/** @public */
export type ServiceId =
  | 'customer-management'
  | 'campaign-management'
  | 'bulk'
  | 'reporting'
  | 'ad-insight'
  | 'customer-billing';

/** @public */
export interface ServiceEndpoints {
  /** The SOAP endpoint (POST target; append `?singleWsdl` for the WSDL). */
  soapUrl: string;
  /**
   * Scheme + host + the service's REST base path (`https://…/CustomerManagement/v13`).
   * Note: REST operation paths in the descriptors already start with the base path, so join
   * those to `origin`, not to this URL (see `restOperationUrl`).
   */
  restBaseUrl: string;
  /** Scheme + host, no trailing slash (the same host serves SOAP and REST for a service). */
  origin: string;
}

/** The table: service id → environment → endpoints. Literal URLs so it reads as a table. */
const SERVICE_ENDPOINTS: Readonly<
  Record<ServiceId, Readonly<Record<Environment, ServiceEndpoints>>>
> = {
  'customer-management': {
    production: {
      soapUrl:
        'https://clientcenter.api.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc',
      restBaseUrl: 'https://clientcenter.api.bingads.microsoft.com/CustomerManagement/v13',
      origin: 'https://clientcenter.api.bingads.microsoft.com',
    },
    sandbox: {
      soapUrl:
        'https://clientcenter.api.sandbox.bingads.microsoft.com/Api/CustomerManagement/v13/CustomerManagementService.svc',
      restBaseUrl: 'https://clientcenter.api.sandbox.bingads.microsoft.com/CustomerManagement/v13',
      origin: 'https://clientcenter.api.sandbox.bingads.microsoft.com',
    },
  },
  'campaign-management': {
    production: {
      soapUrl:
        'https://campaign.api.bingads.microsoft.com/Api/Advertiser/CampaignManagement/v13/CampaignManagementService.svc',
      restBaseUrl: 'https://campaign.api.bingads.microsoft.com/CampaignManagement/v13',
      origin: 'https://campaign.api.bingads.microsoft.com',
    },
    sandbox: {
      soapUrl:
        'https://campaign.api.sandbox.bingads.microsoft.com/Api/Advertiser/CampaignManagement/v13/CampaignManagementService.svc',
      restBaseUrl: 'https://campaign.api.sandbox.bingads.microsoft.com/CampaignManagement/v13',
      origin: 'https://campaign.api.sandbox.bingads.microsoft.com',
    },
  },
  bulk: {
    production: {
      soapUrl:
        'https://bulk.api.bingads.microsoft.com/Api/Advertiser/CampaignManagement/v13/BulkService.svc',
      restBaseUrl: 'https://bulk.api.bingads.microsoft.com/Bulk/v13',
      origin: 'https://bulk.api.bingads.microsoft.com',
    },
    sandbox: {
      soapUrl:
        'https://bulk.api.sandbox.bingads.microsoft.com/Api/Advertiser/CampaignManagement/v13/BulkService.svc',
      restBaseUrl: 'https://bulk.api.sandbox.bingads.microsoft.com/Bulk/v13',
      origin: 'https://bulk.api.sandbox.bingads.microsoft.com',
    },
  },
  reporting: {
    production: {
      soapUrl:
        'https://reporting.api.bingads.microsoft.com/Api/Advertiser/Reporting/v13/ReportingService.svc',
      restBaseUrl: 'https://reporting.api.bingads.microsoft.com/Reporting/v13',
      origin: 'https://reporting.api.bingads.microsoft.com',
    },
    sandbox: {
      soapUrl:
        'https://reporting.api.sandbox.bingads.microsoft.com/Api/Advertiser/Reporting/v13/ReportingService.svc',
      restBaseUrl: 'https://reporting.api.sandbox.bingads.microsoft.com/Reporting/v13',
      origin: 'https://reporting.api.sandbox.bingads.microsoft.com',
    },
  },
  'ad-insight': {
    production: {
      // "V13" (capital V) is how Microsoft spells this one SOAP path.
      soapUrl:
        'https://adinsight.api.bingads.microsoft.com/Api/Advertiser/AdInsight/V13/AdInsightService.svc',
      restBaseUrl: 'https://adinsight.api.bingads.microsoft.com/AdInsight/v13',
      origin: 'https://adinsight.api.bingads.microsoft.com',
    },
    sandbox: {
      soapUrl:
        'https://adinsight.api.sandbox.bingads.microsoft.com/Api/Advertiser/AdInsight/V13/AdInsightService.svc',
      restBaseUrl: 'https://adinsight.api.sandbox.bingads.microsoft.com/AdInsight/v13',
      origin: 'https://adinsight.api.sandbox.bingads.microsoft.com',
    },
  },
  'customer-billing': {
    production: {
      soapUrl:
        'https://clientcenter.api.bingads.microsoft.com/Api/Billing/v13/CustomerBillingService.svc',
      restBaseUrl: 'https://clientcenter.api.bingads.microsoft.com/CustomerBilling/v13',
      origin: 'https://clientcenter.api.bingads.microsoft.com',
    },
    sandbox: {
      soapUrl:
        'https://clientcenter.api.sandbox.bingads.microsoft.com/Api/Billing/v13/CustomerBillingService.svc',
      restBaseUrl: 'https://clientcenter.api.sandbox.bingads.microsoft.com/CustomerBilling/v13',
      origin: 'https://clientcenter.api.sandbox.bingads.microsoft.com',
    },
  },
};

/** @public */
export const SERVICE_IDS = Object.keys(SERVICE_ENDPOINTS) as readonly ServiceId[];

/** @public */
export function isServiceId(value: unknown): value is ServiceId {
  return typeof value === 'string' && Object.hasOwn(SERVICE_ENDPOINTS, value);
}

/**
 * Endpoints of one service in one environment. Takes a plain string because generated
 * descriptors carry the id as `string`; an unknown id is a programming error and throws.
 *
 * @public
 */
export function serviceEndpoints(
  serviceId: string,
  environment: Environment = 'production',
): ServiceEndpoints {
  if (!isServiceId(serviceId)) {
    throw new RangeError(
      `Unknown service id "${serviceId}": expected one of ${SERVICE_IDS.join(', ')}`,
    );
  }
  if (!isEnvironment(environment)) {
    throw new RangeError(
      `Unknown environment "${String(environment)}": expected "production" or "sandbox"`,
    );
  }
  return { ...SERVICE_ENDPOINTS[serviceId][environment] };
}

/**
 * URL of a REST operation. Descriptor paths already include the base path
 * (`/CustomerManagement/v13/User/Query`), so they resolve against the origin; a path given
 * relative to the base (`User/Query`) resolves against `restBaseUrl`.
 *
 * @public
 */
export function restOperationUrl(
  endpoints: Pick<ServiceEndpoints, 'restBaseUrl'>,
  path: string,
): string {
  const base = new URL(endpoints.restBaseUrl);
  if (path.startsWith('/')) return `${base.origin}${path}`;
  return `${endpoints.restBaseUrl.replace(/\/+$/, '')}/${path}`;
}

// ---------------------------------------------------------------------------------------------
// OAuth

/** @public */
export type OAuthProviderId = 'microsoft' | 'google';

/** @public */
export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  /**
   * The scope to request, or undefined when the provider's scope is not a known fact
   * (Google: REFERENCE.md names no scope for Microsoft Advertising, so the caller must give one).
   */
  scope: string | undefined;
}

interface OAuthTableEntry {
  /** `{tenant}` is replaced by the tenant (Microsoft only). */
  authorize: string;
  token: string;
  defaultTenant?: string;
  scope?: string;
}

/** @public */
export const MICROSOFT_PRODUCTION_SCOPE = 'https://ads.microsoft.com/msads.manage offline_access';
/** @public */
export const MICROSOFT_SANDBOX_SCOPE = 'https://api.ads.microsoft.com/msads.manage offline_access';
/**
 * Alternative sandbox sign-in: a production Microsoft account reaching sandbox, on
 * login.microsoftonline.com. Use with `environment: 'sandbox'` and the production
 * authorize/token endpoints passed as overrides.
 *
 * @public
 */
export const MICROSOFT_SANDBOX_VIA_PRODUCTION_ACCOUNT_SCOPE =
  'https://si.ads.microsoft.com/msads.manage offline_access';
/**
 * Redirect URI for native (public) Microsoft apps that have no web server.
 *
 * @public
 */
export const MICROSOFT_NATIVE_REDIRECT_URI =
  'https://login.microsoftonline.com/common/oauth2/nativeclient';

const GOOGLE: OAuthTableEntry = {
  authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
  token: 'https://oauth2.googleapis.com/token',
};

const OAUTH_ENDPOINTS: Readonly<
  Record<OAuthProviderId, Readonly<Record<Environment, OAuthTableEntry>>>
> = {
  microsoft: {
    production: {
      authorize: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize',
      token: 'https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token',
      defaultTenant: 'common',
      scope: MICROSOFT_PRODUCTION_SCOPE,
    },
    sandbox: {
      // The official SDKs' sandbox identity platform (Microsoft's pre-production login).
      authorize: 'https://login.windows-ppe.net/{tenant}/oauth2/v2.0/authorize',
      token: 'https://login.windows-ppe.net/{tenant}/oauth2/v2.0/token',
      defaultTenant: 'consumers',
      scope: MICROSOFT_SANDBOX_SCOPE,
    },
  },
  // Google has one identity platform; the Microsoft Advertising environment does not change it.
  google: { production: GOOGLE, sandbox: GOOGLE },
};

/** @public */
export interface OAuthEndpointsOptions {
  environment?: Environment;
  provider?: OAuthProviderId;
  /** Microsoft tenant; default `common` (production) or `consumers` (sandbox). Ignored for Google. */
  tenant?: string;
}

/** @public */
export function oauthEndpoints(options: OAuthEndpointsOptions = {}): OAuthEndpoints {
  const environment = options.environment ?? 'production';
  const provider = options.provider ?? 'microsoft';
  if (!isEnvironment(environment)) {
    throw new RangeError(
      `Unknown environment "${String(environment)}": expected "production" or "sandbox"`,
    );
  }
  const entry = OAUTH_ENDPOINTS[provider]?.[environment];
  if (entry === undefined) {
    throw new RangeError(
      `Unknown OAuth provider "${String(provider)}": expected "microsoft" or "google"`,
    );
  }
  const tenant = encodeURIComponent(options.tenant ?? entry.defaultTenant ?? '');
  return {
    authorizeUrl: entry.authorize.replace('{tenant}', tenant),
    tokenUrl: entry.token.replace('{tenant}', tenant),
    scope: entry.scope,
  };
}
