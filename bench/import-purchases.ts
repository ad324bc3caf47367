import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';
import { importFile } from '../domain/imports/import-file.ts';

/** Writes `count` lines made by `line(i)` to a file, without holding them all in memory. */
async function writeLines(file: string, header: string | null, count: number, line: (i: number) => string) {
  const out = createWriteStream(file);
  if (header) out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Bulk import of purchase history: `npm run import` (CSV, validated line by line, batches of 1,000
 * in one statement each, with the rollup triggers) against COPY of the same rows into the same
 * table (the triggers fire for COPY too), both into the bench database.
 */
export async function measurePurchaseImport(options: {
  db: pg.Client;
  orm: MikroORM;
  rows: number;
  note: (line: string) => void;
}) {
  const { db, orm, rows, note } = options;
  await db.query("update customer set external_ref = 'bench-' || id where external_ref is null");
  const customers = (await db.query('select id from customer order by id')).rows.map((row) => Number(row.id));
  const products = (await db.query('select id, sku from product order by id')).rows as { id: number; sku: string }[];
  const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000 + (i % 86_400) * 1000).toISOString();
  const csvPath = path.join('/tmp', `loyalty-bench-purchases-${process.pid}.csv`);
  await writeLines(csvPath, 'ref,customer_ref,sku,quantity,amount_minor,currency,purchased_at', rows, (i) =>
    [
      `imp-${i}`,
      `bench-${customers[i % customers.length]}`,
      products[i % products.length]?.sku,
      1,
      500 + (i % 5000),
      'EUR',
      at(i),
    ].join(','),
  );
  const started = performance.now();
  const report = await importFile(orm.em.fork(), csvPath);
  const importSeconds = (performance.now() - started) / 1000;

  const copyPath = path.join('/tmp', `loyalty-bench-purchases-copy-${process.pid}.csv`);
  await writeLines(copyPath, null, rows, (i) =>
    [
      customers[i % customers.length],
      products[i % products.length]?.id,
      1,
      500 + (i % 5000),
      'EUR',
      at(i),
      `copy-${i}`,
      at(i),
    ].join(','),
  );
  const copyStarted = performance.now();
  await db.query(
    `copy purchase (customer_id, product_id, quantity, amount_minor, currency, purchased_at, idempotency_key, created_at)
     from '${copyPath}' with (format csv)`,
  );
  const copySeconds = (performance.now() - copyStarted) / 1000;

  note(`## 7. Bulk import: ${rows.toLocaleString('en')} purchases of history\n`);
  note('| path | rows/s | time |\n|---|---|---|');
  note(
    `| \`npm run import\` (CSV, each line validated, batches of 1,000 in one statement, rollup triggers) | ${(report.stored / importSeconds).toFixed(0)} | ${importSeconds.toFixed(0)} s |`,
  );
  note(
    `| COPY of the same rows into the same table (triggers too, nothing validated) | ${(rows / copySeconds).toFixed(0)} | ${copySeconds.toFixed(0)} s |`,
  );
  note(
    `\nRatio: **${(report.stored / importSeconds / (rows / copySeconds)).toFixed(2)}x** of COPY; ${report.stored.toLocaleString('en')} stored, ${report.refused.length} refused. What the import adds to COPY: parsing and validating each line in Node, resolving customers by their ref and products by SKU, and skipping rows already stored (a re-run changes nothing).\n`,
  );
}
