/**
 * The parse cache's file on disk. A frame (a tag, the payload's length and its CRC-32) tells a
 * whole, undamaged file from a truncated or damaged one; the file is read without following a
 * link or blocking on a pipe; and it is written to a file of its own, then renamed over the old
 * one, so that a reader (another build, or the next one after a kill) sees the old file or the
 * new one, never half of one.
 *
 * The frame guards against accidents, not against someone who can write the cache folder: they
 * can write a valid frame too. What a cache may be trusted with is in the README (Security).
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import { describeCause } from "../../diagnostics/fs-errors.js";
import { O_NOFOLLOW, O_NONBLOCK } from "../read/open-flags.js";

/**
 * The tag of this frame. A file without it was written by another version (or is not ours), and is
 * not read: the version before (`\u0006`) wrote the parse cache's index without a CRC of its own.
 */
const TAG = Buffer.from("MDTEAM\u0000\u0007", "latin1");
/** Tag, payload length (64-bit), CRC-32 of the payload. */
const HEADER_BYTES = TAG.length + 8 + 4;
/** A temporary file this much older than now was left by a writer that was killed. */
const ABANDONED_MS = 60 * 60 * 1000;

/** What a frame holds, for the messages about it: its name, and what is lost when it cannot be written. */
export interface FrameKind {
  readonly what: string;
  readonly lost: string;
}

const PARSE_CACHE: FrameKind = { what: "the parse cache", lost: "the next build parses every file again" };

export type FrameRead =
  /** The payload of a whole, undamaged file. */
  | { readonly payload: Buffer }
  /** No file, or one of another version: nothing to say, the build starts without a cache. */
  | { readonly absent: true }
  /** A file that is there but unusable: worth one warning. */
  | { readonly problem: string };

/** A frame read that gave no payload: none there, or one to warn of. */
type FrameProblem = Exclude<FrameRead, { payload: Buffer }>;

/** A frame file open for a read, whose header is whole and says as many payload bytes as the file holds. */
interface OpenFrame {
  readonly fd: number;
  /** Bytes of the payload, as the header says and the file's size confirms. */
  readonly length: number;
  /** CRC-32 of the whole payload, as the header says. */
  readonly crc: number;
}

/** The problem of a frame found damaged, by its CRC or by one its payload carries (see `FrameStart`). */
export function damagedFrame(shown: string, kind: FrameKind = PARSE_CACHE): { readonly problem: string } {
  return { problem: `${kind.what} ${shown} is damaged (truncated or changed since it was written); it is ignored and written again` };
}

/** Fill `bytes` from `position` in the file, as far as the file goes; returns how many bytes were read. */
function readAt(fd: number, bytes: Uint8Array, position: number): number {
  let length = 0;
  while (length < bytes.length) {
    const read = readSync(fd, bytes, length, bytes.length - length, position + length);
    if (read === 0) break;
    length += read;
  }
  return length;
}

/** `length` bytes of the frame's payload from `offset`, in a buffer of their own; undefined when the file ends before. */
function readPayload(frame: OpenFrame, offset: number, length: number): Buffer | undefined {
  // A buffer of its own, never a slice of Node's shared pool: `releaseFrame` may give it back.
  const bytes = Buffer.allocUnsafeSlow(length);
  return readAt(frame.fd, bytes, HEADER_BYTES + offset) === length ? bytes : undefined;
}

/**
 * What `read` makes of the frame at `file`, opened for it and closed after; never throws. Its
 * header is read first: a file shorter or longer than the header says is damaged, which a read of
 * the payload's start alone tells, without the CRC.
 */
