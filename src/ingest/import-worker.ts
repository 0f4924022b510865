/**
 * One checking thread of a large CSV import (import-slices.ts): decodes a slice
 * of the file, parses its records and checks each row exactly as the import
 * does on the main thread (buildRecord), and prepares the valid rows as staging
 * CSV (prepareStage), so that the main thread only writes text out and notes
 * keys. Lookups are built once per thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EntityKind } from '../model/index.js';
import { encodePrepared, prepareStage, type StagedRecord } from '../store/stage-rows.js';
import { buildRecord, recordKey } from './build-record.js';
import { CsvAnomaly, CsvScanner } from './csv-scanner.js';
import { decodeBuffer, type DecodeState } from './decode-text.js';
import { countLineFeeds } from './csv-slices.js';
import type { ImportWorkerSetup, SliceJob, SliceResult } from './import-protocol.js';
import { createLookups } from './lookups.js';
import { answerJobs } from './worker-pool.js';

const setup = workerData as ImportWorkerSetup;
const lookups = createLookups(setup.framework);
const { entity, file, map } = setup;

const ANOMALY = { anomaly: true, rows: 0, lineFeeds: 0, validRows: new Int32Array(0), keys: [], codes: [], rejected: [], readerIssues: [] } as const;

async function checkSlice(job: SliceJob & { readonly id: number }): Promise<SliceResult> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const state: DecodeState = { issues: [], ...(job.encoding ? { encoding: job.encoding } : {}) };
  const scanner = new CsvScanner({ delimiter: job.delimiter, continues: !job.first });
  const staged: StagedRecord<EntityKind>[] = [];
  const validRows: number[] = [];
  const keys: string[] = [];
  const codes: string[] = [];
  const rejected: { row: number; issues: SliceResult['rejected'][number]['issues'] }[] = [];
  let records = 0;
  let rows = 0;
  const take = (batch: readonly string[][]) => {
    for (const cells of batch) {
      records++;
      if (records <= job.skipRecords) continue;
      // A blank line is no row (read-csv.ts).
      if (cells.length === 1 && cells[0] === '') continue;
      rows++;
      const row = job.recordsBefore + records;
      const origin = { file, row };
      const built = buildRecord(entity, cells, map, origin, lookups);
      if (!built.record) {
        rejected.push({ row, issues: built.issues });
        continue;
      }
      staged.push(built.ref ? { record: built.record, origin, ref: built.ref } : { record: built.record, origin });
      validRows.push(row);
      keys.push(recordKey(entity, built.record));
      codes.push(entity === 'enterprises' ? ((built.record as { creditCode?: string }).creditCode ?? '') : '');
    }
  };
  try {
    for await (const text of decodeBuffer(bytes, file, state)) take(scanner.push(text));
    take(scanner.end());
  } catch (error) {
    if (error instanceof CsvAnomaly) return { id: job.id, ...ANOMALY };
    throw error;
  }
  if (records !== job.records) return { id: job.id, ...ANOMALY };
  return {
    id: job.id, rows, lineFeeds: countLineFeeds(bytes), validRows: Int32Array.from(validRows), keys, codes, rejected,
    readerIssues: state.issues, ...(staged.length > 0 ? { staged: encodePrepared(prepareStage(entity, staged)) } : {}),
  };
}

/** The buffers a result moves to the main thread rather than copies. */
function transferList(result: SliceResult): ArrayBuffer[] {
  const csv = result.staged?.csv;
  return [result.validRows.buffer as ArrayBuffer, ...(csv && 'bytes' in csv ? [csv.bytes.buffer as ArrayBuffer] : [])];
}

answerJobs<SliceJob & { readonly id: number }, SliceResult>(parentPort, checkSlice, transferList);
