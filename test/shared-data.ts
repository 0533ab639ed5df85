import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The public data sets (CDNOW, UCI Online Retail) live in ../shared/data beside the repository,
// where the development machines and CI keep them; golden tests read them from there.
const dataDir = fileURLToPath(new URL('../../shared/data/', import.meta.url));

/** Reads a file of the shared data sets, e.g. "cdnow/CDNOW_sample.txt". */
export function readSharedData(path: string): string {
  const file = dataDir + path;
  if (!existsSync(file)) throw new Error(`${file} not found: the golden tests need the shared data sets beside the repository`);
  return readFileSync(file, 'utf8');
}
