/**
 * One writer at a time. The server shares one DuckDB connection, on which a
 * transaction is a state of the connection: two requests' transactions must
 * not interleave (the second BEGIN would fail, or one's statements would land
 * in the other's transaction and be rolled back with it). Every request that
 * changes data runs its handler through this queue, in arrival order; reads
 * do not wait. A failed job does not stop the ones after it.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
