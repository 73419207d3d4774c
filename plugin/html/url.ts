/**
 * The one URL policy of the project. Every `href` that reaches a rendered page from team data
 * (the `role` fragment, expertise links) passes through `safeUrl`, so that what a link may point
 * to is decided in one place.
 *
 * Allowed: `http:`, `https:`, `mailto:` and relative URLs. Anything else is dropped, and so is
 * anything that only becomes a scheme after a browser has cleaned it up.
 */
import { BoundedMemo } from "../text/memo.js";
import { trimCharacters } from "../text/trim.js";

/** A scheme that an absolute URL may have. */
type UrlScheme = "http" | "https" | "mailto";

interface SafeUrlOptions {
  /**
   * Schemes allowed for absolute URLs (default: `["http", "https", "mailto"]`). Relative URLs are
   * always allowed; once resolved they are `http(s)` like their base.
   */
  readonly schemes?: readonly UrlScheme[];
}

/** Schemes of ordinary links. */
const LINK_SCHEMES: readonly UrlScheme[] = Object.freeze(["http", "https", "mailto"]);
/** Schemes of links to web pages (expertise topics: a mail address is not a topic page). */
const WEB_SCHEMES: readonly UrlScheme[] = Object.freeze(["http", "https"]);

// Browsers trim these at both ends of an attribute URL, so trimming them cannot turn a value into
// something a browser would read differently.
const EDGE_WHITESPACE = "\t\n\f\r ";

// Browsers delete tab and newline anywhere inside a URL, which is how `java\tscript:` becomes a
// scheme. Other controls and invisible format characters have no business in a link and are the
// usual way to make a hostile URL look harmless in review, so any of them rejects the URL.
// Classes of single code points; the combining ones (variation selectors) are listed on purpose.
/* eslint-disable no-misleading-character-class -- matching these characters is the point */
const FORBIDDEN_CHARACTER = new RegExp(
  "[" +
    "\\u0000-\\u001F\\u007F-\\u009F\\u00AD\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180E\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F" +
    "\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFFB" +
    "]",
  "u",
);
/* eslint-enable no-misleading-character-class */

const SCHEME = /^([A-Z][A-Z0-9+.-]*):/i;

// A character reference that survived into a URL means the value was escaped twice, or written to
// slip past a filter: `javascript&colon;…`, `&#106;avascript:…`. Neither belongs in a real link.
const CHARACTER_REFERENCE = /&#|&[A-Z][A-Z0-9]*;/i;

// Percent-encoded colon before the first path separator: a scheme in disguise.
const ENCODED_SCHEME_COLON = /^[^/?#]*%3a/i;

// Base for checking relative URLs when the caller gives none. `.invalid` can never resolve.
const PROBE_BASE = "https://relative.invalid/";
const PROBE_HOST = "relative.invalid";

/**
 * Check one URL from untrusted data against the policy.
 *
 * @param href Untrusted value; anything but a string is rejected.
 * @param base Absolute URL that relative URLs are resolved against. Without it (or with `""`), a
 *   relative URL is returned relative (trimmed, spaces encoded).
 * @returns The URL to write in the page, or `undefined` when it must not be linked.
 */
export function safeUrl(href: unknown, base?: string | URL, options: SafeUrlOptions = {}): string | undefined {
  if (typeof href !== "string") return undefined;
  if (base === "") base = undefined;
  // A team links to the same few hundred pages again and again; parsing a URL is the cost.
  if (base instanceof URL) return judged(href, base, options);
  const key = `${(options.schemes ?? LINK_SCHEMES).join(",")}\0${base ?? ""}\0${href}`;
  return verdicts.get(key, () => judged(href, base, options));
}

const verdicts = new BoundedMemo<string | undefined>(10_000);

function judged(href: string, base: string | URL | undefined, options: SafeUrlOptions): string | undefined {
  const value = trimCharacters(href, EDGE_WHITESPACE);
  if (value === "" || FORBIDDEN_CHARACTER.test(value)) return undefined;
  if (value.includes("\\") || CHARACTER_REFERENCE.test(value)) return undefined;

  const allowed = options.schemes ?? LINK_SCHEMES;
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();

  if (scheme !== undefined) {
    if (!(allowed as readonly string[]).includes(scheme)) return undefined;
    const url = parse(value);
    if (url === undefined) return undefined;
    // An address has no spaces or markup characters; such a value is text pasted into a link.
    if (scheme === "mailto") return /[\s<>"']/.test(value) ? undefined : url.href;
    return isCleanWebUrl(url) ? url.href : undefined;
  }

  // No scheme: a colon before the first `/`, `?` or `#` means something that is not a scheme to
  // us but may be one to a more lenient reader (`java script:`, `ｊavascript:`).
  const beforePath = value.split(/[/?#]/, 1)[0] ?? "";
  if (beforePath.includes(":") || ENCODED_SCHEME_COLON.test(value)) return undefined;

  const resolved = parse(value, base ?? PROBE_BASE);
  if (resolved === undefined || !isCleanWebUrl(resolved)) return undefined;
  if (base !== undefined) return resolved.href;
  // `//host/path` leaves the page's origin: say so by returning it absolute.
  if (resolved.hostname !== PROBE_HOST) return resolved.href;
  return value.replace(/ /g, "%20");
}

/** `safeUrl` for links that must lead to a web page: `http`, `https` or relative. */
export function safeWebUrl(href: unknown, base?: string | URL): string | undefined {
  return safeUrl(href, base, { schemes: WEB_SCHEMES });
}

/** Whether `value` is an absolute `http(s)` URL, for checking configured bases. */
export function isAbsoluteWebUrl(value: unknown): boolean {
  if (typeof value !== "string" && !(value instanceof URL)) return false;
  const url = parse(String(value));
  return url !== undefined && isCleanWebUrl(url);
}

function parse(value: string, base?: string | URL): URL | undefined {
  try {
    return base === undefined ? new URL(value) : new URL(value, base);
  } catch {
    return undefined;
  }
}

// `https://handbook.gitlab.com@evil.example/` reads as the handbook and leads elsewhere.
function isCleanWebUrl(url: URL): boolean {
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && url.username === "" && url.password === "";
}
