/**
 * Staging through scratch CSV files (store/stage-csv.ts, ImportSession.stage):
 * whatever the values, the staged table holds what the record said, in the order
 * it was staged — awkward text, -0 and infinities, empty text against NULL, and
 * rows too long for DuckDB's CSV reader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Enterprise } from '../src/model/index.js';
import { Database, ImportSession, type StagedRecord } from '../src/store/index.js';
import { stageCsv } from '../src/store/stage-csv.js';

const AWKWARD = [
  '', 'null', 'NULL', '\\N', 'a\\b', 'ends with \\', '\\\\', 'q"uote', '"', '""', '{"k":"v"}', 'x],[y', '],[', 'tab\tin',
  'line\nbreak', 'cr\rhere', 'crlf\r\nx', '\u0000nul', '\u0001', ' lead', 'trail ', 'a,b', '江西省', '😀', "it's", '\\u0041',
  'lone \ud800 high', 'lone low \udfff',
];

function enterprise(index: number, text: string, capital?: number): Enterprise {
  return {
    id: `E${index}`, nameZh: text, aliases: index % 2 === 0 ? [text] : [], leader: index % 3 === 0, description: text,
    ...(capital === undefined ? {} : { registeredCapitalYuan: capital }), extra: index % 2 === 0 ? {} : { [text]: text },
  };
}

async function stageAndRead(records: readonly Enterprise[]): Promise<Record<string, unknown>[]> {
  const { db } = await Database.open(':memory:');
  const session = await ImportSession.start(db);
  try {
    const items: StagedRecord<'enterprises'>[] = records.map((record, i) => ({ record, origin: { file: 'f.csv', row: i + 2 }, ref: 'derived' }));
    // Two calls, so that rows spooled by several stage() calls keep their order.
    await session.stage('enterprises', items.slice(0, Math.ceil(items.length / 2)));
    await session.stage('enterprises', items.slice(Math.ceil(items.length / 2)));
    assert.equal((await session.stagedCounts()).enterprises, records.length);
    return await db.all('SELECT * FROM temp.stage_enterprises ORDER BY rowid');
  } finally {
    await session.dispose();
    db.close();
  }
}

function assertStaged(rows: Record<string, unknown>[], records: readonly Enterprise[]): void {
  assert.equal(rows.length, records.length);
  rows.forEach((row, i) => {
    const record = records[i] as Enterprise;
    // What the appender stores: JavaScript strings as UTF-8, lone surrogates replaced.
    const stored = (text: string) => Buffer.from(text).toString();
    assert.equal(row._row, i + 2, 'order');
    assert.equal(row.id, record.id);
    assert.equal(row.name_zh, record.nameZh === undefined ? null : stored(record.nameZh));
    assert.equal(row.description, record.description === undefined ? null : stored(record.description));
    assert.equal(row.aliases, record.aliases.length ? stored(JSON.stringify(record.aliases)) : null);
    assert.equal(row.extra, Object.keys(record.extra).length ? stored(JSON.stringify(record.extra)) : null);
    assert.equal(row.leader, record.leader);
    assert.equal(row.credit_code, null);
    assert.ok(Object.is(row.registered_capital_yuan, record.registeredCapitalYuan ?? null), `capital ${String(row.registered_capital_yuan)}`);
    assert.equal(row._ref, 'derived');
    assert.equal(row._sheet, null);
  });
}

test('awkward text, empty text and special numbers are staged as they are', async () => {
  const numbers = [0, -0, Infinity, -Infinity, 1e21, 5e-324, 0.1, -1.5, undefined];
  const records = AWKWARD.flatMap((text, i) => numbers.map((n, j) => enterprise(i * numbers.length + j, text, n)));
  assertStaged(await stageAndRead(records), records);
});

test('a row too long for the CSV reader is staged in its place', async () => {
  const long = '长'.repeat(800_000) + '\ud800';
  const records = [enterprise(0, 'before'), enterprise(1, long), enterprise(2, 'after "quoted"'), enterprise(3, long), enterprise(4, 'last')];
  assertStaged(await stageAndRead(records), records);
});

test('any text is staged unchanged', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.string({ unit: 'grapheme-composite', maxLength: 12 }), { minLength: 1, maxLength: 30 }), async (texts) => {
      const records = texts.map((text, i) => enterprise(i, text, i % 4 === 0 ? -0 : i));
      assertStaged(await stageAndRead(records), records);
    }),
    { numRuns: 40 },
  );
});

test('the usual batch takes the fast path; awkward ones are written cell by cell', () => {
  assert.ok('text' in stageCsv([['a', 1, null, true]], 1000, [1]));
  assert.ok('lines' in stageCsv([['a\nb', 1, null, true]], 1000, [1]));
  assert.ok('lines' in stageCsv([['a', -0, null, true]], 1000, [1]));
  assert.ok('lines' in stageCsv([['x],[y'], ['z']], 1000, []));
  assert.deepEqual(stageCsv([['x'.repeat(20)], ['y']], 10, []), { lines: [undefined, '"y"'] });
});
