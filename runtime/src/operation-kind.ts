import type { OperationDescriptor } from './descriptors.js';

/**
 * Whether an operation only reads (`read`), changes nothing though it is not a plain read
 * (`safe`: suggestions, estimates, status polls), or may change the account (`write`).
 *
 * A descriptor that carries its own classification (`kind` or `safe`) decides; otherwise the
 * operation's name does, by Microsoft's naming: Get/Search/Find read; Suggest/Estimate/Poll
 * and a few Check/Validate operations compute without changing anything; everything else
 * (Add, Update, Delete, Set, Apply, Submit, Download…, Upload…, Send, Signup…) may write.
 * Unknown names are writes: the cautious answer, since a write is never sent twice.
 *
 * @public
 */
export type OperationKind = 'read' | 'safe' | 'write';

const READ = /^(Get|Search|Find)[A-Z]/;
const SAFE = /^(Suggest|Estimate|Poll|Check|Validate)[A-Z]/;

/** @public */
export function operationKind(name: string, op?: OperationDescriptor): OperationKind {
  const declared = op as { kind?: unknown; safe?: unknown } | undefined;
  if (declared?.kind === 'read' || declared?.kind === 'safe' || declared?.kind === 'write')
    return declared.kind;
  if (declared?.safe === false) return 'write';
  if (READ.test(name)) return 'read';
  if (SAFE.test(name) || declared?.safe === true) return 'safe';
  return 'write';
}
