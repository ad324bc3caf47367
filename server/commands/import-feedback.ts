// Imports historical feedback from NDJSON (one JSON object per line, fields as submitFeedback's
// input with a numeric customerId): npm run import:feedback -- history.ndjson
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type ImportRow, importFeedbackBatch } from '../../domain/feedback/feedback-import.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../database.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run import:feedback -- FILE.ndjson');
  process.exit(2);
}
const db = await openDatabase(loadConfig(), () => {});
const started = Date.now();
let imported = 0;
let line = 0;
let batch: ImportRow[] = [];
let batchStart = 1;
try {
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    if (!text.trim()) continue;
    if (batch.length === 0) batchStart = line;
    batch.push(JSON.parse(text));
    if (batch.length === 1000) {
      imported += await importFeedbackBatch(db.orm.em.fork(), batch, batchStart);
      batch = [];
    }
  }
  imported += await importFeedbackBatch(db.orm.em.fork(), batch, batchStart);
  const seconds = (Date.now() - started) / 1000;
  console.log(`imported ${imported} of ${line} line(s) in ${seconds.toFixed(1)} s (already stored keys skipped)`);
} catch (error) {
  console.error(
    `stopped at or after line ${batchStart}: ${error instanceof Error ? error.message : error}; ${imported} row(s) imported before it`,
  );
  process.exitCode = 1;
} finally {
  await db.close();
}
