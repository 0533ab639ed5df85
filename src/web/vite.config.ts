import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// Build of the web app: `npm run build:web` writes the production bundle to dist/web, which
// `klientura start` serves at `/`. `npm run dev:web` serves it with hot reload and forwards API
// calls to a server started with `npm start` on port 3000.

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = resolve(webRoot, '../..');

/** Name of the file in dist/web that lists every source of the bundle with its SHA-256. */
const sourcesFile = 'build-sources.json';

// Records what the bundle was built from, so scripts/build-web-if-stale.mjs can tell whether it is
// current without building again (the list also catches files of the server the app imports).
function recordSources(): Plugin {
  return {
    name: 'klientura-record-sources',
    apply: 'build',
    generateBundle() {
      const files = new Set(['package-lock.json', 'src/web/index.html', 'src/web/vite.config.ts']);
      for (const id of this.getModuleIds()) {
        const path = id.split('?')[0] ?? '';
        if (id.startsWith('\0') || !path.startsWith(repoRoot) || path.includes('/node_modules/')) continue;
        files.add(relative(repoRoot, path));
      }
      const hashes: Record<string, string> = {};
      for (const file of [...files].sort()) {
        hashes[file] = createHash('sha256').update(readFileSync(resolve(repoRoot, file))).digest('hex');
      }
      this.emitFile({ type: 'asset', fileName: sourcesFile, source: `${JSON.stringify({ files: hashes }, null, 1)}\n` });
    },
  };
}

export default defineConfig({
  root: webRoot,
  // Under vite 7 esbuild compiles JSX with the automatic runtime; no React plugin is needed.
  esbuild: { jsx: 'automatic' },
  plugins: [recordSources()],
  build: {
    outDir: resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // Mantine marks its modules "use client" for server-rendering frameworks; a browser bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        // Libraries change less often than the app, so browsers keep them cached across releases.
        manualChunks(id) {
          if (!id.includes('/node_modules/')) return undefined;
          // The rule builder's library (and what it brings) loads with the segments screens; in the
          // shared chunks it would also make them import each other.
          if (/\/node_modules\/(react-querybuilder|@react-querybuilder|@reduxjs|redux|react-redux|immer|reselect|redux-thunk|dayjs|@mantine\/dates)\//.test(id)) return 'querybuilder';
          if (id.includes('/@mantine/')) return 'mantine';
          // Only the analytics screen draws charts; it loads them with itself.
          if (id.includes('/echarts/') || id.includes('/zrender/')) return 'echarts';
          return 'vendor';
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/v1': 'http://127.0.0.1:3000' },
  },
});
