/**
 * Shortcode output written as HTML text, escaped by construction: every text and attribute value
 * goes through the escaping the page's own serializer (hast-util-to-html) applies, so output
 * written here reads exactly as the same tree serialized would. A directory of thousands of
 * members is a few string joins, not a tree built, walked and serialized on every page.
 *
 * The writer also records what the page needs to know of the output without reading it again:
 * its ids, its in-page links, its headings.
 */
import { escapeAttribute, escapeTextValue } from "../plugin/html/escape.js";
import { holdsBeyondLatin1, oneByteCopy } from "../plugin/text/one-byte.js";
import { AppendList, NONE } from "./append-list.js";

export { NONE };

/** HTML this module wrote (or serialized from a tree): safe to put in a page as it is. */
export type Markup = string & { readonly __markup: true };

/** Attribute values; `true` writes a bare attribute (`hidden`), `undefined` none. Written in the given order. */
type Attributes = Readonly<Record<string, string | true | undefined>>;

/**
 * Finished shortcode output, as HTML text with what the page steps need from it. A heading the
 * output leaves without an id takes one from the page (Hugo's ids, when the page gives headings
 * ids): `holes` say where those headings' id attributes go. The text stays in the pieces it was
 * written in, shared with the members' cards it was assembled from, until the page joins it once.
 */
export interface HtmlFragment {
  readonly type: "htmlFragment";
  /** The HTML, in pieces. */
  readonly chunks: readonly string[];
  /** For each heading that takes the page's id, the index of the chunk its id attribute goes before. */
  readonly holes: readonly number[];
  /** Visible text of each heading that takes the page's id, in document order. */
  readonly headings: readonly string[];
  /** Every `id` written, in document order. */
  readonly ids: readonly string[];
  /** Every link `href` holding a `#`, in document order (for the page's anchor check). */
  readonly anchors: readonly string[];
  /** Text of the last heading not inside another heading, if any (it names iframes after it). */
  readonly lastHeading: string | undefined;
}

export function isHtmlFragment(value: unknown): value is HtmlFragment {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "htmlFragment";
}

// A fragment's HTML without heading ids, for templates that put the same page in place again.
const plainHtml = new WeakMap<HtmlFragment, string>();

/** The fragment's HTML, its headings given `headingIds` (one per heading; none leaves them without). */
export function fragmentHtml(fragment: HtmlFragment, headingIds?: readonly string[]): string {
  if (fragment.chunks.length === 1) return fragment.chunks[0] ?? "";
  if (headingIds === undefined || fragment.holes.length === 0) {
    let html = plainHtml.get(fragment);
    if (html === undefined) {
      html = fragment.chunks.join("");
      plainHtml.set(fragment, html);
    }
    return html;
  }
  return appendFragment(new AppendList<string>(), fragment, headingIds).items().join("");
}

/**
 * `into`, with the pieces of the fragment's HTML (its headings given `headingIds`, as in
 * `fragmentHtml`) pushed onto it: a page that joins its own pieces and a large output's (a team
 * page of 20,000 cards) copies the output's text once, into the page, not first into a string
 * of its own.
 */
export function appendFragment(into: AppendList<string>, fragment: HtmlFragment, headingIds?: readonly string[]): AppendList<string> {
  const holes = headingIds === undefined ? NONE : fragment.holes;
  if (holes.length === 0) {
    into.pushAll(fragment.chunks);
    return into;
  }
  let hole = 0;
  fragment.chunks.forEach((chunk, index) => {
    for (; holes[hole] === index; hole++) {
      const id = headingIds?.[hole];
      if (id !== undefined && id !== "") into.push(` id="${escapeAttribute(id)}"`);
    }
    into.push(chunk);
  });
  return into;
}

/** Text content, escaped. */
export function escapeText(value: string): Markup {
  return escapeTextValue(value) as Markup;
}

// Beyond `<`, `>` and `&`: every character past U+00FF (U+2028 and U+2029 among them), so that the
// text keeps one byte a character, as `escape.ts` keeps it (see there).
const jsonSpecials = /[<>&\u0100-\uffff]/g;

/** Elements without content or end tag. */
const voidElements = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
const headingTag = /^h[1-6]$/;

/** A start tag: `<a href="…">`. */
function startTag(tagName: string, attributes: Attributes = {}): Markup {
  let tag = `<${tagName}`;
  for (const name in attributes) {
    const value = attributes[name];
    if (value === undefined) continue;
    tag += value === true ? ` ${name}` : ` ${name}="${escapeAttribute(value)}"`;
  }
  return `${tag}>` as Markup;
}

/** A piece of markup with the in-page links it holds, e.g. a member's card details kept between builds. */
export interface MarkupPiece {
  readonly html: Markup;
  /** Links of the piece whose `href` holds a `#`. */
  readonly anchors: readonly string[];
}

/** `list` frozen in a list of its own length (the one empty list for every empty one). */
function fitted<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? NONE : Object.freeze(list.slice());
}

/**
 * `html` kept one byte a character. The writer writes every character beyond U+00FF as a reference
 * (see `escape.ts`), yet a piece of text cut from a value that held one (a skill from an expertise
 * list with curly quotes, a page's address from a page with a dash) is kept two bytes a character by
 * V8, and one such piece makes the whole team page so when it is joined. A piece kept for many pages
 * (a card) is copied once into one byte a character; one with a character beyond (which the writer
 * never writes) stays as it is.
 */
function oneByte(html: string): string {
  return holdsBeyondLatin1(html) ? html : oneByteCopy(html);
}

/** `text` written already (kept text) as a fragment of one chunk, with no heading, id or link. */
export function oneChunkFragment(text: string): HtmlFragment {
  return Object.freeze({
    type: "htmlFragment",
    chunks: Object.freeze([text]),
    holes: NONE,
    headings: NONE,
    ids: NONE,
    anchors: NONE,
    lastHeading: undefined,
  });
}

