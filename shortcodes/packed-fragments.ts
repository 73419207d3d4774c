/**
 * Many small fragments (members' cards) as a few flat lists, for a file: `v8.deserialize` reads
 * back two lists of strings and two of numbers far faster than 20,000 objects of five lists each,
 * and the fragments are made again only when a page asks for them.
 */
import { isStringList } from "../plugin/team/cache/stored-check.js";
import type { HtmlFragment } from "./html-writer.js";

/** Per fragment: its chunks, holes, ids, anchors, and whether it has a last heading. */
const SHAPE = 5;

export interface PackedFragments {
  /** Every fragment's chunks, one after another. */
  readonly chunks: readonly string[];
  /** Every fragment's headings, ids, anchors and last heading (if any), in that order. */
  readonly strings: readonly string[];
  /** Every fragment's holes, one after another. */
  readonly holes: Uint32Array;
  /** `SHAPE` counts per fragment. */
  readonly shape: Uint32Array;
}

export function packFragments(fragments: readonly HtmlFragment[]): PackedFragments {
  const chunks: string[] = [];
  const strings: string[] = [];
  const holes: number[] = [];
  const shape = new Uint32Array(fragments.length * SHAPE);
  fragments.forEach((fragment, index) => {
    chunks.push(...fragment.chunks);
    holes.push(...fragment.holes);
    strings.push(...fragment.headings, ...fragment.ids, ...fragment.anchors);
    if (fragment.lastHeading !== undefined) strings.push(fragment.lastHeading);
    const last = fragment.lastHeading === undefined ? 0 : 1;
    shape.set([fragment.chunks.length, fragment.holes.length, fragment.ids.length, fragment.anchors.length, last], index * SHAPE);
  });
  return { chunks, strings, holes: Uint32Array.from(holes), shape };
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
  const { chunks, strings, holes, shape } = packed as Partial<Record<keyof PackedFragments, unknown>>;
  if (!isStringList(chunks) || !isStringList(strings) || !(holes instanceof Uint32Array) || !(shape instanceof Uint32Array))
    return undefined;
  if (shape.length % SHAPE !== 0) return undefined;
  const count = shape.length / SHAPE;
  const starts = startsOf(shape);
  if (starts.chunk[count] !== chunks.length || starts.hole[count] !== holes.length || starts.string[count] !== strings.length) {
    return undefined;
  }
  return (index) => {
    if (!(Number.isInteger(index) && index >= 0 && index < count)) return undefined;
    const counts = countsOf(shape, index);
    const holeAt = starts.hole[index] ?? 0;
    const own = [...holes.subarray(holeAt, holeAt + counts.holes)];
    if (own.some((hole, i) => hole === 0 || hole >= counts.chunks || hole <= (own[i - 1] ?? 0))) return undefined;
    const chunkAt = starts.chunk[index] ?? 0;
    let at = starts.string[index] ?? 0;
    const take = (n: number): readonly string[] => Object.freeze(strings.slice(at, (at += n)));
    return Object.freeze({
      type: "htmlFragment",
      chunks: Object.freeze(chunks.slice(chunkAt, chunkAt + counts.chunks)),
      holes: Object.freeze(own),
      headings: take(counts.holes),
      ids: take(counts.ids),
      anchors: take(counts.anchors),
      lastHeading: counts.last === 1 ? strings[at] : undefined,
    });
  };
}
