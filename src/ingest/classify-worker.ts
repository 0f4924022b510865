/**
 * One classification thread of classify-file.ts. It makes its Classifier once,
 * from the lexicon the main thread compiled and sends first (jieba's dictionary
 * loads on first need), then answers each job (classify-protocol.ts):
 *
 *   rows job:      texts ───────────────────────────────────────────┐
 *   CSV bytes job: bytes → decode (decode-text.ts) → records (csv-scanner.ts)
 *                  → text, id, name (enterprise-text.ts) ───────────┴→ classify → output lines | columns
 *   UTF-8 CSV job, one text column: bytes → field spans (csv-utf8-records.ts)
 *                  → classify the text's bytes → output lines from the id and name bytes
 *
 * Decoding and parsing here rather than on the main thread is what lets a large
 * CSV use every core: the main thread only reads bytes and writes results. The
 * UTF-8 path makes no string of a row unless it must (a cell to trim or to
 * quote, a character without a one-unit canonical form): the same output,
 * checked by test/classify-file.test.ts, several times cheaper.
 */
import { isUtf8 } from 'node:buffer';
import { parentPort, workerData } from 'node:worker_threads';
// The modules themselves, not the package's index: a worker loads only what classifying needs.
import { Classifier, STATUS_OF, type Analysis } from '../classify/classifier.js';
import { lexiconFromTables, type LexiconTables } from '../classify/lexicon.js';
import { formatAnalysisEvidence } from '../classify/classify-enterprise.js';
import { jiebaSegmenter } from '../classify/jieba-segmenter.js';
import { STATUS_CODES, type AssignedStatus, type CsvBytesJob, type Job, type JobResult, type RowsJob, type WorkerSetup } from './classify-protocol.js';
import { CsvAnomaly, CsvScanner } from './csv-scanner.js';
import { Utf8Records } from './csv-utf8-records.js';
import { decodeBuffer, type DecodeState } from './decode-text.js';
import { countLineFeeds } from './csv-slices.js';
import { isPlainCreditCode, rowIdentity, rowText } from './enterprise-text.js';
import { LineWriter } from './offering-lines.js';
import { answerJobs } from './worker-pool.js';

const setup = workerData as WorkerSetup;
const linkIds = setup.framework.links.map((l) => l.id);
// Made by setUp, before the first job.
let classifier: Classifier;
/** Terms by index, negatives never standing as evidence. */
let evidenceTerms: string[];
/** One writer for every job (its cells are encoded once). */
let lineWriter: LineWriter | undefined;

/** The pool's first message: the framework's lexicon, compiled on the main thread. */
function setUp(lexicon: LexiconTables): void {
  classifier = Classifier.create(setup.framework, {
    segmenter: jiebaSegmenter, lexicon: lexiconFromTables(lexicon), ...(setup.model ? { model: setup.model } : {}),
  });
  evidenceTerms = classifier.lexicon.terms.map((t) => (t.negative ? '' : t.term));
  lineWriter = setup.lineFormat ? new LineWriter(setup.lineFormat, linkIds, evidenceTerms) : undefined;
}

/** Where a row's id and name come from, read only when the row has a link to write. */
interface RowSource {
  identity(): { id: string; name: string };
  /** Begins the row's lines straight from its bytes; false when its cells need the string path. */
  beginLines?(writer: LineWriter): boolean;
}

const REJECTED = STATUS_OF.indexOf('rejected');

/** The assigned links of a job's rows, gathered in row order. */
class Collector {
  rows = 0;
  emptyTexts = 0;
  withLinks = 0;
  offerings = 0;
  truncated = 0;
  private readonly lines = lineWriter;
  private readonly ids: string[] = [];
  private readonly names: string[] = [];
  private readonly links: number[] = [];
  private readonly confidences: number[] = [];
  private readonly statuses: number[] = [];
  private readonly alternatives: string[] = [];
  private readonly evidence: string[] = [];

  /** A row whose text is empty: no link. */
  addEmpty(): void {
    this.rows++;
    this.emptyTexts++;
  }

