/**
 * What the site outputs, read from Eleventy's content map once the pages are known and before any
 * is rendered: which root-relative links stay on the site, and which pages render the team and the
 * directory (the default targets of the directory's links).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { trimCharacters } from "../text/trim.js";

/** Eleventy's `eleventy.contentMap` event argument. */
export interface ContentMap {
  readonly inputPathToUrl: Readonly<Record<string, readonly (string | false)[]>>;
  readonly urlToInputPath: Readonly<Record<string, unknown>>;
}

interface SiteLayout {
  /** Eleventy's input folder. */
  readonly input: string;
  /** `eleventyConfig.passthroughCopies`: source → `{ outputPath }` (`true`: the same path). */
  readonly passthrough: Readonly<Record<string, { readonly outputPath?: unknown }>>;
}

export interface SitePages {
  /** Whether a root-relative path leads to something the site outputs. */
  isLocal(pathname: string): boolean;
  /** URL of the first page (in URL order) that renders the team page's shortcode. */
  readonly teamPageUrl: string | undefined;
  /** URL of the first page that renders the directory. */
  readonly mentoringPageUrl: string | undefined;
}

const TEAM_PAGE_CALL = /\{\{[<%]\s*team-members\b|\{%-?\s*teamMembers\b/;
const DIRECTORY_CALL = /\{\{[<%]\s*group-by-expertise\b|\{%-?\s*groupByExpertise\b/;
// Templates are small; anything larger is data, not a page calling a shortcode.
const SCANNED_BYTES = 1024 * 1024;

/** `/a`, `/a/` and `/a/index.html` are one page. */
function pagePath(pathname: string): string {
  let result = pathname.replace(/\/index\.html$/, "/");
  while (result.length > 1 && result.endsWith("/")) result = result.slice(0, -1);
  return result;
}

export function readSitePages(map: ContentMap, layout: SiteLayout, scanForPages: boolean): SitePages {
  const pages = new Set<string>();
  for (const url of Object.keys(map.urlToInputPath)) pages.add(pagePath(url));

  // Links written as input paths (`/blog/post.md`), which the InputPathToUrl plugin resolves.
  const input = path.resolve(layout.input);
  for (const inputPath of Object.keys(map.inputPathToUrl)) {
    const absolute = path.resolve(inputPath);
    pages.add(pagePath(`/${toPosix(path.relative(input, absolute))}`));
    pages.add(pagePath(`/${toPosix(path.relative(process.cwd(), absolute))}`));
  }

  const copied: string[] = [];
  for (const [source, { outputPath }] of Object.entries(layout.passthrough)) {
    const target = typeof outputPath === "string" ? outputPath : toPosix(path.relative(input, path.resolve(source)));
    if (!target.startsWith("..")) copied.push(`/${trimCharacters(target, "/")}`);
  }

  const isLocal = (pathname: string): boolean => {
    let decoded = pathname;
    try {
      decoded = decodeURI(pathname);
    } catch {
      // Kept as written: a malformed escape names no file.
    }
    if (pages.has(pagePath(decoded))) return true;
    if (copied.some((prefix) => decoded === prefix || decoded.startsWith(`${prefix}/`))) return true;
    // A file of the input folder at that path: copied by a passthrough glob, which names no
    // output path to compare with. (The output folder is not asked: an earlier build's files
    // would keep links to deleted pages local.)
    const file = path.join(input, decoded);
    return file.startsWith(input + path.sep) && existsSync(file);
  };

  let teamPageUrl: string | undefined;
  let mentoringPageUrl: string | undefined;
  if (scanForPages) {
    const byUrl = Object.entries(map.inputPathToUrl)
      // A page that is not written (`permalink: false`) has `false` for its URL.
      .flatMap(([inputPath, urls]) => (typeof urls[0] === "string" ? [{ inputPath, url: urls[0] }] : []))
      .sort((a, b) => a.url.localeCompare(b.url));
    for (const { inputPath, url } of byUrl) {
      const text = templateText(inputPath);
      if (text === undefined) continue;
      if (teamPageUrl === undefined && TEAM_PAGE_CALL.test(text)) teamPageUrl = url;
      if (mentoringPageUrl === undefined && DIRECTORY_CALL.test(text)) mentoringPageUrl = url;
    }
  }
  return { isLocal, teamPageUrl, mentoringPageUrl };
}

/** The text of a template file, or `undefined` for virtual templates and large files. */
function templateText(inputPath: string): string | undefined {
  try {
    if (statSync(inputPath).size > SCANNED_BYTES) return undefined;
    return readFileSync(inputPath, "utf8");
  } catch {
    return undefined;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
