export type FaultSpec =
  | { kind: 'delay'; ms: number }
  | { kind: 'throttle'; status: 429 | 'code117'; retryAfterS: number }
  | { kind: 'internal' }
  /** An AdApiFaultDetail with this code (HTTP 401 for 105/109, 403 for 106, 400 for 117, 500 for 0). */
  | { kind: 'error'; code: ApiErrorCode; retryAfterS?: number }
  | { kind: 'reset' }
  | { kind: 'truncated' }
  | { kind: 'html' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'entity-expansion' }
  /**
   * A valid answer with one value changed: `path` (dot-separated, array indexes as numbers,
   * e.g. `Campaigns.0.Name`) set to `value` (null for nil). Injected on one protocol, it is
   * the drift shadow mode exists to catch.
   */
  | { kind: 'alter'; path: string; value: unknown }
  | { kind: 'unknown-fault-detail' };

export type FaultKind = FaultSpec['kind'];

/** The API error codes a fault can answer with. */
export type ApiErrorCode = 0 | 105 | 106 | 109 | 117;
const API_ERROR_CODES: readonly number[] = [0, 105, 106, 109, 117];

export interface CallInfo {
  service: string;
  operation: string;
  protocol: 'soap' | 'rest';
}

export interface FaultRule {
  match?: Partial<CallInfo>;
  /** How many matching calls get the fault; unlimited when absent. */
  times?: number;
  fault: FaultSpec;
}

export const HUGE_DEFAULT_BYTES = 50 * 1024 * 1024;

/**
 * Holds injection rules and picks the fault for a call: the first rule (in the order added)
 * whose `match` fits and whose `times` is not used up. A per-request `X-Mock-Fault` header,
 * for scripts and curl, wins over rules.
 */
export class FaultInjector {
  private rules: { rule: FaultRule; left: number }[] = [];

  add(rule: FaultRule): { remove(): void } {
    const entry = { rule, left: rule.times ?? Infinity };
    this.rules.push(entry);
    return { remove: () => void (this.rules = this.rules.filter((r) => r !== entry)) };
  }

  clear(): void {
    this.rules = [];
  }

  take(call: CallInfo, header: string | undefined): FaultSpec | undefined {
    if (header) return parseFaultHeader(header);
    for (const entry of this.rules) {
      const m = entry.rule.match ?? {};
      if (entry.left <= 0) continue;
      if (m.service && m.service !== call.service) continue;
      if (m.operation && m.operation !== call.operation) continue;
      if (m.protocol && m.protocol !== call.protocol) continue;
      entry.left--;
      return entry.rule.fault;
    }
    return undefined;
  }
}

/**
 * `X-Mock-Fault: <kind>[; key=value]…`, e.g. `throttle; status=429; retryAfterS=2`,
 * `delay; ms=250`, `huge; bytes=1048576`, `105`, `117; retryAfterS=5`. Aliases: `429`
 * (throttle with HTTP 429), `503` (html), `oversize` (huge). Unknown kinds are an error the
 * caller reports.
 */
export function parseFaultHeader(value: string): FaultSpec {
  const [kindPart = '', ...params] = value.split(';').map((s) => s.trim());
  const p = Object.fromEntries(
    params.map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]),
  );
  const num = (name: string, fallback: number): number => {
    const raw = p[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`fault '${value}': ${name} must be a number ≥ 0`);
    return n;
  };
  if (/^\d+$/.test(kindPart) && API_ERROR_CODES.includes(Number(kindPart))) {
    const code = Number(kindPart) as ApiErrorCode;
    return p['retryAfterS'] !== undefined
      ? { kind: 'error', code, retryAfterS: num('retryAfterS', 1) }
      : { kind: 'error', code };
  }
  switch (kindPart) {
    case 'delay':
      return { kind: 'delay', ms: num('ms', 100) };
    case '429':
      return { kind: 'throttle', status: 429, retryAfterS: num('retryAfterS', 1) };
    case 'throttle':
      return {
        kind: 'throttle',
        status: p['status'] === 'code117' || p['status'] === '117' ? 'code117' : 429,
        retryAfterS: num('retryAfterS', 1),
      };
    case '503':
      return { kind: 'html' };
    case 'internal':
    case 'reset':
    case 'truncated':
    case 'html':
    case 'entity-expansion':
    case 'unknown-fault-detail':
      return { kind: kindPart };
    case 'alter': {
      if (!p['path']) throw new Error(`fault '${value}': alter needs path=`);
      const raw = p['value'];
      return {
        kind: 'alter',
        path: p['path'],
        value: raw === undefined || raw === 'null' ? null : raw,
      };
    }
    case 'huge':
    case 'oversize':
      return { kind: 'huge', bytes: num('bytes', HUGE_DEFAULT_BYTES) };
    default:
      throw new Error(`unknown fault kind '${kindPart}'`);
  }
}

/**
 * A fault rule as the CLI's `--fault` takes it:
 * `[soap:|rest:][<service>.]<Operation|*>=<fault>[; times=N]`, the fault in the
 * `X-Mock-Fault` syntax, e.g. `GetCampaignsByIds=117; retryAfterS=3; times=2`,
 * `rest:campaign-management.*=html`, `*=delay; ms=500`.
 */
export function parseFaultRule(spec: string): FaultRule {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new Error(`fault '${spec}': expected <operation>=<fault>`);
  let target = spec.slice(0, eq).trim();
  const parts = spec
    .slice(eq + 1)
    .split(';')
    .map((s) => s.trim());
  const timesPart = parts.find((s) => /^times\s*=/.test(s));
  const fault = parseFaultHeader(parts.filter((s) => s !== timesPart).join('; '));
  const match: Partial<CallInfo> = {};
  const proto = /^(soap|rest):/.exec(target);
  if (proto) {
    match.protocol = proto[1] as 'soap' | 'rest';
    target = target.slice(proto[0].length);
  }
  const dot = target.lastIndexOf('.');
  if (dot >= 0) {
    match.service = target.slice(0, dot);
    target = target.slice(dot + 1);
  }
  if (target !== '*' && target !== '') match.operation = target;
  const rule: FaultRule = { match, fault };
  if (timesPart) {
    const times = Number(timesPart.split('=')[1]);
    if (!Number.isInteger(times) || times < 1)
      throw new Error(`fault '${spec}': times must be a whole number ≥ 1`);
    rule.times = times;
  }
  return rule;
}
