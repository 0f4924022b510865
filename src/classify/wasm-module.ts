/**
 * What the project's WebAssembly modules (scan.wat, lines.wat) share: each is
 * embedded as base64 by scripts/build-wasm.mjs, compiled once per thread and
 * instantiated for each user, who lays out its memory with a MemoryPlan.
 */
const compiled = new Map<string, WebAssembly.Module>();

/** A new instance of the module embedded as `base64`, and its exports. */
export function instantiateEmbedded<Exports>(base64: string): Exports {
  let module = compiled.get(base64);
  if (!module) {
    module = new WebAssembly.Module(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    compiled.set(base64, module);
  }
  return new WebAssembly.Instance(module).exports as unknown as Exports;
}

/** Places in a module's memory, one after another, each 8-byte aligned. */
export class MemoryPlan {
  private top = 0;

  /** The place of `bytes` more bytes. */
  place(bytes: number): number {
    const at = this.top;
    this.top += (bytes + 7) & ~7;
    return at;
  }

  /** Bytes placed so far. */
  get size(): number {
    return this.top;
  }
}
