/**
 * The one esbuild set-up the hand-written packages (runtime, mock, redis) are bundled with: ESM for
 * Node 20, dependencies left as imports, entries sharing chunks. esbuild is loaded here, on
 * demand, so commands that build nothing never pay for it.
 */
export async function bundleForNode(
  what: string,
  options: { entryPoints: string[]; outdir: string; chunkNames?: string },
): Promise<void> {
  const { build } = await import('esbuild');
  const result = await build({
    ...options,
    splitting: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'silent',
  });
  if (result.errors.length > 0) {
    throw new Error(`bundling ${what} failed: ${result.errors.map((e) => e.text).join('; ')}`);
  }
}
