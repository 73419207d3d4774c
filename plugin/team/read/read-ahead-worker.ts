/**
 * The read-ahead worker: reads the team files the main thread listed (or only asks where each
 * stands, for a load from the parse cache), in its order, sending the bytes and stamps in batches
 * as it goes, each batch's buffer transferred, not copied. It runs beside the main thread (see
 * `read-ahead.ts`). Only the common case is read here: a regular file that one call reads whole
 * (`readInOneCall`, as the main thread's quick read) within the size limit. Anything else (a link,
 * a pipe, a long file, a file that cannot be read) is left out, for the main thread to read, or
 * refuse with its message, as it always does. It imports nothing of the plugin but the job's shape
 * and that read: its file loads in a few milliseconds.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync } from "node:fs";
import { isMainThread, receiveMessageOnPort, workerData } from "node:worker_threads";
import { O_NOFOLLOW, O_NONBLOCK } from "./open-flags.js";
import { ONE_CALL_BYTES, readInOneCall } from "./one-call-read.js";
import { READ_AHEAD_BATCHES, READ_AHEAD_KIND, type ReadAheadBatch, type ReadAheadJob } from "./read-ahead-job.js";

const EMPTY = Buffer.alloc(0);
/** Files per batch: the first batches small, so that the main thread finds files soon. */
const batchSize = (sent: number): number => (sent < 4 ? 64 : 512);

/** One batch being filled. */
class Batch {
  readonly files: string[] = [];
  readonly #ends: number[] = [];
  readonly #stamps: number[] = [];
  // A buffer the main thread handed back, or one made when the first bytes come: a batch of
  // stamps only sends none.
  #bytes: Buffer;
  #at = 0;

  constructor(reused: Buffer = EMPTY) {
    this.#bytes = reused;
  }

  add(file: string, bytes: Buffer, stamp: readonly number[] | undefined): void {
    if (this.#at + bytes.length > this.#bytes.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.#bytes.length * 2, ONE_CALL_BYTES * 4, this.#at + bytes.length));
      this.#bytes.copy(grown, 0, 0, this.#at);
      this.#bytes = grown;
    }
    bytes.copy(this.#bytes, this.#at);
    this.#at += bytes.length;
    this.#ends.push(this.#at);
    if (stamp) this.#stamps.push(...stamp);
    this.files.push(file);
  }

  /** Send the batch, the `sent`-th, once the main thread has taken all but a few of those before it. */
  send(job: ReadAheadJob, readAt: number, done: boolean, sent: number): void {
    for (let taken = Atomics.load(job.taken, 0); sent - taken >= READ_AHEAD_BATCHES; taken = Atomics.load(job.taken, 0)) {
      // Woken when a batch is taken; the time limit only guards against a wake-up missed.
      Atomics.wait(job.taken, 0, taken, 100);
    }
    const batch: ReadAheadBatch = {
      files: this.files,
      ends: Uint32Array.from(this.#ends),
      // A batch of stamps only has no buffer of its own to hand over.
      bytes: this.#at === 0 ? new ArrayBuffer(0) : (this.#bytes.buffer as ArrayBuffer),
      stamps: job.stamps ? Float64Array.from(this.#stamps) : undefined,
      readAt,
      done,
    };
    const buffers = [batch.bytes, batch.ends.buffer, ...(batch.stamps ? [batch.stamps.buffer] : [])] as ArrayBuffer[];
    job.port.postMessage(batch, buffers);
  }
}

/** What the worker sends of one file: its bytes (none when the job reads nothing), its stamp when asked. */
interface Found {
  readonly bytes: Buffer;
  readonly stamp: readonly number[] | undefined;
}

/** A regular file's stamp (links not followed), nothing read; undefined: the main thread asks again. */
function stampOf(file: string): Found | undefined {
  const stat = lstatSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? { bytes: EMPTY, stamp: [stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs] } : undefined;
}

/**
 * A plain file's bytes (in `scratch`, valid until the next read) with its stamp when the job asks,
 * read in one call; undefined: the main thread's to read, or to refuse with its message.
 */
function bytesOf(file: string, job: ReadAheadJob, scratch: Buffer): Found | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    const stat = job.stamps ? fstatSync(fd) : undefined;
    const bytes = readInOneCall(fd, scratch, Math.min(ONE_CALL_BYTES, job.maxFileBytes + 1), stat);
    if (bytes === undefined) return undefined; // the main thread's to read, or to refuse
    return { bytes, stamp: stat && [stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs] };
  } catch {
    return undefined; // a link, a folder, a file gone or unreadable: the main thread says what it is
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Read the job's files (or ask where each stands) and send them (see the top of this file). */
function readAhead(job: ReadAheadJob): void {
  const readAt = Date.now();
  const scratch = Buffer.allocUnsafe(ONE_CALL_BYTES);
  // Buffers of batches the main thread is done with, handed back to be filled again.
  const returned: Buffer[] = [];
  const nextBatch = (): Batch => {
    for (let message = receiveMessageOnPort(job.port); message; message = receiveMessageOnPort(job.port)) {
      returned.push(Buffer.from(message.message as ArrayBuffer));
    }
    return new Batch(returned.pop());
  };
  let batch = new Batch();
  let sent = 0;
  for (const file of job.files) {
    const found = job.read ? bytesOf(file, job, scratch) : stampOf(file);
    if (found) batch.add(file, found.bytes, found.stamp);
    if (batch.files.length >= batchSize(sent)) {
      batch.send(job, readAt, false, sent);
      batch = nextBatch();
      sent += 1;
    }
  }
  batch.send(job, readAt, true, sent);
  job.port.close();
}

if (!isMainThread && (workerData as Partial<ReadAheadJob> | null)?.kind === READ_AHEAD_KIND) readAhead(workerData as ReadAheadJob);
