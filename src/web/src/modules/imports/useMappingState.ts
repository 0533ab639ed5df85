import { useMemo, useState } from 'react';
import { autoMap, validateMapping } from '../../../../modules/imports/csv/headers.js';
import type { ImportDelimiter, ImportEncoding, MappingProblem, StartImportBody } from '../../api/types.js';
import type { ImportDraft } from './imports.api.js';
import { assignColumn, type Mapping, sameMapping } from './mapping.js';
import { readSample, type SampleTable } from './sample.js';

/** The column check being edited: format, mapping, the rows they read and what keeps them from running. */
export interface MappingState {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  mapping: Mapping;
  /** The header and first rows read in the chosen format; null when the header cannot be read that way. */
  table: SampleTable | null;
  problems: MappingProblem[];
  setFormat: (format: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }) => void;
  assign: (column: number, field: string | null) => void;
  /** The body that starts the import as shown. */
  startBody: () => StartImportBody;
}

/**
 * State of the column check of an uploaded file. It starts from the API's preview; another
 * encoding or delimiter reads the file's first bytes again and, when that changes the column
 * titles, guesses the mapping again the way the server does. Problems are the API's for its own
 * guess and are checked with the server's rules once the manager changes anything.
 */
export function useMappingState(draft: ImportDraft): MappingState {
  const { preview } = draft;
  const [encoding, setEncoding] = useState(preview.encoding);
  const [delimiter, setDelimiter] = useState(preview.delimiter);
  const [mapping, setMapping] = useState<Mapping>(preview.mapping);
  const table = useMemo(() => tableOf(draft, encoding, delimiter), [draft, encoding, delimiter]);

  const untouched = encoding === preview.encoding && delimiter === preview.delimiter && sameMapping(mapping, preview.mapping);
  const problems = useMemo(
    () => (untouched ? preview.problems : table ? validateMapping(preview.kind, mapping, table.headers) : []),
    [untouched, preview, table, mapping],
  );

  const setFormat = (format: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }) => {
    const e = format.encoding ?? encoding;
    const d = format.delimiter ?? delimiter;
    const next = tableOf(draft, e, d);
    setEncoding(e);
    setDelimiter(d);
    if (next && (!table || next.headers.join('\u0000') !== table.headers.join('\u0000'))) {
      // autoMap's keys are field names and its values column indexes: the API's mapping shape.
      setMapping(Object.fromEntries(Object.entries(autoMap(preview.kind, next.headers)).filter((entry): entry is [string, number] => entry[1] !== undefined)));
    }
  };

  return {
    encoding,
    delimiter,
    mapping,
    table,
    problems,
    setFormat,
    assign: (column, field) => setMapping((m) => assignColumn(m, column, field)),
    startBody: () => ({ mapping, encoding, delimiter }),
  };
}

// The API's own preview for the format it detected; the file's first bytes read again for another.
function tableOf({ preview, sample }: ImportDraft, encoding: ImportEncoding, delimiter: ImportDelimiter): SampleTable | null {
  if (encoding === preview.encoding && delimiter === preview.delimiter) return { headers: preview.headers, rows: preview.rows };
  return readSample(sample, encoding, delimiter, sample.byteLength >= preview.fileSize);
}
