/**
 * The one YAML parser of the project (team-member files and page front matter alike).
 *
 * js-yaml 4 is used on purpose: real handbook files hold multi-line single-quoted scalars whose
 * continuation lines start at column 1; js-yaml 4 (like Ruby's parser) accepts them, js-yaml 5 and
 * the `yaml` package reject them. The core schema keeps dates as strings and has no merge keys,
 * so what we validate is plain JSON data.
 */
import { load, CORE_SCHEMA, YAMLException } from "js-yaml";
import { location } from "vfile-location";
import type { FieldPath, Located, SourceNode, SourcePoint } from "./source.js";
import { explainSyntaxError, placeInText } from "./syntax-errors.js";
import { UNSAFE_KEYS } from "./unsafe-keys.js";

/** A problem the parser found that does not stop it. */
export type YamlNotice = ContinuationNotice | UnsafeKeyNotice;

/** A quoted scalar whose continuation lines start at column 1 (see `noteContinuation`). */
interface ContinuationNotice {
  readonly point: SourcePoint;
  readonly kind: "unindented-continuation";
  /** Line (1-based) of the first continuation line that starts at column 1. */
  readonly continuationLine: number;
}

/** A `__proto__` or `constructor` key, removed from the value (see `measureAndClean`). */
interface UnsafeKeyNotice {
  readonly point: SourcePoint;
  readonly kind: "unsafe-key";
  /** Path of the removed key, ending with the key. */
  readonly path: FieldPath;
}

export interface ParsedYaml {
  readonly value: unknown;
  readonly source: SourceNode | undefined;
  readonly notices: readonly YamlNotice[];
}

/** A YAML syntax error in plain words, on the line to change, with what to write instead. */
export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly point: SourcePoint | undefined,
    readonly hint?: string,
    /** The parser's own words. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = "YamlSyntaxError";
  }
}

/**
 * A document refused because reading it further would cost too much: `depth` (values nested
 * deeper than `maxDepth`) or `aliases` (aliases expand it beyond `maxExpandedSize`).
 */
export class YamlLimitError extends YamlSyntaxError {
  constructor(
    readonly limit: "depth" | "aliases",
    message: string,
    point: SourcePoint | undefined,
  ) {
    super(message, point);
    this.name = "YamlLimitError";
  }
}

interface ParseYamlOptions {
  /** Nesting deeper than this is refused (protects against stack exhaustion). Default 64. */
  readonly maxDepth?: number;
  /**
   * Largest size the value may reach once every alias is expanded, counted in characters of the
   * equivalent JSON. Default: 65,536 plus ten times the length of the text, which a document
   * without aliases cannot reach. The parser shares aliased values, so a small file can stand for
   * a value of billions of nodes ("billion laughs"); anything that later walks it (validation,
   * copying, JSON output) would not finish.
   */
  readonly maxExpandedSize?: number;
  /**
   * Record source positions. Default true. `"errors"` records only where each value opens, which
   * is what a syntax error's place needs, and `"notices"` adds the places of quoted text continued
   * at column 1: each at a fraction of the cost of every value's position.
   */
  readonly positions?: boolean | "errors" | "notices";
}

interface Frame {
  readonly open: number;
  readonly children: Child[];
}

interface Child {
  readonly start: number;
  readonly kind: string | null;
  readonly result: unknown;
  readonly node: SourceNode;
}

/** Lines and columns of a text's offsets, worked out as far as asked (vfile-location). */
interface Places {
  point(offset: number): SourcePoint;
  /** The offset where `line` starts, if the text has that line. */
  lineStart(line: number): number | undefined;
}

// vfile-location breaks lines at LF, CRLF and a lone CR, as YAML does.
function places(text: string): Places {
  const place = location(text);
  return {
    point(offset) {
      const p = place.toPoint(offset);
      return p ? { line: p.line, column: p.column } : { line: 1, column: 1 };
    },
    lineStart: (line) => place.toOffset({ line, column: 1 }),
  };
}

