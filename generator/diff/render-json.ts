import type { DiffReport } from './types.ts';

/**
 * The JSON report, for tools: the DiffReport as it is, pretty-printed with two spaces and a
 * final newline. Stable: keys in a fixed order, changes sorted (category, operation, type,
 * field, kind, message), so the same specs give byte-identical output. The JSON Schema is
 * ./report.schema.json (draft 2020-12); `formatVersion` changes only on incompatible changes.
 *
 * {
 *   "formatVersion": 1,
 *   "from": { "service", "protocol": "soap"|"rest", "name", "file", "sha256"?, "label" },
 *   "to":   { same as from },
 *   "summary": {
 *     "breaking": n, "nonBreaking": n,
 *     "byCategory": { "<category>": { "breaking": n, "nonBreaking": n }, ... all seven }
 *   },
 *   "operations": [ { "name", "presence": "both"|"from"|"to", "soapAction"?, "rest"?: { "method", "path" } } ],
 *   "changes": [ {
 *     "kind": one of CHANGE_KINDS (./types.ts),
 *     "category": "transport"|"operation"|"type"|"field"|"enum"|"polymorphism"|"wire",
 *     "breaking": true|false,
 *     "operation"?, "type"?, "field"?, "from"?, "to"?,
 *     "message": "one sentence"
 *   } ]
 * }
 */
export function renderJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
