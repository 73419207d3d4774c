/**
 * Links of a page written for the whole handbook, rendered on a site that has only a few of its
 * pages: links to pages this site does not have go to the upstream handbook, so none is dead.
 */
import { closestMatch, typoReach } from "../text/suggest.js";
import type { Element, Root } from "hast";
import type { Point } from "unist";
import { eachElement } from "./walk.js";

export interface LinkOptions {
  /** URL path of the page being rendered, e.g. `/handbook/people-group/…/mentor/`. */
  pageUrl: string;
  /** Origin (and optional base path) of the upstream site, without a trailing slash. */
  upstreamUrl: string;
  /** Whether this site serves `pathname`. */
  isLocalPath: (pathname: string) => boolean;
}

// Only used to resolve paths; never appears in output.
const placeholderOrigin = "http://site.invalid";
const schemeOrProtocolRelative = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * Where `href` should point on the built site: a root-relative link (`/handbook/values/`) to a
 * path the site does not serve goes to `upstreamUrl`, as written. Everything else is kept:
 * in-page, relative, external and protocol-relative links, and every link when `upstreamUrl` is
 * empty. A relative link resolves on this site by construction, so it is never this plugin's to
 * move.
 */
export function rewriteHref(href: string, options: LinkOptions): string {
  if (options.upstreamUrl === "" || !href.startsWith("/") || schemeOrProtocolRelative.test(href)) return href;
  let url: URL;
  try {
    url = new URL(href, placeholderOrigin);
  } catch {
    return href;
  }
  return options.isLocalPath(url.pathname) ? href : options.upstreamUrl + href;
}

/** Rewrite the `href` of `element` when it is a link (see `rewriteHref`). */
export function rewriteLink(element: Element, options: LinkOptions): void {
  if (element.tagName !== "a") return;
  const href = element.properties.href;
  if (typeof href === "string") element.properties.href = rewriteHref(href, options);
}

/** Rewrite every link of the tree; sealed shortcode output had its links rewritten already. */
export function rewriteLinks(tree: Root, options: LinkOptions): void {
  eachElement(tree, (element) => rewriteLink(element, options));
}

/** Compare paths the way a static host serves them: `/a`, `/a/` and `/a/index.html` alike. */
export function samePath(a: string, b: string): boolean {
  return normalizePath(a) === normalizePath(b);
}

function normalizePath(path: string): string {
  let result = path.replace(/\/index\.html$/, "/");
  while (result.length > 1 && result.endsWith("/")) result = result.slice(0, -1);
  return result;
}

interface BrokenAnchor {
  href: string;
  fragment: string;
  /** Where the link is written: its own position, or the call of the shortcode that made it. */
  place: Point | undefined;
}

/**
 * In-page links (`#x`, or the page's own URL with `#x`) whose target id is not in the page,
 * in document order, links of sealed shortcode output included.
 * `#top` and a bare `#` are the top of the page by definition in HTML.
 */
export function findBrokenAnchors(tree: Root, ids: ReadonlySet<string>, pageUrl: string): BrokenAnchor[] {
  const broken: BrokenAnchor[] = [];
  const check = (href: string, place: Point | undefined): void => {
    const fragment = missingFragment(href, ids, pageUrl);
    if (fragment !== undefined) broken.push({ href, fragment, place });
  };
  eachElement(
    tree,
    (element) => {
      const href = element.properties.href;
      if (element.tagName === "a" && typeof href === "string") check(href, element.position?.start);
    },
    (output) => {
      for (const anchor of output.data.sealed.anchors) check(anchor.href, anchor.place);
    },
  );
  return broken;
}

/** The fragment of `href` when it points into this page at an id that `ids` lacks. */
function missingFragment(href: string, ids: ReadonlySet<string>, pageUrl: string): string | undefined {
  const hashIndex = href.indexOf("#");
  if (hashIndex === -1) return undefined;
  const path = href.slice(0, hashIndex);
  if (path !== "" && (!path.startsWith("/") || !samePath(path, pageUrl))) return undefined;

  const raw = href.slice(hashIndex + 1);
  let fragment = raw;
  try {
    fragment = decodeURIComponent(raw);
  } catch {
    // A malformed escape cannot match any id; keep the raw text for the message.
  }
  if (fragment === "" || fragment.toLowerCase() === "top") return undefined;
  return ids.has(fragment) || ids.has(raw) ? undefined : fragment;
}

/** The id closest to `wanted`, when it is close enough to be a likely typo. */
function closestId(wanted: string, ids: Iterable<string>): string | undefined {
  return closestMatch(wanted, ids, typoReach(wanted));
}

/** The words of a `broken-anchor` problem, with the nearest id as the fix when there is one. */
export function brokenAnchorMessage(href: string, fragment: string, ids: Iterable<string>): { message: string; hint: string } {
  const near = closestId(fragment, ids);
  return {
    message: `link "${href}" points to "#${fragment}", which is not an id on this page`,
    hint: near
      ? `Did you mean "#${near}"?`
      : "Link to a heading of this page (its id is the heading text in lower case, spaces as -, punctuation dropped).",
  };
}
