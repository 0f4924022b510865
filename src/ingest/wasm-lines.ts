/**
 * The memory of LineWriter (offering-lines.ts) and its plain line written by
 * WebAssembly (lines.wat): one memory holds the link ids and terms as UTF-8,
 * the middle cells made so far, the scratch for one line's alternatives and
 * evidence, and the output lines themselves, which grow at its end.
 *
 * Views into the memory are made again whenever it grows: read `output`, the
 * scratch and `middleBytes` afresh after `reserve`.
 */
import { MemoryPlan, instantiateEmbedded } from '../classify/wasm-module.js';
import { LINES_WASM_BASE64 } from './lines-wasm.js';

interface LineExports {
  readonly memory: WebAssembly.Memory;
  layout(...places: number[]): void;
  line(at: number, prefix: number, prefixLength: number, middle: number, middleLength: number, alternatives: number, evidence: number, excel: number): number;
}

const PAGE = 65536;
/** Bytes of middle cells kept before they are made again from the start. */
export const MIDDLE_BYTES = 1 << 18;
/** Most evidence pieces in a line written here (longer evidence is written as text by the caller). */
export const EVIDENCE_ROOM = 4096;
/** A middle cell's length is packed with its place (`place * MIDDLE_LENGTHS + length`). */
const MIDDLE_LENGTHS = 1 << 16;

export class LineMemory {
  private readonly exports: LineExports;
  private readonly middleAt: number;
  private middleUsed = 0;
  private readonly middleBytesRoom: number;
  private readonly outputAt: number;
  private readonly alternativesAt: number;
  private readonly evidenceAt: number;
  private readonly links: number;
  /** The output lines so far start at `output[0]`. */
  output!: Buffer;
  /** One line's alternatives (link indices) and evidence (term, start, end), filled before `line`. */
  alternatives!: Int32Array;
  evidence!: Int32Array;
  private bytes!: Uint8Array;

  /** `middleBytes`: the room for middle cells (tests make it small). */
  constructor(linkIds: readonly string[], terms: readonly string[], termFormula: Uint8Array, middleBytes = MIDDLE_BYTES) {
    this.exports = instantiateEmbedded<LineExports>(LINES_WASM_BASE64);
    const linkPool = pool(linkIds);
    const termPool = pool(terms);
    const plan = new MemoryPlan();
    const place = (bytes: number) => plan.place(bytes);
    const at = {
      linkStarts: place(linkPool.starts.byteLength), linkBytes: place(linkPool.bytes.length),
      termStarts: place(termPool.starts.byteLength), termBytes: place(termPool.bytes.length), termFormula: place(termFormula.length),
      alternatives: place(linkIds.length * 4), evidence: place(EVIDENCE_ROOM * 12), middles: place(middleBytes),
    };
    this.links = linkIds.length;
    this.alternativesAt = at.alternatives;
    this.evidenceAt = at.evidence;
    this.middleAt = at.middles;
    this.middleBytesRoom = middleBytes;
    this.outputAt = plan.size;
    this.exports.memory.grow(Math.ceil((plan.size + (1 << 20)) / PAGE));
    this.views();
    const memory = this.bytes;
    memory.set(new Uint8Array(linkPool.starts.buffer), at.linkStarts);
    memory.set(linkPool.bytes, at.linkBytes);
    memory.set(new Uint8Array(termPool.starts.buffer), at.termStarts);
    memory.set(termPool.bytes, at.termBytes);
    memory.set(termFormula, at.termFormula);
    this.exports.layout(at.linkStarts, at.linkBytes, at.termStarts, at.termBytes, at.termFormula, at.alternatives, at.evidence);
  }

  private views(): void {
    // Not shared: the memory is declared without `shared`.
    const buffer = this.exports.memory.buffer as ArrayBuffer;
    this.bytes = new Uint8Array(buffer);
    this.output = Buffer.from(buffer, this.outputAt, buffer.byteLength - this.outputAt);
    this.alternatives = new Int32Array(buffer, this.alternativesAt, this.links);
    this.evidence = new Int32Array(buffer, this.evidenceAt, EVIDENCE_ROOM * 3);
  }

  /** Makes `output` hold at least `bytes` bytes. */
  reserve(bytes: number): void {
    if (bytes <= this.output.length) return;
    const more = bytes - this.output.length;
    this.exports.memory.grow(Math.ceil(Math.max(more, this.output.length) / PAGE));
    this.views();
  }

  /** Keeps middle cells for `line`; answers their packed place, or -1 when the room is full (forget all and start again). */
  keepMiddle(cells: Uint8Array): number {
    if (cells.length >= MIDDLE_LENGTHS || this.middleUsed + cells.length > this.middleBytesRoom) return -1;
    const place = this.middleUsed;
    this.bytes.set(cells, this.middleAt + place);
    this.middleUsed += cells.length;
    return place * MIDDLE_LENGTHS + cells.length;
  }

  /** Forgets every middle cell kept. */
  forgetMiddles(): void {
    this.middleUsed = 0;
  }

  /** The length of kept middle cells. */
  static middleLength(packed: number): number {
    return packed % MIDDLE_LENGTHS;
  }

  /** The bytes of kept middle cells. */
  middleBytes(packed: number): Buffer {
    const start = this.middleAt + Math.floor(packed / MIDDLE_LENGTHS);
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, LineMemory.middleLength(packed));
  }

  /**
   * Writes a line at `output[length]` (see lines.wat), its alternatives and
   * evidence in the scratch; answers where it ends. Room must have been reserved.
   */
  line(length: number, prefixStart: number, prefixLength: number, middle: number, alternatives: number, evidence: number, excel: boolean): number {
    const base = this.outputAt;
    const end = this.exports.line(
      base + length, base + prefixStart, prefixLength, this.middleAt + Math.floor(middle / MIDDLE_LENGTHS), LineMemory.middleLength(middle),
      alternatives, evidence, excel ? 1 : 0,
    );
    return end - base;
  }
}

/** Texts as UTF-8 side by side: text `i` is `bytes[starts[i] … starts[i + 1])`. */
function pool(texts: readonly string[]): { bytes: Buffer; starts: Int32Array } {
  const encoded = texts.map((t) => Buffer.from(t, 'utf8'));
  const starts = new Int32Array(texts.length + 1);
  encoded.forEach((b, i) => (starts[i + 1] = (starts[i] as number) + b.length));
  return { bytes: Buffer.concat(encoded), starts };
}
