#!/usr/bin/env node
// Builds the web app into dist/web unless the bundle there was built from the sources as they are
// now. `klientura start` runs it first, and the browser tests' global setup runs it too, so a
// fresh checkout serves a current bundle and an unchanged one starts without waiting for a build.
// The bundle lists its sources with their SHA-256 (dist/web/build-sources.json, written by the
// build); a changed, removed or newly imported file (its importer changed) makes it stale.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const outDir = join(repoRoot, 'dist/web');

/**
 * Why the bundle in dist/web must be rebuilt, or null when it is current.
 * @returns {string | null}
 */
export function staleReason() {
  if (!existsSync(join(outDir, 'index.html'))) return 'no bundle in dist/web';
  const listFile = join(outDir, 'build-sources.json');
  if (!existsSync(listFile)) return 'the bundle does not list its sources';
  /** @type {{ files: Record<string, string> }} */
  const list = JSON.parse(readFileSync(listFile, 'utf8'));
  for (const [file, hash] of Object.entries(list.files)) {
    const path = join(repoRoot, file);
    if (!existsSync(path)) return `${file} was removed`;
    if (createHash('sha256').update(readFileSync(path)).digest('hex') !== hash) return `${file} changed`;
  }
  return null;
}

/**
 * Builds the web app when it is stale; resolves to whether it built.
 * @param {{ force?: boolean }} [options]
 * @returns {Promise<boolean>}
 */
export async function buildWebIfStale(options = {}) {
  const reason = options.force ? 'asked to' : staleReason();
  if (!reason) {
    console.log('Web app: dist/web is up to date');
    return false;
  }
  const started = Date.now();
  console.log(`Web app: building dist/web (${reason})…`);
  // Imported here so a current bundle is served even where vite is not installed.
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'src/web/vite.config.ts'), logLevel: 'warn' });
  console.log(`Web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWebIfStale({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
