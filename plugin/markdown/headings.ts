/**
 * Heading ids the way Hugo makes them (`markup.goldmark.parser.autoHeadingIDType: github`), so
 * that links written against the handbook keep working here, and the table of contents.
 */
import { eachElement, sealedIds, type SealedOutput } from "./walk.js";
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { headingRank } from "hast-util-heading-rank";
import { toText } from "hast-util-to-text";

export interface RenderedHeading {
  /** 1 to 6. */
  readonly depth: number;
  readonly id: string;
  /** Visible text of the heading. */
  readonly text: string;
}

const wordCharacter = /^[\p{L}\p{Nd}_]$/u;
const spaceCharacter = /^\s$/u;
// Goldmark's attribute syntax, `## Title {#custom-id}`, which Hugo enables by default.
const customId = /\{#([^\s{}]+)\}\s*$/;

/**
 * The GitHub-style id of a heading text: letters, digits and `_` lower-cased, each space and `-`
 * kept as `-`, everything else dropped (`Mentee: What to do` → `mentee-what-to-do`).
 * Letters and digits of every script count, as in Hugo.
 */
// Not github-slugger: it keeps what Hugo 0.111 drops (`Ⓐ`, `Ⅻ`, a combining accent) and gives `## 🎉` an empty id (Hugo: `heading`).
export function headingSlug(text: string): string {
  let slug = "";
  for (const character of text.trim()) {
    if (character === "-" || spaceCharacter.test(character)) slug += "-";
    else if (wordCharacter.test(character)) slug += character.toLowerCase();
  }
  return slug;
}

interface Slugger {
  /** A free id for `text`; the first `x`, then `x-1`, `x-2` … */
  slug(text: string): string;
  /** Mark an id as taken (ids written in the page or produced by shortcodes). */
  reserve(id: string): void;
  has(id: string): boolean;
}

export function createSlugger(taken: Iterable<string> = []): Slugger {
  const used = new Set(taken);
  return {
    slug(text) {
      // An empty slug is not a usable fragment; Hugo users meet this with emoji-only headings.
      const base = headingSlug(text) || "heading";
      let id = base;
      for (let suffix = 1; used.has(id); suffix++) id = `${base}-${suffix}`;
      used.add(id);
      return id;
    },
    reserve(id) {
      used.add(id);
    },
    has(id) {
      return used.has(id);
    },
  };
}

/** Every `id` already in the tree, sealed shortcode output included, in document order. */
export function collectIds(tree: Root | Element): string[] {
  const ids: string[] = [];
  eachElement(
    tree,
    (node) => {
      const id = node.properties.id;
      if (typeof id === "string" && id !== "") ids.push(id);
    },
    (output) => {
      for (const id of sealedIds(output)) ids.push(id);
    },
  );
  return ids;
}

/**
 * Give every heading an id (keeping ids written by the author, including `{#custom-id}`), and
 * report the headings that have one in document order. With `generate` false, only the ids the
 * author wrote are set. Headings in `generated` (shortcode output) get ids but
 * are not reported: they belong to a component with its own navigation (the directory's topic
 * index), and listing them would bury the page's own sections in the table of contents.
 * Sealed output is passed by, except that the headings a fragment leaves without an id get theirs
 * (in document order, as the page's own).
 */
export function addHeadingIds(tree: Root, generated: ReadonlySet<Element> = new Set(), generate = true): RenderedHeading[] {
  const slugger = createSlugger(collectIds(tree));
  const headings: RenderedHeading[] = [];

  const giveIds = (output: SealedOutput): void => {
    const { sealed } = output.data;
    if (generate && sealed.fragment.headings.length > 0) sealed.headingIds = sealed.fragment.headings.map((text) => slugger.slug(text));
  };
  eachElement(
    tree,
    (node) => {
      const depth = headingRank(node);
      if (depth === undefined) return;

      let id = node.properties.id;
      if (typeof id !== "string" || id === "") {
        // An id the author wrote (`{#custom-id}`) is theirs, with or without generated ids.
        const custom = takeCustomId(node);
        if (custom !== undefined && !slugger.has(custom)) {
          slugger.reserve(custom);
          id = custom;
        } else if (generate) {
          id = slugger.slug(toText(node));
        } else {
          return;
        }
        node.properties.id = id;
      }
      if (!generated.has(node)) headings.push({ depth, id, text: toText(node).trim() });
    },
    giveIds,
  );

  return headings;
}

/** Whether the heading's last text ends in `{#id}` (which `addHeadingIds` takes as its id). */
export function endsInCustomId(node: Element): boolean {
  const last = node.children[node.children.length - 1];
  return last !== undefined && last.type === "text" && customId.test(last.value);
}

/** Remove a trailing `{#id}` from the heading's last text and return the id. */
function takeCustomId(node: Element): string | undefined {
  const last = node.children[node.children.length - 1];
  if (!last || last.type !== "text") return undefined;
  const match = customId.exec(last.value);
  if (!match) return undefined;
  last.value = last.value.slice(0, match.index).trimEnd();
  return match[1];
}

interface TocOptions {
  /** Heading text and accessible name of the navigation. */
  title: string;
  /** A free id for the title, from the page's slugger. */
  titleId: string;
}

/**
 * A `<nav class="toc">` listing the h2 and h3 headings, h3 nested under the h2 before them.
 * Items hold the plain heading text: copying the heading's markup could nest links.
 * Returns undefined when there is nothing to list.
 */
export function createToc(headings: readonly RenderedHeading[], options: TocOptions): Element | undefined {
  const listed = headings.filter((heading) => heading.depth === 2 || heading.depth === 3);
  if (listed.length === 0) return undefined;

  const top: Element[] = [];
  let parent: { item: Element; sub: Element[] } | undefined;
  const groups: { item: Element; sub: Element[] }[] = [];

  for (const heading of listed) {
    const item = h("li", [h("a", { href: `#${heading.id}` }, heading.text)]);
    if (heading.depth === 3 && parent) {
      parent.sub.push(item);
    } else {
      top.push(item);
      if (heading.depth === 2) {
        parent = { item, sub: [] };
        groups.push(parent);
      }
    }
  }

  for (const group of groups) {
    if (group.sub.length > 0) group.item.children.push(h("ul", group.sub));
  }

  return h("nav", { className: ["toc"], ariaLabelledBy: options.titleId }, [h("h2", { id: options.titleId }, options.title), h("ul", top)]);
}

/**
 * Put the navigation after the page's first top-level `<h1>` (the title comes before its
 * contents), or first in the page when it has none.
 */
export function insertToc(tree: Root, toc: Element): void {
  const newline: ElementContent = { type: "text", value: "\n" };
  const h1 = tree.children.findIndex((node) => node.type === "element" && node.tagName === "h1");
  if (h1 === -1) tree.children.unshift(toc, newline);
  else tree.children.splice(h1 + 1, 0, newline, toc);
}