/**
 * Writes a fragment in document order. Ids and in-page links are recorded as their attributes are
 * written; headings go through `heading`, which leaves the id to the page when none is given.
 */
export class HtmlWriter {
  readonly #chunks = new AppendList<string>();
  readonly #holes: number[] = [];
  readonly #headings = new AppendList<string>();
  readonly #ids = new AppendList<string>();
  readonly #anchors = new AppendList<string>();
  #lastHeading: string | undefined;
  #headingNesting = 0;

  /** Start an element. */
  open(tagName: string, attributes: Attributes = {}): this {
    this.#note(tagName, attributes);
    this.#chunks.push(startTag(tagName, attributes));
    return this;
  }

  /** End an element. */
  close(tagName: string): this {
    this.#chunks.push(`</${tagName}>`);
    return this;
  }

  /** Escaped text. */
  text(value: string): this {
    this.#chunks.push(escapeText(value));
    return this;
  }

  /** An element holding only `text` (or nothing). */
  element(tagName: string, attributes: Attributes = {}, text = ""): this {
    this.open(tagName, attributes);
    if (voidElements.has(tagName)) return this;
    if (text !== "") this.text(text);
    return this.close(tagName);
  }

  /** Markup written elsewhere by these rules, with its in-page links. */
  piece(piece: MarkupPiece): this {
    this.#chunks.push(piece.html);
    for (const anchor of piece.anchors) this.#anchors.push(anchor);
    return this;
  }

  /**
   * `<script type="application/json">` holding `value`, for the page's scripts to read. In a script
   * element nothing is an entity: `<`, `>` and `&` are written as JSON escapes instead, so no text
   * in the value can end the element or start a comment.
   */
  json(attributes: Attributes, value: unknown): this {
    const json = JSON.stringify(value);
    const escaped = json.replace(jsonSpecials, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
    const text = escaped === json ? json : oneByteCopy(escaped);
    this.open("script", { type: "application/json", ...attributes });
    this.#chunks.push(text);
    return this.close("script");
  }

  /** A fragment written by another writer (a member's card kept between builds), in place. */
  fragment(fragment: HtmlFragment): this;
  /** The fragment written so far; the writer is done. */
  fragment(): HtmlFragment;
  fragment(inserted?: HtmlFragment): this | HtmlFragment {
    if (inserted === undefined) return this.#frozenFragment(this.#chunks.done(), fitted(this.#holes));
    const offset = this.#chunks.length;
    this.#chunks.pushAll(inserted.chunks);
    // An indexed loop: a team page inserts tens of thousands of cards, and an iterator per list was
    // near half of inserting them (20,000 cards: 7 against 4 ms). The other lists go in whole.
    const holes = inserted.holes;
    for (let index = 0; index < holes.length; index++) this.#holes.push(offset + (holes[index] as number));
    this.#headings.pushAll(inserted.headings);
    this.#ids.pushAll(inserted.ids);
    this.#anchors.pushAll(inserted.anchors);
    if (inserted.lastHeading !== undefined && this.#headingNesting === 0) this.#lastHeading = inserted.lastHeading;
    return this;
  }

  /**
   * The fragment written so far, its chunks joined between the headings' places: a small piece
   * kept for many pages (a member's card) costs one string, not one per tag.
   */
  keep(): HtmlFragment {
    const written = this.#chunks.items();
    const chunks: string[] = [];
    const holes: number[] = [];
    let from = 0;
    for (const hole of [...this.#holes, written.length]) {
      chunks.push(oneByte(written.slice(from, hole).join("")));
      holes.push(chunks.length);
      from = hole;
    }
    holes.pop();
    return this.#frozenFragment(fitted(chunks), fitted(holes));
  }

  /**
   * A heading whose visible text is `text`. `content` writes what is inside (default: `text`).
   * Without an `id` attribute, the page may give the heading one of its own.
   */
  heading(tagName: string, attributes: Attributes, text: string, content?: () => void): this {
    if (!headingTag.test(tagName)) throw new TypeError(`not a heading: ${tagName}`);
    if (attributes["id"] === undefined) {
      this.#note(tagName, attributes);
      this.#chunks.push(startTag(tagName, attributes).slice(0, -1));
      this.#holes.push(this.#chunks.length);
      this.#headings.push(text);
      this.#chunks.push(">");
    } else {
      this.open(tagName, attributes);
    }
    this.#headingNesting++;
    if (content) content();
    else this.text(text);
    this.#headingNesting--;
    if (this.#headingNesting === 0) this.#lastHeading = text;
    return this.close(tagName);
  }

  /** The fragment of `chunks` and `holes` (lists of their own length) with what the writer recorded, frozen. */
  #frozenFragment(chunks: readonly string[], holes: readonly number[]): HtmlFragment {
    return Object.freeze({
      type: "htmlFragment",
      chunks,
      holes,
      headings: this.#headings.done(),
      ids: this.#ids.done(),
      anchors: this.#anchors.done(),
      lastHeading: this.#lastHeading,
    });
  }

  /** What was written, as one piece of markup to reuse (its headings take no ids from a page). */
  toPiece(): MarkupPiece {
    return Object.freeze({ html: oneByte(this.#chunks.items().join("")) as Markup, anchors: this.#anchors.done() });
  }

  #note(tagName: string, attributes: Attributes): void {
    const id = attributes["id"];
    if (typeof id === "string" && id !== "") this.#ids.push(id);
    const href = attributes["href"];
    if (tagName === "a" && typeof href === "string" && href.includes("#")) this.#anchors.push(href);
  }
}
