/**
 * A fixed pool of worker threads answering numbered jobs: a job goes to the
 * least busy worker and its promise settles with that worker's answer. Used by
 * the classification of large files (classify-file.ts) and by the import of
 * large CSV files (import-slices.ts).
 *
 * A worker answers `{ id, ...result }` or `{ id, error }`; an `error` answer
 * rejects that job only, while a worker that dies (an exception outside a job,
 * a non-zero exit) fails every job out and every later one: with a worker gone
 * the results could no longer be complete.
 */
import { Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';

/** A worker thread failed (its message is the worker's error). */
export class WorkerFailure extends Error {}

export interface JobFailure {
  readonly id: number;
  readonly error: string;
}

/** `Input` is a job without its id (the pool numbers jobs); `Result` an answer, which carries the id back. */
export class WorkerPool<Input extends object, Result extends { readonly id: number }> {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly waiting = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void; worker: number }>();
  private failure?: Error;
  private nextId = 0;

  constructor(script: URL, threads: number, workerData: unknown, resourceLimits?: ResourceLimits) {
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(script, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
      worker.on('message', (message: Result | JobFailure) => this.settle(i, message));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`worker ${i} exited with code ${code}`));
      });
      this.workers.push({ worker, busy: 0 });
    }
  }

  /**
   * Sends every worker `message` ahead of its jobs: answerJobs hands it to the
   * worker's `setUp`. For what is costly to make and the same for all (made
   * once here while the threads start). Call it before the first `run`.
   */
  setUp(message: unknown): void {
    for (const { worker } of this.workers) worker.postMessage(message);
  }

  /** Sends a job (its `id` is set here); `transfer` lists buffers moved with it. */
  run(job: Input, transfer: ArrayBuffer[] = []): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    let chosen = 0;
    this.workers.forEach((w, i) => {
      if (w.busy < (this.workers[chosen] as { busy: number }).busy) chosen = i;
    });
    const slot = this.workers[chosen] as { worker: Worker; busy: number };
    const id = this.nextId++;
    slot.busy++;
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker: chosen });
      slot.worker.postMessage({ ...job, id }, transfer);
    });
  }

  private settle(worker: number, message: Result | JobFailure): void {
    const waiter = this.waiting.get(message.id);
    if (!waiter) return;
    this.waiting.delete(message.id);
    (this.workers[worker] as { busy: number }).busy--;
    if ('error' in message) waiter.reject(new WorkerFailure(message.error));
    else waiter.resolve(message);
  }

  private fail(error: Error): void {
    this.failure ??= new WorkerFailure(error.message);
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    // Terminating is the normal end: exits from here on are not failures.
    this.failure ??= new WorkerFailure('the pool is closed');
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }
}

/**
 * Answers a pool's jobs on the worker side: `handle` gives the result (or throws)
 * and the buffers to move with it. With `setUp`, the first message is the
 * pool's `setUp` message and goes there; an error in it fails the worker.
 */
export function answerJobs<Job extends { readonly id: number }, Result extends { readonly id: number }>(
  port: MessagePort | null,
  handle: (job: Job) => Promise<Result> | Result,
  transfer: (result: Result) => ArrayBuffer[] = () => [],
  setUp?: (message: unknown) => void,
): void {
  if (!port) throw new Error('this module runs as a worker thread of a WorkerPool');
  let setUpFirst = setUp;
  port.on('message', (job: Job) => {
    if (setUpFirst) {
      const take = setUpFirst;
      setUpFirst = undefined;
      take(job);
      return;
    }
    const failed = (error: unknown) => port.postMessage({ id: job.id, error: (error as Error).stack ?? String(error) } satisfies JobFailure);
    try {
      Promise.resolve(handle(job)).then((result) => port.postMessage(result, transfer(result)), failed);
    } catch (error) {
      failed(error);
    }
  });
}
