/**
 * What the main thread asks of the read-ahead worker and what it sends back (`read-ahead.ts`,
 * `read-ahead-worker.ts`): shared by both, and nothing else, so that the worker's file stays small.
 */
import type { MessagePort } from "node:worker_threads";

/** Tells the read-ahead worker's job from any other use of its file. */
export const READ_AHEAD_KIND = "mentor-directory:read-ahead";

export interface ReadAheadJob {
  readonly kind: typeof READ_AHEAD_KIND;
  /** The team files, in the order the main thread goes through them (the folder listing's). */
  readonly files: readonly string[];
  /** Files longer than this are left to the main thread, which refuses them with a message. */
  readonly maxFileBytes: number;
  /** Whether to ask each file's inode, size and times (before reading it), for the parse cache. */
  readonly stamps: boolean;
  /**
   * `false`: only ask where each file stands (`lstat`, links not followed), reading nothing, for a
   * load whose parse cache says which files changed.
   */
  readonly read: boolean;
  /** Where the batches go. */
  readonly port: MessagePort;
  /**
   * One counter, of the batches the main thread has taken: the worker stays at most
   * `READ_AHEAD_BATCHES` ahead of it, so that the bytes read and not yet parsed stay few.
   */
  readonly taken: Int32Array;
}

/** Batches the worker may have sent and the main thread not taken yet. */
export const READ_AHEAD_BATCHES = 8;

/** Files read, in the job's order, sent as they are read. */
export interface ReadAheadBatch {
  readonly files: readonly string[];
  /** The end of each file's bytes in `bytes`; each starts where the one before ends. */
  readonly ends: Uint32Array;
  /** The files' bytes, one after the other (transferred, not copied); empty when the job reads nothing. */
  readonly bytes: ArrayBuffer;
  /** With `stamps`: inode, size, mtimeMs and ctimeMs of each file, four numbers per file. */
  readonly stamps: Float64Array | undefined;
  /** When the worker started reading (ms since the epoch): what the stamps were read by. */
  readonly readAt: number;
  /** The last batch: every file is read (or left to the main thread). */
  readonly done: boolean;
}