/** What js-yaml refuses as "non-printable": C0 and C1 controls other than whitespace, non-characters, lone surrogates. */
const NON_PRINTABLE =
  // eslint-disable-next-line no-control-regex -- matching these control characters is the point
  /[\x00-\x08\v\f\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The parser opens a node before skipping the blanks and comments that precede it. */
function skipBlanks(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i += 1;
    else if (c === 0x23 /* # */) {
      // To the comment's line end, LF or a lone CR: searching for one that the file lacks would read to its end each time.
      while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i += 1;
    } else break;
  }
  return i;
}

function buildNode(at: Places, frame: Frame, start: number, kind: string | null, result: unknown): SourceNode {
  const point = at.point(start);
  const { children } = frame;
  if (kind === "mapping" && result !== null && typeof result === "object" && !Array.isArray(result)) {
    const keys = Object.keys(result);
    // Keys and values alternate among the children; anything else (explicit `?` keys, odd
    // layouts) leaves the mapping without child positions rather than with wrong ones.
    if (children.length === keys.length * 2) {
      const entries = new Map<string, SourceNode>();
      for (let i = 0; i < keys.length; i += 1) {
        const keyChild = children[2 * i];
        const valueChild = children[2 * i + 1];
        if (!keyChild || !valueChild || String(keyChild.result) !== keys[i]) return { start: point };
        // A missing value is opened right after the colon: point at the key instead.
        const valueStart = valueChild.result === null && valueChild.kind === null ? keyChild.node.start : valueChild.node.start;
        entries.set(keys[i] as string, { ...valueChild.node, start: valueStart, key: keyChild.node.start });
      }
      return { start: point, entries };
    }
    return { start: point };
  }
  if (kind === "sequence" && Array.isArray(result) && children.length === result.length) {
    return { start: point, items: children.map((c) => c.node) };
  }
  return { start: point };
}

/**
 * The `YamlSyntaxError` for what js-yaml threw: a control character, nesting too deep, or a syntax
 * error explained. `openedAt` is where the value being read opened (-1 at the top).
 */
