/**
 * The fast path of a large CSV import: the file is cut into slices of whole
 * records on this thread (csv-slices.ts), which also counts each slice's
 * records so that every row's number is known before it is parsed; worker
 * threads (import-worker.ts) decode, parse and check the slices; their results
 * are taken in file order.
 *
 *   bytes → slices ─→ pool of workers (decode, parse, buildRecord, staging CSV) ─→ results in file order → take
 *
 * Where the fast scanner meets input it leaves to csv-parse, or the slicer
 * cannot hand a slice out unchanged, the results before it are taken and the
 * caller reads the rest of the file row by row with the ordinary reader.
 * At most IN_FLIGHT_PER_THREAD slices per worker are out at a time.
 */
import { CsvSlicer } from './csv-slices.js';
import type { ImportWorkerSetup, SliceJob, SliceResult } from './import-protocol.js';
import { WorkerPool } from './worker-pool.js';

const IN_FLIGHT_PER_THREAD = 2;
/**
 * A larger young generation than V8's default for the checking threads: a slice's rows and cells all die young,
 * and fewer, larger scavenges promote less of them (about 5 % less CPU for a million registry rows).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;

export interface SlicedRead {
  /** Records whose rows were taken; the reader goes on after them when `complete` is false. */
  readonly records: number;
  readonly complete: boolean;
}

/**
 * Checks the file's slices on `threads` workers and hands each result, in file
 * order, to `take` with the line feeds of the slices before it.
 */
export async function checkSlices(
  slicer: CsvSlicer, setup: ImportWorkerSetup, threads: number,
  take: (result: SliceResult, lineFeedsBefore: number) => Promise<void>,
): Promise<SlicedRead> {
  const pool = new WorkerPool<SliceJob, SliceResult>(new URL('./import-worker.js', import.meta.url), threads, setup, WORKER_LIMITS);
  const { delimiter, skipRecords } = slicer.head;
  const queue: { result: Promise<SliceResult>; records: number }[] = [];
  let submitted = 0;
  let taken = 0;
  let lineFeeds = 0;
  /** Takes the oldest result; false when it is an anomaly (what is after it is dropped). */
  const takeOldest = async (): Promise<boolean> => {
    const { result, records } = queue.shift() as { result: Promise<SliceResult>; records: number };
    const answer = await result;
    if (answer.anomaly) {
      queue.length = 0;
      return false;
    }
    await take(answer, lineFeeds);
    lineFeeds += answer.lineFeeds;
    taken += records;
    return true;
  };
  try {
    for (;;) {
      const slice = await slicer.next();
      if (slice === undefined) break;
      if (slice === 'unsupported') {
        while (queue.length > 0) if (!(await takeOldest())) break;
        return { records: taken, complete: false };
      }
      const job: SliceJob = {
        bytes: slice.bytes, records: slice.records, recordsBefore: submitted, first: slice.first,
        skipRecords: slice.first ? skipRecords : 0, delimiter, ...(slice.encoding ? { encoding: slice.encoding } : {}),
      };
      const result = pool.run(job, [slice.bytes.buffer as ArrayBuffer]);
      // Awaited in order later; meanwhile a failure must not count as unhandled.
      result.catch(() => {});
      queue.push({ result, records: slice.records });
      submitted += slice.records;
      while (queue.length >= threads * IN_FLIGHT_PER_THREAD) if (!(await takeOldest())) return { records: taken, complete: false };
    }
    while (queue.length > 0) if (!(await takeOldest())) return { records: taken, complete: false };
    return { records: taken, complete: true };
  } finally {
    await pool.close();
    await slicer.close();
  }
}
