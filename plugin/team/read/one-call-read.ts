/**
 * The quick read of a small team file, shared by the main thread's read (`file-bytes.ts`) and the
 * read-ahead worker's: one call into a buffer kept for every file, without asking the size first.
 * It imports nothing of the plugin, so that the worker's file stays small.
 */
import { readSync, type Stats } from "node:fs";

/** Files shorter than this (real entries are under 10 KiB) are read in one call. */
export const ONE_CALL_BYTES = 64 * 1024;

/**
 * The bytes of the open file `fd` read in one call of at most `wanted` bytes into `buffer` (valid
 * until it is filled again), when that read reached the file's end: it filled less than it asked
 * for, and, when `stat` is given, it is a regular file of that size. Undefined otherwise (nothing
 * read: an empty file or a pipe; a full read: a long file; a read that failed: a pipe with a writer,
 * a folder), for the careful read, which tells them apart.
 */
export function readInOneCall(fd: number, buffer: Buffer, wanted: number, stat?: Stats): Buffer | undefined {
  if (stat !== undefined && !(stat.isFile() && stat.size > 0 && stat.size < wanted)) return undefined;
  let length: number;
  try {
    length = readSync(fd, buffer, 0, wanted, null);
  } catch {
    return undefined;
  }
  return length > 0 && length < wanted && (stat === undefined || length === stat.size) ? buffer.subarray(0, length) : undefined;
}
