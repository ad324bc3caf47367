import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** One record of an import file: its line number (the first line of a CSV record) and its fields. */
export interface ImportRecord {
  line: number;
  fields: Record<string, unknown>;
}

export type ImportFormat = 'csv' | 'ndjson';

export function formatOf(path: string): ImportFormat {
  if (/\.(ndjson|jsonl)$/i.test(path)) return 'ndjson';
  if (/\.csv$/i.test(path)) return 'csv';
  throw new Error(`${path}: name the file .csv, .ndjson or .jsonl`);
}

/**
 * The records of a CSV (RFC 4180: a header row, quoted fields with "" for a quote and line breaks
 * inside quotes) or NDJSON file (one JSON object per line), read as a stream. `onBytes` is told how
 * far into the file the reader is, for progress. A line that is not JSON (NDJSON) is a record
 * whose `error` says so, so that it is reported and the rest goes on.
 */
export async function* readRecords(
  path: string,
  onBytes: (read: number, total: number) => void = () => {},
): AsyncGenerator<ImportRecord & { error?: string }> {
  const total = (await stat(path)).size;
  let read = 0;
  const chunks = (async function* () {
    for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
      read += Buffer.byteLength(chunk);
      onBytes(read, total);
      yield chunk as string;
    }
  })();
  if (formatOf(path) === 'ndjson') yield* ndjson(chunks);
  else yield* csv(chunks);
}

async function* ndjson(chunks: AsyncIterable<string>): AsyncGenerator<ImportRecord & { error?: string }> {
  let rest = '';
  let line = 0;
  const parse = (text: string): ImportRecord & { error?: string } => {
    line++;
    try {
      const value = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      return { line, fields: value };
    } catch {
      return { line, fields: {}, error: 'not a JSON object' };
    }
  };
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const text of lines) {
      if (text.trim()) yield parse(text);
      else line++;
    }
  }
  if (rest.trim()) yield parse(rest);
}

async function* csv(chunks: AsyncIterable<string>): AsyncGenerator<ImportRecord> {
  let header: string[] | null = null;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let rowLine = 1;
  const endRow = (): ImportRecord | null => {
    row.push(field);
    field = '';
    const values = row;
    row = [];
    if (values.length === 1 && values[0] === '') return null; // a blank line
    if (!header) {
      header = values.map((name) => name.trim().replace(/^\uFEFF/, ''));
      return null;
    }
    const columns = header;
    return { line: rowLine, fields: Object.fromEntries(columns.map((name, i) => [name, values[i] ?? ''])) };
  };
  // A quote inside quotes either ends the field or, doubled, is a quote; the next character
  // decides, and it may be in the next chunk.
  let quoteSeen = false;
  for await (const chunk of chunks) {
    for (const c of chunk) {
      if (quoted && quoteSeen) {
        quoteSeen = false;
        if (c === '"') {
          field += '"';
          continue;
        }
        quoted = false;
        afterQuote = true;
      }
      if (quoted) {
        if (c === '"') quoteSeen = true;
        else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (c === '"' && field === '' && !afterQuote) quoted = true;
      else if (c === ',') {
        row.push(field);
        field = '';
        afterQuote = false;
      } else if (c === '\n') {
        const record = endRow();
        afterQuote = false;
        line++;
        rowLine = line;
        if (record) yield record;
      } else if (c !== '\r') field += c;
    }
  }
  if (quoteSeen) quoted = false;
  if (field !== '' || row.length > 0) {
    const record = endRow();
    if (record) yield record;
  }
}
