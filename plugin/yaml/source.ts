/** Places in a YAML source, shared by the parser and the syntax-error explanations (neither imports the other for them). */

/** A 1-based place in a source file. */
export interface SourcePoint {
  readonly line: number;
  readonly column: number;
}

/** Where a value (and, for a mapping entry, its key) stands in the source. */
export interface SourceNode {
  readonly start: SourcePoint;
  /** For a value inside a mapping: where its key stands. */
  readonly key?: SourcePoint;
  /** Children of a mapping, by key. */
  readonly entries?: ReadonlyMap<string, SourceNode>;
  /** Children of a sequence, by index. */
  readonly items?: readonly SourceNode[];
}

export type FieldPath = readonly (string | number)[];

export interface Located {
  readonly point: SourcePoint;
  /** True when the point is the value itself; false when it is the nearest ancestor. */
  readonly exact: boolean;
}
