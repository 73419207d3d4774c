/**
 * Many small fragments (members' cards) as a few flat lists, for a file: `v8.deserialize` reads
 * back one block of text, a list of strings and a few of numbers far faster than 20,000 objects of
 * five lists each, and the fragments are made again only when a page asks for them.
 *
 * The HTML is kept as UTF-8 bytes, not as strings: V8 writes a string whose characters all fit in
 * one byte with two all the same when it was cut from text that did not (a value of a file with one
 * emoji in it), so the cards of a team took about twice their size in the file and in memory.
 */
import { isStringList } from "../plugin/team/cache/stored-check.js";
import { isWellFormed } from "../plugin/text/surrogates.js";
import { NONE, type HtmlFragment } from "./html-writer.js";

/** Per fragment: its chunks, holes, ids, anchors, and whether it has a last heading. */
const SHAPE = 5;

/** `PackedFragments` without the text, which a file writes after them in pieces (see `writeText`). */
export interface PackedLists {
  /** Per chunk: where it ends in `text`. */
  readonly ends: Uint32Array;
  /** Per chunk: 1 when it is UTF-16 (it holds half a surrogate pair, which UTF-8 cannot), else 0. */
  readonly wide: Uint8Array;
  /** Every fragment's headings, ids, anchors and last heading (if any), in that order. */
  readonly strings: readonly string[];
  /** Every fragment's holes, one after another. */
  readonly holes: Uint32Array;
  /** `SHAPE` counts per fragment. */
  readonly shape: Uint32Array;
}

export interface PackedFragments extends PackedLists {
  /** Every fragment's chunks, one after another: UTF-8, or UTF-16 for a chunk UTF-8 cannot hold. */
  readonly text: Uint8Array;
}

/** The fragments' lists, and their chunks in order, whose text `writeText` writes. */
export function packLists(fragments: readonly HtmlFragment[]): { readonly lists: PackedLists; readonly chunks: readonly string[] } {
  const chunks: string[] = [];
  const strings: string[] = [];
  const holes: number[] = [];
  const shape = new Uint32Array(fragments.length * SHAPE);
  fragments.forEach((fragment, index) => {
    for (const chunk of fragment.chunks) chunks.push(chunk);
    for (const hole of fragment.holes) holes.push(hole);
    strings.push(...fragment.headings, ...fragment.ids, ...fragment.anchors);
    if (fragment.lastHeading !== undefined) strings.push(fragment.lastHeading);
    const last = fragment.lastHeading === undefined ? 0 : 1;
    shape.set([fragment.chunks.length, fragment.holes.length, fragment.ids.length, fragment.anchors.length, last], index * SHAPE);
  });
  const wide = Uint8Array.from(chunks, (chunk) => (isWellFormed(chunk) ? 0 : 1));
  const ends = new Uint32Array(chunks.length);
  let size = 0;
  chunks.forEach((chunk, i) => (ends[i] = size += wide[i] === 1 ? chunk.length * 2 : Buffer.byteLength(chunk, "utf8")));
  return { lists: { ends, wide, strings, holes: Uint32Array.from(holes), shape }, chunks };
}

/** Bytes of text handed to `write` at a time: the cards of 100,000 members are ~90 MB of it. */
const PIECE_BYTES = 1 << 20;

/**
 * The chunks' text as `PackedFragments.text` holds it, handed to `write` in pieces of about a
 * megabyte, each in the same buffer (`write` uses it before it returns): a file gets the text
 * without the whole of it being made in memory first.
 */
export function writeText(chunks: readonly string[], lists: PackedLists, write: (bytes: Uint8Array) => void): void {
  const piece = Buffer.allocUnsafe(PIECE_BYTES);
  let at = 0;
  let start = 0;
  chunks.forEach((chunk, i) => {
    const length = (lists.ends[i] as number) - start;
    start = lists.ends[i] as number;
    const encoding = lists.wide[i] === 1 ? "utf16le" : "utf8";
    if (length > PIECE_BYTES) {
      if (at > 0) write(piece.subarray(0, at));
      at = 0;
      write(Buffer.from(chunk, encoding));
      return;
    }
    if (at + length > PIECE_BYTES) {
      write(piece.subarray(0, at));
      at = 0;
    }
    at += piece.write(chunk, at, encoding);
  });
  if (at > 0) write(piece.subarray(0, at));
}

/** The fragments packed whole, text and all (for a small file, or a test). */
export function packFragments(fragments: readonly HtmlFragment[]): PackedFragments {
  const { lists, chunks } = packLists(fragments);
  const pieces: Buffer[] = [];
  writeText(chunks, lists, (bytes) => pieces.push(Buffer.from(bytes)));
  return { ...lists, text: Buffer.concat(pieces) };
}