  /** A row and the classification of its text. */
  add(analysis: Analysis, source: RowSource): void {
    this.rows++;
    if (analysis.truncated) this.truncated++;
    let assigned = 0;
    let identity: { id: string; name: string } | undefined;
    for (let r = 0; r < analysis.size; r++) {
      const e = analysis.byRank[r] as number;
      const status = analysis.status[e] as number;
      if (status === REJECTED) continue;
      assigned++;
      const lines = this.lines;
      if (lines) {
        if (assigned === 1 && !source.beginLines?.(lines)) {
          const { id, name } = source.identity();
          lines.beginRow(id, name);
        }
        lines.line(analysis, e, status);
      } else {
        identity ??= source.identity();
        let alternatives = '';
        for (let k = analysis.alternativesFrom[e] as number; k < (analysis.alternativesFrom[e + 1] as number); k++) {
          alternatives += `${alternatives ? '|' : ''}${linkIds[analysis.alternatives[k] as number] as string}`;
        }
        const link = analysis.link[e] as number;
        this.ids.push(identity.id);
        this.names.push(identity.name);
        this.links.push(link);
        this.confidences.push(analysis.confidence[e] as number);
        this.statuses.push(STATUS_CODES[STATUS_OF[status] as AssignedStatus]);
        this.alternatives.push(alternatives);
        this.evidence.push(formatAnalysisEvidence(analysis, e, evidenceTerms));
      }
    }
    if (assigned > 0) this.withLinks++;
    this.offerings += assigned;
  }

  /** A row given as strings. */
  addText(text: string, source: RowSource): void {
    if (text.length === 0) this.addEmpty();
    else this.add(classifier.analyse(text), source);
  }

  result(id: number, extra: Pick<JobResult, 'records' | 'lineFeeds' | 'issues'>): JobResult {
    const counts = { rows: this.rows, emptyTexts: this.emptyTexts, withLinks: this.withLinks, offerings: this.offerings, truncated: this.truncated };
    if (this.lines) return { id, ...counts, ...extra, bytes: this.lines.take() };
    return {
      id, ...counts, ...extra,
      columns: {
        ids: this.ids, names: this.names, links: Uint16Array.from(this.links), confidences: Float64Array.from(this.confidences),
        statuses: Uint8Array.from(this.statuses), alternatives: this.alternatives, evidence: this.evidence,
      },
    };
  }
}

function runRows(job: RowsJob): JobResult {
  const collector = new Collector();
  const source = { id: '', name: '', identity() { return this; } };
  for (let i = 0; i < job.texts.length; i++) {
    source.id = job.ids[i] as string;
    source.name = job.names[i] as string;
    collector.addText(job.texts[i] as string, source);
  }
  return collector.result(job.id, { records: job.texts.length, lineFeeds: 0, issues: [] });
}

const anomalyResult = (id: number): JobResult => ({ id, anomaly: true, rows: 0, records: 0, lineFeeds: 0, emptyTexts: 0, withLinks: 0, offerings: 0, truncated: 0, issues: [] });

/** A slice through the decoder and the text scanner: any encoding, any input the scanner takes. */
async function runCsvText(job: CsvBytesJob, bytes: Buffer): Promise<JobResult> {
  const state: DecodeState = { issues: [], ...(job.encoding ? { encoding: job.encoding } : {}) };
  const scanner = new CsvScanner({ delimiter: job.delimiter, continues: !job.first });
  const collector = new Collector();
  let records = 0;
  const source = { cells: [] as readonly string[], row: 0, identity() { return rowIdentity(this.cells, this.row, job.plan); } };
  const take = (batch: readonly string[][]) => {
    for (const cells of batch) {
      records++;
      if (records <= job.skipRecords) continue;
      // A blank line is no row (read-csv.ts).
      if (cells.length === 1 && cells[0] === '') continue;
      source.cells = cells;
      source.row = job.recordsBefore + records;
      collector.addText(rowText(cells, job.plan), source);
    }
  };
  try {
    for await (const text of decodeBuffer(bytes, setup.file, state)) take(scanner.push(text));
    take(scanner.end());
  } catch (error) {
    if (!(error instanceof CsvAnomaly)) throw error;
    return anomalyResult(job.id);
  }
  return collector.result(job.id, { records, lineFeeds: countLineFeeds(bytes), issues: state.issues });
}

const isBomAt = (bytes: Buffer, at: number) => bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf;

/** Where the records of a slice start when it can be read straight from its bytes; -1 when the decoder must read it. */
function utf8Start(job: CsvBytesJob, bytes: Buffer): number {
  if (job.encoding === 'gb18030' || job.plan.text.length !== 1 || !isUtf8(bytes)) return -1;
  // A byte-order mark that starts the slice is passed over, as the decoder does (the slicer starts no slice but the
  // first with one). A second one is left to the decoder, which drops it too, and the scanner a third at the file's
  // start. Any other U+FEFF is data, read the same on both paths; where it starts or ends a cell, as at the start of a
  // line, it is trimmed with the cell's spaces.
  const start = isBomAt(bytes, 0) ? 3 : 0;
  return isBomAt(bytes, start) ? -1 : start;
}

