/**
 * Group commit: calls that arrive while a batch is being written wait and are written together by
 * the next one, so that under load many callers share one statement, its triggers and its commit,
 * and a lone caller waits for nothing but the end of the current event-loop turn. One batch is in
 * flight at a time: batches from one process then never wait for each other's row locks.
 *
 * `write` gets the inputs of one batch and answers one result per input, in the same order. When
 * it throws, every caller of that batch gets the error.
 */
export class GroupCommit<In, Out> {
  private waiting: { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private writing = false;
  private scheduled = false;

  private readonly write: (inputs: In[]) => Promise<Out[]>;
  private readonly maxBatch: number;

  constructor(write: (inputs: In[]) => Promise<Out[]>, maxBatch = 500) {
    this.write = write;
    this.maxBatch = maxBatch;
  }

  run(input: In): Promise<Out> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.writing || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // setImmediate, not a microtask: the other requests read in this I/O phase join the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    const batch = this.waiting.splice(0, this.maxBatch);
    this.writing = true;
    try {
      const results = await this.write(batch.map((call) => call.input));
      for (const [i, call] of batch.entries()) call.resolve(results[i]!);
    } catch (error) {
      for (const call of batch) call.reject(error);
    } finally {
      this.writing = false;
      this.schedule();
    }
  }
}