function withFrame<T>(file: string, shown: string, kind: FrameKind, read: (frame: OpenFrame) => T | FrameProblem): T | FrameProblem {
  let fd: number | undefined;
  try {
    try {
      fd = openSync(file, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
    } catch (error) {
      // No file, or no folder to hold one (the write says why, if it fails too).
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return { absent: true };
      throw error;
    }
    const info = fstatSync(fd);
    // A pipe put in its place would block the build for ever; a device could be endless.
    if (!info.isFile()) return { problem: `${kind.what} ${shown} is not a regular file; it is ignored` };
    if (info.size < TAG.length) return { absent: true };
    const header = Buffer.alloc(HEADER_BYTES);
    const length = readAt(fd, header, 0);
    if (!header.subarray(0, TAG.length).equals(TAG)) return { absent: true };
    if (length < HEADER_BYTES || header.readBigUInt64LE(TAG.length) !== BigInt(info.size - HEADER_BYTES)) return damagedFrame(shown, kind);
    return read({ fd, length: info.size - HEADER_BYTES, crc: header.readUInt32LE(TAG.length + 8) });
  } catch (error) {
    return cannotRead(shown, kind, error);
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

/** Read the frame at `file`; never throws. `shown` names the file in a problem. */
export function readFrame(file: string, shown: string, kind: FrameKind = PARSE_CACHE): FrameRead {
  return withFrame(file, shown, kind, (frame) => {
    const payload = readPayload(frame, 0, frame.length);
    return payload === undefined || crc32(payload) !== frame.crc ? damagedFrame(shown, kind) : { payload };
  });
}

/**
 * A frame's payload read in steps: `start`, its first bytes (as many as `startLength` says, given
 * the payload's first `peek` bytes), now; what follows only when asked for (`rest`), from the file
 * as it is then: `rest(length)` the next `length` bytes, `rest()` all that is left. The frame's CRC
 * covers the whole payload, so it is checked by `rest()` alone: what the start and each part hold
 * must carry a check of their own. `rest` finds nothing (`absent`) when the file was replaced by
 * another since its start was read.
 */
type FrameStart = { readonly start: Buffer; readonly rest: (length?: number) => FrameRead } | FrameProblem;

/** Read the start of the frame at `file` (see `FrameStart`); never throws. */
export function readFrameStart(
  file: string,
  shown: string,
  peek: number,
  startLength: (first: Buffer) => number,
  kind: FrameKind = PARSE_CACHE,
): FrameStart {
  return withFrame(file, shown, kind, (frame) => {
    // A payload too short for its start, or whose start says so, is of another format: not ours to judge.
    if (peek > frame.length) return { absent: true };
    const first = readPayload(frame, 0, peek);
    if (first === undefined) return damagedFrame(shown, kind);
    const length = startLength(first);
    if (length < peek || length > frame.length) return { absent: true };
    const start = readPayload(frame, 0, length);
    if (start === undefined) return damagedFrame(shown, kind);
    // Taken now: the caller may give the start's memory back (`releaseFrame`) before asking for the rest.
    const was = { length: frame.length, crc: frame.crc };
    let read = { from: start.length, crc: crc32(start) };
    return {
      start,
      rest: (length) => {
        const part = readFrameRest(file, shown, kind, was, read, length);
        if (length !== undefined && "payload" in part) read = { from: read.from + length, crc: crc32(part.payload, read.crc) };
        return part;
      },
    };
  });
}

/**
 * The payload of the frame at `file` from `read.from` on (`length` bytes of it, or to its end), if
 * the frame is still the one whose start was read (`was`). `read.crc`: the CRC-32 of the payload
 * before `read.from`, which the frame's CRC continues over the end.
 */
function readFrameRest(
  file: string,
  shown: string,
  kind: FrameKind,
  was: { readonly length: number; readonly crc: number },
  read: { readonly from: number; readonly crc: number },
  length: number | undefined,
): FrameRead {
  return withFrame(file, shown, kind, (frame) => {
    if (frame.length !== was.length || frame.crc !== was.crc) return { absent: true };
    // A part the payload cannot hold: what said its length is not what was written.
    if (length !== undefined && read.from + length > frame.length) return damagedFrame(shown, kind);
    const part = readPayload(frame, read.from, length ?? frame.length - read.from);
    if (length !== undefined) return part === undefined ? damagedFrame(shown, kind) : { payload: part };
    // What was read before, followed by this rest, must be the payload the header vouches for.
    return part !== undefined && crc32(part, read.crc) === frame.crc ? { payload: part } : damagedFrame(shown, kind);
  });
}

function cannotRead(shown: string, kind: FrameKind, error: unknown): { readonly problem: string } {
  return { problem: `${kind.what} ${shown} cannot be read: ${describeCause(error)}; it is ignored` };
}

/**
 * Free the memory of a payload that `readFrame` returned, once nothing is read from it any more:
 * it and every view of it are empty afterwards. V8 frees a large buffer when its object is
 * collected, and the object of one that outlived the build's first collections waits for a full
 * one: the kept cards of 100,000 members (~100 MB) were still held when the team page was
 * joined and written, the build's peak.
 */
export function releaseFrame(payload: Buffer): void {
  const memory = payload.buffer;
  if (memory.byteLength === 0 || memory instanceof SharedArrayBuffer) return;
  // Handing the memory to a copy that nothing keeps detaches it here; the copy goes at the next
  // collection of young objects, which comes soon in a build.
  structuredClone(memory, { transfer: [memory] });
}

/**
 * The payload of a frame: bytes, parts written one after another without joining them, or a
 * writer that hands its bytes over in pieces (each piece is written before the next is asked for,
 * so a large payload need never be whole in memory).
 */
type FramePayload = Uint8Array | readonly Uint8Array[] | ((write: (bytes: Uint8Array) => void) => void);

/**
 * Write `payload` in a frame to `file`, replacing it in one step. Returns a problem for a person
 * (naming `shown` and the cause) or `undefined`; never throws and never leaves a partial file
 * behind under any name it would read.
 */
export function writeFrame(file: string, shown: string, payload: FramePayload, kind: FrameKind = PARSE_CACHE): string | undefined {
  const produce = typeof payload === "function" ? payload : (write: (bytes: Uint8Array) => void): void => partsOf(payload).forEach(write);
  const dir = path.dirname(file);
  // A name no other writer uses (two CI jobs on one shared folder may even share a process id),
  // opened exclusively: a link planted under it cannot redirect the write.
  const temporary = path.join(dir, `${path.basename(file)}.${process.pid}-${randomBytes(6).toString("hex")}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    makeFolder(dir);
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o644);
    created = true;
    const header = Buffer.alloc(HEADER_BYTES);
    // The header goes in last, in its place: the payload's length and CRC-32 are known once it is written.
    writeAll(fd, header);
    const out = fd;
    let length = 0;
    let crc = 0;
    produce((bytes) => {
      writeAll(out, bytes);
      length += bytes.length;
      crc = crc32(bytes, crc);
    });
    TAG.copy(header);
    header.writeBigUInt64LE(BigInt(length), TAG.length);
    header.writeUInt32LE(crc, TAG.length + 8);
    writeAll(fd, header, 0);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, file);
    created = false;
    removeAbandoned(dir, path.basename(file));
    return undefined;
  } catch (error) {
    return `${kind.what} cannot be written to ${shown}: ${describeCause(error)}; ${kind.lost}`;
  } finally {
    if (fd !== undefined) closeQuietly(fd);
    if (created) {
      try {
        unlinkSync(temporary);
      } catch {
        // Gone already, or the folder refuses even that: the name is never read as the cache.
      }
    }
  }
}

/**
 * `mkdir -p` that fails with the real cause: Node's recursive `mkdirSync` reports ENOENT for a
 * folder on a read-only file system, where the cause is EROFS.
 */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") {
      if (statSync(dir).isDirectory()) return;
      throw Object.assign(new Error(`not a folder: ${dir}`), { code: "ENOTDIR" });
    }
    const parent = path.dirname(dir);
    if (code !== "ENOENT" || parent === dir) throw error;
    makeFolder(parent);
    mkdirSync(dir);
  }
}

function partsOf(payload: Uint8Array | readonly Uint8Array[]): readonly Uint8Array[] {
  return payload instanceof Uint8Array ? [payload] : payload;
}

/** `bytes` written at the file's position, or at `position` in it. */
function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at, position === undefined ? null : position + at);
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The descriptor is released either way.
  }
}

/** Remove temporary files of `base` left by writers killed long ago (never a running one's). */
function removeAbandoned(dir: string, base: string): void {
  try {
    const before = Date.now() - ABANDONED_MS;
    for (const name of readdirSync(dir)) {
      if (!name.startsWith(`${base}.`) || !name.endsWith(".tmp")) continue;
      const full = path.join(dir, name);
      const info = lstatSync(full, { throwIfNoEntry: false });
      if (info?.isFile() && info.mtimeMs < before) unlinkSync(full);
    }
  } catch {
    // Tidying is a courtesy; the cache itself is written.
  }
}
