/**
 * Links of a page written for the whole handbook, rendered on a site that has only a few of its
 * pages: links to pages this site does not have go to the upstream handbook, so none is dead.
 */
import { closestMatch, typoReach } from "../suggest.js";
import type { Element, Root } from "hast";
import { visit } from "unist-util-visit";

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
 * Where `href` should point on the built site:
 * - in-page (`#x`), external (`https:`, `mailto:` …) and protocol-relative links are kept;
 * - relative links are resolved against `pageUrl` first;
 * - a resulting path the site serves stays root-relative, any other goes to `upstreamUrl`.
 */
export function rewriteHref(href: string, options: LinkOptions): string {
  if (href === "" || href.startsWith("#") || schemeOrProtocolRelative.test(href)) return href;

  let url: URL;
  try {
    url = new URL(href, placeholderOrigin + ensureLeadingSlash(options.pageUrl));
  } catch {
    return href;
  }

  const local = url.pathname + url.search + url.hash;
  if (options.isLocalPath(url.pathname)) return href.startsWith("/") ? href : local;
  // Root-relative hrefs are appended as written, so the upstream URL reads like the source.
  return options.upstreamUrl + (href.startsWith("/") ? href : local);
}

export function rewriteLinks(tree: Root, options: LinkOptions): void {
  visit(tree, "element", (node: Element) => {
    if (node.tagName !== "a") return;
    const href = node.properties.href;
    if (typeof href === "string") node.properties.href = rewriteHref(href, options);
  });
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

function ensureLeadingSlash(path: string): string {
  return path.startsWith("/") ? path : `/${path}`;
}

export interface BrokenAnchor {
  element: Element;
  href: string;
  fragment: string;
}

/**
 * In-page links (`#x`, or the page's own URL with `#x`) whose target id is not in the page.
 * `#top` and a bare `#` are the top of the page by definition in HTML.
 */
export function findBrokenAnchors(
  tree: Root,
  ids: ReadonlySet<string>,
  pageUrl: string,
): BrokenAnchor[] {
  const broken: BrokenAnchor[] = [];
  visit(tree, "element", (node: Element) => {
    if (node.tagName !== "a") return;
    const href = node.properties.href;
    if (typeof href !== "string") return;

    const hashIndex = href.indexOf("#");
    if (hashIndex === -1) return;
    const path = href.slice(0, hashIndex);
    if (path !== "" && (!path.startsWith("/") || !samePath(path, pageUrl))) return;

    const raw = href.slice(hashIndex + 1);
    let fragment = raw;
    try {
      fragment = decodeURIComponent(raw);
    } catch {
      // A malformed escape cannot match any id; keep the raw text for the message.
    }
    if (fragment === "" || fragment.toLowerCase() === "top") return;
    if (!ids.has(fragment) && !ids.has(raw)) broken.push({ element: node, href, fragment });
  });
  return broken;
}

/** The id closest to `wanted`, when it is close enough to be a likely typo. */
export function closestId(wanted: string, ids: Iterable<string>): string | undefined {
  return closestMatch(wanted, ids, typoReach(wanted));
}
