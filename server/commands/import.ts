// Imports a company's history: npm run import -- FILE.csv|FILE.ndjson [--type accounts|products|customers|purchases|feedback]
// Import in this order: accounts, products, customers (their teams must exist), purchases, feedback.
import { type ImportProgress, importFile } from '../../domain/imports/import-file.ts';
import { importKinds } from '../../domain/imports/import-kinds.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../database.ts';

const args = process.argv.slice(2);
const typeAt = args.indexOf('--type');
const kind = typeAt >= 0 ? args[typeAt + 1] : undefined;
const file = args.find((arg, i) => !arg.startsWith('--') && (typeAt < 0 || i !== typeAt + 1));
const kinds = importKinds.map((k) => k.name);
if (!file || (kind && !kinds.includes(kind as never))) {
  console.error(`usage: npm run import -- FILE.csv|FILE.ndjson [--type ${kinds.join('|')}]`);
  process.exit(2);
}

/** A progress bar with rows/s and the time left, redrawn in place on a terminal. */
function drawProgress({ records, bytesRead, bytesTotal, seconds }: ImportProgress) {
  const share = bytesTotal ? bytesRead / bytesTotal : 0;
  const width = 30;
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
  const rate = seconds > 0 ? records / seconds : 0;
  const left = share > 0 ? (seconds / share) * (1 - share) : 0;
  process.stderr.write(
    `\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${records.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${Math.ceil(left)} s `,
  );
}

const db = await openDatabase(loadConfig(), () => {});
try {
  const report = await importFile(db.orm.em.fork(), file, {
    kind: kind as (typeof kinds)[number] | undefined,
    onProgress: process.stderr.isTTY ? drawProgress : undefined,
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const refusal of report.refused) {
    console.error(`line ${refusal.line}${refusal.field ? `, ${refusal.field}` : ''}: ${refusal.reason}`);
  }
  console.log(
    `${report.kind}: ${report.records} line(s): ${report.stored} imported, ${report.present} already there, ${report.refused.length} refused`,
  );
  // Some lines refused: the good ones are in; fix the others and run the same file again.
  if (report.refused.length) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  await db.close();
}