function loadFailure(error: unknown, text: string, starts: () => Places, openedAt: number, maxDepth: number): YamlSyntaxError {
  if (error instanceof YAMLException) {
    // Not every exception has a mark, whatever its type says.
    const mark = (error as { mark?: { position: number } }).mark;
    const reason = error.reason || error.message;
    if (/non-printable characters/.test(reason)) {
      const bad = NON_PRINTABLE.exec(text);
      if (bad) {
        const code = (bad[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, "0");
        const place = starts().point(bad.index);
        return new YamlSyntaxError(
          `line ${place.line} holds the invisible control character U+${code}, which YAML does not allow`,
          place,
          `remove the character at column ${place.column} of line ${place.line}; ` +
            `most editors do not show it, so retype the text around it`,
          reason,
        );
      }
    }
    if (/exceeded maxDepth/.test(reason)) {
      return new YamlLimitError(
        "depth",
        `values nest more than ${maxDepth} levels deep`,
        placeInText(text, mark ? starts().point(Math.min(mark.position, text.length)) : undefined),
      );
    }
    // js-yaml ends the text with a line break of its own; a place past the text is its end.
    const at = mark ? starts().point(Math.min(mark.position, text.length)) : undefined;
    // The quoted value being read when the text ended: where it opens is the place to fix.
    const open = openedAt === -1 ? -1 : skipBlanks(text, openedAt);
    const openQuote = open !== -1 && (text[open] === '"' || text[open] === "'") ? starts().point(open) : undefined;
    const explained = explainSyntaxError(text, { reason, mark: at, openQuote });
    return new YamlSyntaxError(explained.message, explained.point, explained.hint, reason);
  }
  if (error instanceof RangeError) {
    // Deep recursion in the parser itself: report it as the YAML problem it is.
    return new YamlLimitError("depth", "values nest too deeply to be read", undefined);
  }
  return new YamlSyntaxError(error instanceof Error ? error.message : String(error), undefined);
}

/**
 * Parse one YAML document, keeping the source position of every value.
 * Throws `YamlSyntaxError` (never anything else) for text that is not YAML.
 */
export function parseYaml(input: string, options: ParseYamlOptions = {}): ParsedYaml {
  // js-yaml drops a byte order mark before it counts offsets; drop it here too, so that offsets agree.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const maxDepth = options.maxDepth ?? 64;
  const withPositions = options.positions ?? true;
  // Lines are needed only for positions and problems: indexed on first use.
  let placesOfText: Places | undefined;
  const starts = (): Places => (placesOfText ??= places(text));
  const stack: Frame[] = [{ open: 0, children: [] }];
  const notices: YamlNotice[] = [];
  const aliases: { start: number; value: unknown }[] = [];

  const listener = (event: "open" | "close", state: { position: number; result: unknown; kind: string | null; input: string }): void => {
    if (event === "open") {
      stack.push({ open: state.position, children: [] });
      return;
    }
    const frame = stack.pop() as Frame;
    const start = skipBlanks(text, frame.open);
    if (text.charCodeAt(start) === 0x2a /* * */) aliases.push({ start, value: state.result });
    const scalar = state.kind === "scalar" && typeof state.result === "string";
    if (withPositions !== "errors" && scalar) noteContinuation(text, starts(), start, state.position, notices);
    if (withPositions === "errors" || withPositions === "notices") return;
    const node = buildNode(starts(), frame, start, state.kind, state.result);
    stack[stack.length - 1]?.children.push({ start, kind: state.kind, result: state.result, node });
  };

  let value: unknown;
  try {
    value = load(text, {
      schema: CORE_SCHEMA,
      json: false,
      // maxDepth exists in js-yaml ≥ 4.1.1 but is missing from its type definitions.
      ...({ maxDepth } as object),
      ...(withPositions ? { listener } : {}),
    });
  } catch (error) {
    // The value being read when the parser stopped: an unclosed quote opens there.
    throw loadFailure(error, text, starts, stack.length > 1 ? (stack[stack.length - 1] as Frame).open : -1, maxDepth);
  }
  const root = stack[0]?.children.at(-1)?.node;

  const limit = options.maxExpandedSize ?? 65_536 + 10 * text.length;
  // Without an alias (`*`) nothing expands, and without the words (nor an escape, which could
  // spell them) no key is unsafe: most files need no walk at all. The default limit is out of
  // reach of a document without aliases.
  if (
    options.maxExpandedSize === undefined &&
    !text.includes("*") &&
    !text.includes("\\") &&
    !UNSAFE_KEYS.some((key) => text.includes(key))
  ) {
    return { value, source: root, notices };
  }
  const { size, weights } = measureAndClean(value, (path) => {
    notices.push({ kind: "unsafe-key", path, point: locateKey(root, path) ?? root?.start ?? { line: 1, column: 1 } });
  });
  if (size > limit) {
    // Point at the alias that expands the most: usually the one use of the bomb's top anchor.
    let worst: { start: number; size: number } | undefined;
    for (const alias of aliases) {
      const aliasSize = alias.value !== null && typeof alias.value === "object" ? (weights.get(alias.value) ?? 0) : scalarSize(alias.value);
      if (!worst || aliasSize > worst.size) worst = { start: alias.start, size: aliasSize };
    }
    throw new YamlLimitError(
      "aliases",
      `aliases (\`*name\`) expand this document to ${describeSize(size)} characters, more than the ${describeSize(limit)} allowed`,
      worst ? starts().point(worst.start) : undefined,
    );
  }
  return { value, source: root, notices };
}

function scalarSize(value: unknown): number {
  return typeof value === "string" ? value.length + 2 : String(value).length;
}

function describeSize(size: number): string {
  if (!Number.isFinite(size) || size >= 1e15) return "an astronomical number of";
  return Math.round(size).toLocaleString("en");
}

/**
 * Size of the value as JSON with every alias expanded, computed once per distinct node so that it
 * costs as much as the text, not as much as the expansion. The same walk removes `UNSAFE_KEYS`
 * (js-yaml creates `__proto__` as a plain own property): a deep merge that copies them, as
 * Eleventy's data cascade does with front matter, writes into `Object.prototype`. Iterative,
 * because callers may allow deep nesting.
 */
function measureAndClean(root: unknown, onUnsafeKey: (path: FieldPath) => void): { size: number; weights: Map<object, number> } {
  const weights = new Map<object, number>();
  if (root === null || typeof root !== "object") return { size: scalarSize(root), weights };
  interface Walk {
    readonly value: object;
    readonly path: FieldPath;
    readonly keys: readonly (string | number)[];
    readonly isArray: boolean;
    index: number;
    size: number;
  }
  const active = new Set<object>();
  const stack: Walk[] = [];
  const enter = (value: object, path: FieldPath): void => {
    const isArray = Array.isArray(value);
    if (!isArray) {
      for (const key of UNSAFE_KEYS) {
        if (Object.hasOwn(value, key)) {
          Reflect.deleteProperty(value, key);
          onUnsafeKey([...path, key]);
        }
      }
    }
    const keys = isArray ? Array.from({ length: (value as unknown[]).length }, (_, i) => i) : Object.keys(value);
    active.add(value);
    stack.push({ value, path, keys, isArray, index: 0, size: 2 });
  };
  enter(root, []);
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Walk;
    if (top.index < top.keys.length) {
      const key = top.keys[top.index] as string | number;
      const child = (top.value as Record<string | number, unknown>)[key];
      const overhead = top.isArray ? 1 : String(key).length + 4;
      if (child !== null && typeof child === "object") {
        const known = weights.get(child);
        if (known === undefined) {
          if (active.has(child)) {
            // A value containing itself would expand forever.
            top.size = Infinity;
            top.index += 1;
          } else enter(child, [...top.path, key]);
          continue;
        }
        top.size += overhead + known;
      } else top.size += overhead + scalarSize(child);
      top.index += 1;
    } else {
      weights.set(top.value, top.size);
      active.delete(top.value);
      stack.pop();
    }
  }
  return { size: weights.get(root) ?? 0, weights };
}