/**
 * A UTF-8 slice read and classified from its bytes: records as field spans
 * (csv-utf8-records.ts), the text classified from its bytes; strings are made
 * only for the id and name of rows with a link, and for the rare text the byte
 * path leaves to the string path (spaces to trim, characters without a one-unit
 * canonical form). Same rows, same output as runCsvText.
 */
function runCsvUtf8(job: CsvBytesJob, bytes: Buffer, start: number): JobResult {
  const records = new Utf8Records(bytes, start, bytes.length, job.delimiter === '\r\n');
  const collector = new Collector();
  const plan = job.plan;
  const textColumn = plan.text[0] as number;
  const identityColumns = [plan.id, plan.name, plan.nameZh, plan.nameEn, plan.creditCode].filter((f) => f !== undefined);
  // Only the cells rowText and rowIdentity read: the other columns of the row are never decoded.
  const cells = (columns: readonly number[]): string[] => {
    const values: string[] = [];
    for (const f of columns) if (f < records.count) values[f] = records.text(f);
    return values;
  };
  const filled = (f: number | undefined): f is number => f !== undefined && !records.isEmpty(f);
  /** The column whose cell is the row's id as rowIdentity gives it, when that is the cell's bytes as they are; else -1. */
  const idColumn = (): number => {
    if (filled(plan.id)) return records.isTrimmedText(plan.id) ? plan.id : -1;
    if (filled(plan.creditCode)) return isPlainCreditCode(bytes, records.starts[plan.creditCode] as number, records.ends[plan.creditCode] as number) ? plan.creditCode : -1;
    return -1;
  };
  /** The column of the name shown (-1: none, the name is empty), or -2 when its bytes are not the name as they are. */
  const nameColumn = (): number => {
    for (const f of [plan.name, plan.nameZh, plan.nameEn]) if (filled(f)) return records.isTrimmedText(f) ? f : -2;
    return -1;
  };
  const source = {
    row: 0,
    identity() {
      return rowIdentity(cells(identityColumns), this.row, plan);
    },
    beginLines(writer: LineWriter): boolean {
      const id = idColumn();
      const name = id < 0 ? -2 : nameColumn();
      if (name === -2) return false;
      const nameStart = name < 0 ? 0 : (records.starts[name] as number);
      return writer.beginRowBytes(bytes, records.starts[id] as number, records.ends[id] as number, nameStart, name < 0 ? 0 : (records.ends[name] as number));
    },
  };
  let count = 0;
  classifier.holdUtf8(bytes);
  try {
    while (records.next()) {
      count++;
      if (count <= job.skipRecords) continue;
      if (records.count === 1 && records.starts[0] === records.ends[0]) continue;
      source.row = job.recordsBefore + count;
      if (records.isEmpty(textColumn)) {
        collector.addEmpty();
        continue;
      }
      // A text with spaces to trim is left to the string path, which trims it as the import does.
      const analysis = records.isTrimmed(textColumn)
        ? classifier.analyseUtf8(bytes, records.starts[textColumn] as number, records.ends[textColumn] as number, records.escaped[textColumn] === 1)
        : undefined;
      if (analysis) collector.add(analysis, source);
      else collector.addText(rowText(cells([textColumn]), plan), source);
    }
  } catch (error) {
    if (!(error instanceof CsvAnomaly)) throw error;
    return anomalyResult(job.id);
  }
  return collector.result(job.id, { records: count, lineFeeds: countLineFeeds(bytes), issues: [] });
}

async function runCsv(job: CsvBytesJob): Promise<JobResult> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const start = utf8Start(job, bytes);
  const result = start < 0 ? await runCsvText(job, bytes) : runCsvUtf8(job, bytes, start);
  return { ...result, input: job.bytes.buffer as ArrayBuffer };
}

function transferList(result: JobResult): ArrayBuffer[] {
  const c = result.columns;
  const moved: ArrayBuffer[] = result.input ? [result.input] : [];
  if (c) moved.push(c.links.buffer as ArrayBuffer, c.confidences.buffer as ArrayBuffer, c.statuses.buffer as ArrayBuffer);
  else if (result.bytes && result.bytes.byteLength > 0) moved.push(result.bytes.buffer as ArrayBuffer);
  return moved;
}

answerJobs<Job, JobResult>(parentPort, (job) => {
  if (job.spare) lineWriter?.recycle(job.spare);
  return job.kind === 'rows' ? runRows(job) : runCsv(job);
}, transferList, (message) => setUp(message as LexiconTables));
