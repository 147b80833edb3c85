/**
 * `@adsgen/runtime`: what users of generated Microsoft Advertising clients import: options,
 * auth, environments, the error hierarchy, retry policy. What generated code itself needs
 * (`installOperations`, `descriptorFromJson`, the codecs) is in `@adsgen/runtime/internal`.
 *
 * Results carry a non-enumerable `$metadata` ({ trackingId, attempts, protocol, httpStatus }):
 * read it with `getResponseMetadata(result)`, or call through `client.withResponse` for the
 * typed `{ data, response }`.
 *
 * @packageDocumentation
 */

export * from './auth/index.js';
export * from './environment.js';
export {
  ServiceClient,
  getResponseMetadata,
  type CallOptions,
  type ClientOptions,
  type LogFn,
  type Logger,
  type ResponseMetadata,
} from './client.js';
export type {
  ClientHooks,
  ErrorHookEvent,
  HookEventBase,
  RequestHookEvent,
  ResponseHookEvent,
} from './hooks.js';
export type { HttpTransport } from './http-transport.js';
export type { RawResponse, WithResponse, WithResponseMethods } from './response-metadata.js';
export { DEFAULT_PAGE_SIZE, type PageItem, type PaginateOptions } from './paginate.js';
export type * from './descriptors.js';
export {
  AdsApiError,
  AdsError,
  AuthenticationError,
  AUTHENTICATION_HINTS,
  AdsBatchError,
  AdsEditorialError,
  OperationUnavailableError,
  ReauthorizationRequiredError,
  RequestValidationError,
  ThrottledError,
  TransportError,
  describeFault,
  type AdsApiErrorInit,
  type AdsErrorEntry,
  type AdsErrorEntryKind,
  type AuthenticationHint,
  type EditorialDetails,
  type Protocol,
  type ReauthorizationDetails,
  type TransportErrorDetails,
  type TransportErrorInit,
  type TransportFailure,
} from './errors.js';
export { WireFormatError, type WireProtocol } from './wire-error.js';
export {
  KnownErrorCodes,
  errorCodeTable,
  type ErrorCodeTable,
  errorCodeName,
  errorCodeNumber,
} from './error-codes.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export { REDACTED } from './redact.js';
export type { SharedThrottle } from './shared-throttle.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_ATTEMPT_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  Transport,
  type BodySink,
  type ProxySetting,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from './transport.js';
export { NodeHttpTransport, type NodeHttpTransportOptions } from './node-http-transport.js';
export { createClients, type ClientClass, type ClientsOf } from './config/create-clients.js';
export {
  DEFAULT_TOKEN_STORE,
  EnvConfigError,
  SANDBOX_DEVELOPER_TOKEN,
  fromEnv,
  type EnvClientOptions,
  type EnvSource,
} from './config/from-env.js';
export { oauthUrlsAt, type OAuthUrls } from './config/oauth-origin.js';
export {
  loginWithLoopback,
  loginWithPaste,
  type LoopbackLoginOptions,
  type PasteLoginOptions,
} from './setup/loopback-login.js';
export { openInBrowser } from './setup/browser.js';
export {
  loadProfile,
  profilePath,
  removeProfile,
  saveProfile,
  type LoginProfile,
} from './setup/profile.js';
export {
  runDoctor,
  type DoctorCampaignManagement,
  type DoctorCheck,
  type DoctorCustomerManagement,
  type DoctorOptions,
  type DoctorReport,
  type ReachableAccount,
} from './setup/doctor.js';
export {
  aadstsCode,
  diagnoseCall,
  diagnoseSignIn,
  type Credential,
  type Diagnosis,
  type DiagnoseContext,
} from './setup/diagnose.js';
export {
  authLogin,
  authLogout,
  authStatus,
  doctor,
  type CommandIo,
  type DoctorClasses,
  type LoginFlags,
} from './setup/commands.js';
export {
  resolveSettings,
  SettingsError,
  type SetupFlags,
  type SetupSettings,
} from './setup/settings.js';
export { operationKind, type OperationKind } from './operation-kind.js';
export type { ProtocolChoice } from './protocol-choice.js';
export { compareValues, type ShadowDifference, type ShadowOptions } from './shadow.js';
