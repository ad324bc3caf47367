/**
 * Group commit: calls that arrive while a batch is being written wait and are written together by
 * the next one, so that under load many callers share one statement, its triggers and its commit,
 * and a lone caller waits for nothing but the end of the current event-loop turn.
 *
 * Calls go to one of `lanes` by their key (key mod lanes), and each lane has one batch in flight
 * at a time: with one lane a process writes one batch after another; with several, batches of
 * different lanes are written at once (on connections of their own), while calls of one key keep
 * to one lane, so two batches in flight never hold the same key (for feedback: the same customer).
 *
 * `write` gets the inputs of one batch and answers one result per input, in the same order. When
 * it throws, every caller of that batch gets the error.
 */
export class GroupCommit<In, Out> {
  private readonly lanes: Lane<In, Out>[];

  constructor(write: (inputs: In[]) => Promise<Out[]>, { maxBatch = 500, lanes = 1 } = {}) {
    this.lanes = Array.from({ length: Math.max(1, lanes) }, () => new Lane(write, maxBatch));
  }

  run(input: In, key = 0): Promise<Out> {
    const lane = Number.isFinite(key) ? Math.abs(Math.trunc(key)) % this.lanes.length : 0;
    return this.lanes[lane]!.run(input);
  }
}

class Lane<In, Out> {
  private waiting: { input: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private writing = false;
  private scheduled = false;
  private readonly write: (inputs: In[]) => Promise<Out[]>;
  private readonly maxBatch: number;

  constructor(write: (inputs: In[]) => Promise<Out[]>, maxBatch: number) {
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