/**
 * A quoted scalar whose continuation lines start at column 1 loads here, but js-yaml 5 and the
 * `yaml` package reject it; note it so contributors can fix it before a parser upgrade.
 */
function noteContinuation(text: string, at: Places, start: number, end: number, notices: YamlNotice[]): void {
  const quote = text.charCodeAt(start);
  if (quote !== 0x27 && quote !== 0x22) return;
  // Most quoted values stay on their line: read the value itself, never past its end.
  let breaks = false;
  for (let i = start + 1; i < end && !breaks; i += 1) breaks = text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d;
  if (!breaks) return;
  const first = at.point(start);
  if (first.column === 1) return;
  const last = at.point(Math.max(start, end - 1));
  for (let line = first.line + 1; line <= last.line; line += 1) {
    const lineStart = at.lineStart(line);
    if (lineStart === undefined) break;
    const c = text.charCodeAt(lineStart);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && lineStart < end) {
      notices.push({ point: first, kind: "unindented-continuation", continuationLine: line });
      return;
    }
  }
}

/** Find where the value at `path` stands; falls back to the nearest ancestor that has a place. */
export function locate(root: SourceNode | undefined, path: FieldPath): Located | undefined {
  if (!root) return undefined;
  let node = root;
  for (const step of path) {
    const next = typeof step === "number" ? node.items?.[step] : node.entries?.get(step);
    if (!next) return { point: node.start, exact: false };
    node = next;
  }
  return { point: node.start, exact: true };
}

/** Where the key of the entry at `path` stands (or the value, when it has no key). */
export function locateKey(root: SourceNode | undefined, path: FieldPath): SourcePoint | undefined {
  if (!root) return undefined;
  let node = root;
  for (const step of path) {
    const next = typeof step === "number" ? node.items?.[step] : node.entries?.get(step);
    if (!next) return node.key ?? node.start;
    node = next;
  }
  return node.key ?? node.start;
}

/** Turn a path into the field name contributors read: `departments[1]`, `borrow.end_date`. */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const step of path) out += typeof step === "number" ? `[${step}]` : out ? `.${step}` : step;
  return out;
}
