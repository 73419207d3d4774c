/**
 * Team files read ahead on a second thread (see `read-ahead-worker.ts`): a build's first load takes
 * each file's bytes from the worker when it has read it already, and reads it itself otherwise, so
 * that the two threads share the reading and this one never waits. Batches are taken from the
 * channel without waiting, as this thread goes through the files (`receiveMessageOnPort`): the
 * load is one synchronous loop, and needs no turn of the event loop to see them. The result is the
 * same either way, only sooner. When the worker cannot start or fails, nothing is read ahead.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { stampAt, type FileStamp } from "../entry.js";
import { READ_AHEAD_KIND, type ReadAheadBatch, type ReadAheadJob } from "./read-ahead-job.js";

/** A file's bytes as the worker read them, with its stamp when asked for, taken before the read. */
interface ReadAheadFile {
  readonly bytes: Uint8Array;
  readonly stat?: FileStamp;
  /** When the worker started reading: what the file's times are compared with (see `ParseCache`). */
  readonly readAt: number;
}

/** The stamp of a batch's `index`-th file, when the batch carries stamps. */
function batchStampAt(batch: ReadAheadBatch, index: number): FileStamp | undefined {
  return batch.stamps === undefined ? undefined : (stampAt(batch.stamps, index) ?? undefined);
}

/** The files the worker has read, each given out once. */
export class ReadAheadFiles {
  readonly #at = new Map<string, { readonly batch: ReadAheadBatch; readonly index: number; readonly left: { count: number } }>();
  /**
   * Buffers of batches whose every file was taken, handed back to the worker for its next batches
   * at the next call (the file taken last is parsed by then), so that the bytes in flight stay a few
   * batches' worth rather than the whole team's, waiting for a collection.
   */
  #finished: ArrayBuffer[] = [];
  readonly #port: MessagePort;
  readonly #worker: Worker;
  #done = false;

  /** Whether the worker reads the files' bytes, or only asks where each file stands. */
  readonly #reads: boolean;

  /** Batches taken, which the worker waits on (see `ReadAheadJob.taken`). */
  readonly #taken: Int32Array;

  constructor(worker: Worker, port: MessagePort, reads: boolean, taken: Int32Array) {
    this.#worker = worker;
    this.#port = port;
    this.#reads = reads;
    this.#taken = taken;
  }

  /** The bytes of `file` (a path as the listing gives it), with its stamp when `withStat`; undefined: read it. */
  take(file: string, withStat: boolean): ReadAheadFile | undefined {
    if (!this.#reads) return undefined;
    this.#giveBack();
    const place = this.#place(file);
    if (place === undefined) return undefined;
    const { batch, index, left } = place;
    left.count -= 1;
    if (left.count === 0 && batch.bytes.byteLength > 0) this.#finished.push(batch.bytes);
    const stat = withStat ? batchStampAt(batch, index) : undefined;
    if (withStat && stat === undefined) return undefined;
    const start = index === 0 ? 0 : (batch.ends[index - 1] as number);
    const bytes = new Uint8Array(batch.bytes, start, (batch.ends[index] as number) - start);
    return { bytes, readAt: batch.readAt, ...(stat ? { stat } : {}) };
  }

  /** Where `file` stood when the worker asked (a job that reads nothing); undefined: ask again. */
  stampOf(file: string): FileStamp | undefined {
    const place = this.#place(file);
    return place && batchStampAt(place.batch, place.index);
  }

  /** Where `file` is among the batches received, taking more as needed; given out once. */
  #place(file: string): { readonly batch: ReadAheadBatch; readonly index: number; readonly left: { count: number } } | undefined {
    let place = this.#at.get(file);
    while (place === undefined && this.#receive()) place = this.#at.get(file);
    this.#at.delete(file);
    return place;
  }

  /** Hand the finished batches' buffers back to the worker (see `#finished`). */
  #giveBack(): void {
    if (this.#finished.length === 0) return;
    for (const buffer of this.#finished) this.#port.postMessage(buffer, [buffer]);
    this.#finished = [];
  }

  /** Take the next batch the worker sent, if one is there; false when none is (yet). */
  #receive(): boolean {
    if (this.#done) return false;
    const message = receiveMessageOnPort(this.#port);
    if (message === undefined) return false;
    const batch = message.message as ReadAheadBatch;
    Atomics.add(this.#taken, 0, 1);
    Atomics.notify(this.#taken, 0);
    const left = { count: batch.files.length };
    batch.files.forEach((file, index) => this.#at.set(file, { batch, index, left }));
    if (batch.done) this.#done = true;
    return true;
  }

  /** The load is over: the worker stops, and what it read goes. */
  close(): void {
    this.#done = true;
    this.#at.clear();
    this.#finished = [];
    this.#port.close();
    void this.#worker.terminate();
  }
}

/**
 * Start reading `files` (listed team files, in the order they will be asked for) on a worker
 * thread; undefined when it cannot start. The worker never keeps the process alive.
 */
export function startReadAhead(
  files: readonly string[],
  options: { readonly maxFileBytes: number; readonly stamps: boolean; readonly read: boolean },
): ReadAheadFiles | undefined {
  const { port1, port2 } = new MessageChannel();
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const job: ReadAheadJob = { kind: READ_AHEAD_KIND, files, ...options, port: port2, taken };
  let worker: Worker;
  try {
    worker = new Worker(new URL("./read-ahead-worker.js", import.meta.url), {
      workerData: job,
      transferList: [port2],
      stdout: true,
      stderr: true,
    });
  } catch {
    port1.close();
    return undefined;
  }
  worker.unref();
  port1.unref();
  // A worker that fails sends nothing more: this thread reads what is left.
  worker.on("error", () => undefined);
  return new ReadAheadFiles(worker, port1, options.read, taken);
}
