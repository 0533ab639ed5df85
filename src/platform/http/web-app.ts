import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:web` writes the production bundle of the web app. */
export const webAppDir = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** Options of registerWebApp. */
export interface WebAppOptions {
  /** Folder with the built web app (index.html and assets/). */
  dir: string;
}

// Prefixes that belong to the APIs: an unknown address there is a JSON 404, never the web app.
const apiPrefixes = ['api/', 'v1/'];
// The build's record of its sources (for scripts/build-web-if-stale.mjs) is not for browsers.
const unlisted = new Set(['build-sources.json']);

// The app's own code may only come from this server; Mantine sets inline styles, hence 'unsafe-inline'
// for styles only. Framing is refused so the app cannot be overlaid for clickjacking.
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/**
 * Serves the web app at `/`: its files as they are, and index.html for every other address that is
 * not an API's, so the app's own routes (/w/…/customers/42) work on reload and from links.
 * Resolves to false, with a warning, when the folder holds no built app.
 */
export async function registerWebApp(http: FastifyInstance, { dir }: WebAppOptions): Promise<boolean> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) {
    http.log.warn(`The web app is not built (no ${join(root, 'index.html')}); run "npm run build:web" to serve it at /`);
    return false;
  }
  // serve: false only adds reply.sendFile (with its path-traversal checks); routing is ours.
  await http.register(fastifyStatic, { root, serve: false });

  const sendIndex = (reply: FastifyReply) =>
    reply.headers({ ...securityHeaders, 'cache-control': 'no-cache' }).sendFile('index.html', { cacheControl: false });

  http.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
  http.get<{ Params: { '*': string } }>('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.params['*'];
    if (apiPrefixes.some((p) => path.startsWith(p)) || path === 'api' || path === 'v1') return reply.callNotFound();
    if (!unlisted.has(path) && (await isFileIn(root, path))) {
      // Built assets carry a content hash in their names, so browsers may keep them for good.
      const hashed = path.startsWith('assets/');
      return reply.sendFile(path, hashed ? { maxAge: '365d', immutable: true } : { maxAge: '1h' });
    }
    // A missing script or image is a 404, not the app's HTML under a wrong content type.
    if (extname(path)) return reply.callNotFound();
    return sendIndex(reply);
  });
  return true;
}

async function isFileIn(root: string, path: string): Promise<boolean> {
  if (!path) return false;
  const file = resolve(root, path);
  if (!file.startsWith(root + sep)) return false;
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
