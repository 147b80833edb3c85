/**
 * `util.inspect.custom`, by its registered name: the same symbol, without importing node:util,
 * whose ESM namespace loads parts of Node (parseArgs, MIMEType, AbortController) at a
 * client's import that it never uses. Node passes its `inspect` to the method as the third
 * argument.
 */
export const INSPECT_CUSTOM: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;
