import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Public data sets the golden tests read, kept in the repository (test/fixtures/, with their sources
// in test/fixtures/README.md) so a fresh clone tests on its own.
const dataDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Reads a file of the data sets under test/fixtures, e.g. "cdnow/CDNOW_sample.txt". */
export function readDataSet(path: string): string {
  return readFileSync(dataDir + path, 'utf8');
}
