import type { ProxySetting } from './transport.js';

/**
 * The credentials a proxy setting carries (`http://user:secret@proxy:3128`, or the same in
 * HTTPS_PROXY / HTTP_PROXY for `'env'`), for the client's redactor: the password as written
 * and decoded, and the Basic credential undici makes of it.
 */
export function proxySecrets(
  proxy: ProxySetting | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string[] {
  if (proxy === undefined) return [];
  const urls =
    proxy === 'env'
      ? [env.https_proxy, env.HTTPS_PROXY, env.http_proxy, env.HTTP_PROXY]
      : [String(proxy)];
  const secrets: string[] = [];
  for (const text of urls) {
    if (!text) continue;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      continue;
    }
    if (!url.password) continue;
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    secrets.push(url.password, password, Buffer.from(`${user}:${password}`).toString('base64'));
  }
  return secrets;
}
