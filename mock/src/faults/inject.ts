export type FaultSpec =
  | { kind: 'delay'; ms: number }
  | { kind: 'throttle'; status: 429 | 'code117'; retryAfterS: number }
  | { kind: 'internal' }
  | { kind: 'reset' }
  | { kind: 'truncated' }
  | { kind: 'html' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'entity-expansion' }
  | { kind: 'unknown-fault-detail' };

export type FaultKind = FaultSpec['kind'];

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
 * `delay; ms=250`, `huge; bytes=1048576`. Unknown kinds are an error the caller reports.
 */
export function parseFaultHeader(value: string): FaultSpec {
  const [kindPart, ...params] = value.split(';').map((s) => s.trim());
  const p = Object.fromEntries(
    params.map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]),
  );
  switch (kindPart) {
    case 'delay':
      return { kind: 'delay', ms: Number(p['ms'] ?? 100) };
    case 'throttle':
      return {
        kind: 'throttle',
        status: p['status'] === 'code117' || p['status'] === '117' ? 'code117' : 429,
        retryAfterS: Number(p['retryAfterS'] ?? 1),
      };
    case 'internal':
    case 'reset':
    case 'truncated':
    case 'html':
    case 'entity-expansion':
    case 'unknown-fault-detail':
      return { kind: kindPart };
    case 'huge':
      return { kind: 'huge', bytes: Number(p['bytes'] ?? HUGE_DEFAULT_BYTES) };
    default:
      throw new Error(`unknown X-Mock-Fault kind '${kindPart ?? ''}'`);
  }
}