interface Counts {
  readonly chunks: number;
  readonly holes: number;
  readonly ids: number;
  readonly anchors: number;
  readonly last: number;
}

/** The `SHAPE` counts of fragment `index`. */
function countsOf(shape: Uint32Array, index: number): Counts {
  const [chunks = 0, holes = 0, ids = 0, anchors = 0, last = 0] = shape.subarray(index * SHAPE, index * SHAPE + SHAPE);
  return { chunks, holes, ids, anchors, last };
}

/** Where each fragment starts in `chunks`, `holes` and `strings`, and where the last one ends. */
function startsOf(shape: Uint32Array): { chunk: Float64Array; hole: Float64Array; string: Float64Array } {
  const count = shape.length / SHAPE;
  const starts = { chunk: new Float64Array(count + 1), hole: new Float64Array(count + 1), string: new Float64Array(count + 1) };
  let chunk = 0;
  let hole = 0;
  let string = 0;
  for (let i = 0; i < count; i++) {
    const counts = countsOf(shape, i);
    starts.chunk[i + 1] = chunk += counts.chunks;
    starts.hole[i + 1] = hole += counts.holes;
    starts.string[i + 1] = string += counts.holes + counts.ids + counts.anchors + counts.last;
  }
  return starts;
}

/**
 * The fragments of `packed` (a value read back from a file), each made on first use; `undefined`
 * when the lists do not add up, or for a fragment whose holes are not between its chunks.
 */
export function unpackFragments(packed: unknown): ((index: number) => HtmlFragment | undefined) | undefined {
  if (typeof packed !== "object" || packed === null) return undefined;
  const { text, ends, wide, strings, holes, shape } = packed as Partial<Record<keyof PackedFragments, unknown>>;
  if (!(text instanceof Uint8Array) || !(ends instanceof Uint32Array) || !(wide instanceof Uint8Array)) return undefined;
  if (!isStringList(strings) || !(holes instanceof Uint32Array) || !(shape instanceof Uint32Array)) return undefined;
  if (shape.length % SHAPE !== 0 || wide.length !== ends.length || !endsWithin(ends, wide, text.length)) return undefined;
  const count = shape.length / SHAPE;
  const starts = startsOf(shape);
  if (starts.chunk[count] !== ends.length || starts.hole[count] !== holes.length || starts.string[count] !== strings.length) {
    return undefined;
  }
  const bytes = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  // Made for each of thousands of cards a page asks for: plain loops, and the one empty list for
  // every empty one, rather than a view and a list per call.
  const chunkAt = (i: number): string => bytes.toString(wide[i] === 1 ? "utf16le" : "utf8", i === 0 ? 0 : ends[i - 1], ends[i]);
  const listOf = <T>(from: number, length: number, item: (at: number) => T): readonly T[] => {
    if (length === 0) return NONE;
    const list = new Array<T>(length);
    for (let i = 0; i < length; i += 1) list[i] = item(from + i);
    return Object.freeze(list);
  };
  const stringAt = (at: number): string => strings[at] as string;
  return (index) => {
    if (!(Number.isInteger(index) && index >= 0 && index < count)) return undefined;
    const at = index * SHAPE;
    const chunkCount = shape[at] as number;
    const holeCount = shape[at + 1] as number;
    const idCount = shape[at + 2] as number;
    const anchorCount = shape[at + 3] as number;
    const holeAt = starts.hole[index] as number;
    for (let i = 0, previous = 0; i < holeCount; i += 1) {
      const hole = holes[holeAt + i] as number;
      if (hole === 0 || hole >= chunkCount || hole <= previous) return undefined;
      previous = hole;
    }
    let string = starts.string[index] as number;
    const headings = listOf(string, holeCount, stringAt);
    const ids = listOf((string += holeCount), idCount, stringAt);
    const anchors = listOf((string += idCount), anchorCount, stringAt);
    string += anchorCount;
    return Object.freeze({
      type: "htmlFragment",
      chunks: listOf(starts.chunk[index] as number, chunkCount, chunkAt),
      holes: listOf(holeAt, holeCount, (i) => holes[i] as number),
      headings,
      ids,
      anchors,
      lastHeading: shape[at + 4] === 1 ? strings[string] : undefined,
    });
  };
}

/** Whether chunk ends never go back, stay within `length` bytes, and leave UTF-16 chunks whole. */
function endsWithin(ends: Uint32Array, wide: Uint8Array, length: number): boolean {
  let start = 0;
  for (let i = 0; i < ends.length; i += 1) {
    const end = ends[i] as number;
    if (end < start || end > length || (wide[i] === 1 && (end - start) % 2 !== 0) || (wide[i] as number) > 1) return false;
    start = end;
  }
  return true;
}
