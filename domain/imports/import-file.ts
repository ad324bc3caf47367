import type { EntityManager } from '@mikro-orm/postgresql';
import { detectKind, type ImportKind, importKinds, type RowOutcome } from './import-kinds.ts';
import { readRecords } from './records.ts';

/** A line that was not imported, and why: what a person fixes in the file before re-running it. */
export interface Refusal {
  line: number;
  field: string;
  reason: string;
}

export interface ImportProgress {
  records: number;
  bytesRead: number;
  bytesTotal: number;
  seconds: number;
}

export interface ImportReport {
  kind: ImportKind['name'];
  records: number;
  /** Rows written now. */
  stored: number;
  /** Rows already there (a re-run of the same file, or lines repeated in it): nothing changed. */
  present: number;
  refused: Refusal[];
}

/**
 * Imports a company's history from a CSV or NDJSON file: each line is validated on its own (a bad
 * line is reported with its number, field and reason, and the good lines go in), and written in
 * batches, each batch one statement in a transaction of its own. Keys (account names, SKUs,
 * customer refs, purchase refs, answer keys) make a re-run change nothing. History opens no
 * tickets, sends no surveys and earns no points; the rollups follow by their triggers.
 */
export async function importFile(
  em: EntityManager,
  path: string,
  options: {
    kind?: ImportKind['name'];
    batchSize?: number;
    onProgress?: (progress: ImportProgress) => void;
  } = {},
): Promise<ImportReport> {
  const started = performance.now();
  let kind = options.kind ? importKinds.find((k) => k.name === options.kind) : undefined;
  const report = { records: 0, stored: 0, present: 0, refused: [] as Refusal[] };
  let bytes = { read: 0, total: 0 };
  let batch: { line: number; row: Record<string, unknown> }[] = [];
  const progress = () =>
    options.onProgress?.({
      records: report.records,
      bytesRead: bytes.read,
      bytesTotal: bytes.total,
      seconds: (performance.now() - started) / 1000,
    });
  const flush = async (target: ImportKind) => {
    if (batch.length === 0) return;
    const lines = batch;
    batch = [];
    const outcomes = await writeBatch(
      em,
      target,
      lines.map((item) => item.row),
    );
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome === 'stored') report.stored++;
      else if (outcome === 'present') report.present++;
      else report.refused.push({ line: (lines[i] as { line: number }).line, ...outcome });
    }
    progress();
  };

  for await (const record of readRecords(path, (read, total) => {
    bytes = { read, total };
  })) {
    report.records++;
    kind ??= detectKind(Object.keys(record.fields));
    if (!kind) {
      throw new Error(
        `${path}: cannot tell what it holds from its columns (${Object.keys(record.fields).join(', ')}); see the formats in README, or name the kind (--type)`,
      );
    }
    if (record.error) {
      report.refused.push({ line: record.line, field: '', reason: record.error });
      continue;
    }
    const parsed = kind.schema.safeParse(record.fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      report.refused.push({
        line: record.line,
        field: issue?.path.join('.') ?? '',
        reason: issue?.message ?? 'invalid',
      });
      continue;
    }
    batch.push({ line: record.line, row: parsed.data });
    if (batch.length >= (options.batchSize ?? 1000)) await flush(kind);
  }
  if (!kind) throw new Error(`${path}: no records`);
  await flush(kind);
  report.refused.sort((a, b) => a.line - b.line);
  return { kind: kind.name, ...report };
}

/**
 * One batch in one transaction; when PostgreSQL refuses the batch (two lines of it clash on a
 * unique value, say), row by row, each in a savepoint, so that one bad line fails alone.
 */
async function writeBatch(em: EntityManager, kind: ImportKind, rows: Record<string, unknown>[]): Promise<RowOutcome[]> {
  try {
    return await em.transactional((tx) => kind.write(tx, rows));
  } catch {
    return em.transactional(async (tx) => {
      const outcomes: RowOutcome[] = [];
      for (const row of rows) {
        try {
          outcomes.push(...(await tx.transactional((savepoint) => kind.write(savepoint, [row]))));
        } catch (error) {
          const constraint = (error as { constraint?: string }).constraint;
          outcomes.push({ field: constraint ?? '', reason: 'conflicts with data already stored' });
        }
      }
      return outcomes;
    });
  }
}
