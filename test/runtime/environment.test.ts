import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MICROSOFT_PRODUCTION_SCOPE,
  MICROSOFT_SANDBOX_SCOPE,
  SERVICE_IDS,
  isServiceId,
  oauthEndpoints,
  parseEnvironment,
  restOperationUrl,
  serviceEndpoints,
} from '../../runtime/src/environment.ts';

interface ManifestService {
  id: string;
  hosts: { production: string; sandbox: string };
  soapPath: string;
  restBasePath: string;
  wsdlUrls: { production: string; sandbox: string };
  files: { openapi: string };
}
const specsDir = new URL('../../specs/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', specsDir), 'utf8')) as {
  services: ManifestService[];
};

describe('service endpoint table', () => {
  it('covers exactly the six services of the manifest', () => {
    expect([...SERVICE_IDS].sort()).toEqual(manifest.services.map((s) => s.id).sort());
    expect(SERVICE_IDS).toHaveLength(6);
  });

  for (const service of manifest.services) {
    it(`${service.id}: production and sandbox URLs agree with the manifest`, () => {
      for (const environment of ['production', 'sandbox'] as const) {
        const endpoints = serviceEndpoints(service.id, environment);
        const host = service.hosts[environment];
        expect(endpoints).toEqual({
          soapUrl: `https://${host}${service.soapPath}`,
          restBaseUrl: `https://${host}${service.restBasePath}`,
          origin: `https://${host}`,
        });
        expect(`${endpoints.soapUrl}?singleWsdl`).toBe(service.wsdlUrls[environment]);
      }
      expect(new URL(serviceEndpoints(service.id, 'sandbox').soapUrl).hostname).toMatch(
        /\.api\.sandbox\.bingads\.microsoft\.com$/,
      );
      expect(new URL(serviceEndpoints(service.id, 'production').soapUrl).hostname).not.toContain(
        'sandbox',
      );
    });
  }

  const openapiFiles = manifest.services.filter((s) =>
    existsSync(new URL(s.files.openapi, specsDir)),
  );
  it.skipIf(openapiFiles.length === 0)(
    'REST base URLs agree with the OpenAPI servers and paths',
    () => {
      for (const service of openapiFiles) {
        const doc = JSON.parse(readFileSync(new URL(service.files.openapi, specsDir), 'utf8')) as {
          servers: Array<{ url: string }>;
          paths: Record<string, unknown>;
        };
        expect(doc.servers.map((s) => s.url)).toEqual([
          serviceEndpoints(service.id, 'production').origin,
          serviceEndpoints(service.id, 'sandbox').origin,
        ]);
        const basePath = new URL(serviceEndpoints(service.id, 'sandbox').restBaseUrl).pathname;
        for (const path of Object.keys(doc.paths))
          expect(path.startsWith(`${basePath}/`)).toBe(true);
      }
    },
  );

  it('defaults to production, returns copies, and rejects unknown ids and environments', () => {
    expect(serviceEndpoints('bulk')).toEqual(serviceEndpoints('bulk', 'production'));
    const copy = serviceEndpoints('bulk', 'sandbox');
    copy.soapUrl = 'changed';
    expect(serviceEndpoints('bulk', 'sandbox').soapUrl).toBe(
      'https://bulk.api.sandbox.bingads.microsoft.com/Api/Advertiser/CampaignManagement/v13/BulkService.svc',
    );
    expect(() => serviceEndpoints('nope', 'production')).toThrow(/Unknown service id "nope"/);
    expect(() => serviceEndpoints('bulk', 'staging' as never)).toThrow(/Unknown environment/);
    expect(isServiceId('ad-insight')).toBe(true);
    expect(isServiceId('toString')).toBe(false);
  });

  it('joins descriptor paths (which include the base path) to the origin', () => {
    const endpoints = serviceEndpoints('customer-management', 'sandbox');
    expect(restOperationUrl(endpoints, '/CustomerManagement/v13/User/Query')).toBe(
      'https://clientcenter.api.sandbox.bingads.microsoft.com/CustomerManagement/v13/User/Query',
    );
    expect(restOperationUrl(endpoints, 'User/Query')).toBe(
      'https://clientcenter.api.sandbox.bingads.microsoft.com/CustomerManagement/v13/User/Query',
    );
  });
});

describe('environment names', () => {
  it('parses case-insensitively and rejects others', () => {
    expect(parseEnvironment(' Sandbox ')).toBe('sandbox');
    expect(parseEnvironment('PRODUCTION')).toBe('production');
    expect(() => parseEnvironment('prod')).toThrow(/Unknown environment "prod"/);
  });
});

describe('OAuth endpoint table', () => {
  it('Microsoft production: login.microsoftonline.com, tenant common, msads.manage scope', () => {
    expect(oauthEndpoints()).toEqual({
      authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      scope: 'https://ads.microsoft.com/msads.manage offline_access',
    });
    expect(MICROSOFT_PRODUCTION_SCOPE).toBe(
      'https://ads.microsoft.com/msads.manage offline_access',
    );
  });

  it('Microsoft sandbox: login.windows-ppe.net/consumers and the sandbox scope', () => {
    expect(oauthEndpoints({ environment: 'sandbox' })).toEqual({
      authorizeUrl: 'https://login.windows-ppe.net/consumers/oauth2/v2.0/authorize',
      tokenUrl: 'https://login.windows-ppe.net/consumers/oauth2/v2.0/token',
      scope: 'https://api.ads.microsoft.com/msads.manage offline_access',
    });
    expect(MICROSOFT_SANDBOX_SCOPE).toBe(
      'https://api.ads.microsoft.com/msads.manage offline_access',
    );
  });

  it('puts a given tenant into the Microsoft URLs', () => {
    expect(oauthEndpoints({ tenant: 'organizations' }).tokenUrl).toBe(
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/token',
    );
  });

  it('Google: the same endpoints in both environments and no default scope', () => {
    for (const environment of ['production', 'sandbox'] as const) {
      expect(oauthEndpoints({ provider: 'google', environment, tenant: 'ignored' })).toEqual({
        authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
        tokenUrl: 'https://oauth2.googleapis.com/token',
        scope: undefined,
      });
    }
    expect(() => oauthEndpoints({ provider: 'facebook' as never })).toThrow(
      /Unknown OAuth provider/,
    );
  });
});
