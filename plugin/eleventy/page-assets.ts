/**
 * The browser files a page needs, from what the plugin rendered on it, and the tags that load
 * them. A site whose layout says nothing about the plugin still gets a styled, searchable
 * directory: the tags go into the `<head>` of those pages only, and a tag the page already has
 * (a layout that loads the files itself) is not written twice.
 */

/** Something the plugin rendered that needs a browser file. */
export type PageFeature = "directory" | "team" | "facade" | "fillable";

interface FeatureFiles {
  /** Whether the plugin's stylesheet styles it. */
  readonly stylesheet: boolean;
  /** Its module script. */
  readonly script: string;
}

// The video facade's box is sized by the site (as any embed is); the plugin's stylesheet has
// nothing for it.
const FILES: Readonly<Record<PageFeature, FeatureFiles>> = {
  directory: { stylesheet: true, script: "mentor-directory.js" },
  team: { stylesheet: true, script: "team-directory.js" },
  facade: { stylesheet: false, script: "youtube-facade.js" },
  fillable: { stylesheet: true, script: "fillable-table.js" },
};

const STYLESHEET = "mentor-directory.css";

/** Features in the order their tags are written, so that a page's tags do not depend on render order. */
const ORDER: readonly PageFeature[] = ["directory", "team", "facade", "fillable"];

const SHORTCODE_FEATURES: Readonly<Record<string, PageFeature>> = {
  "group-by-expertise": "directory",
  "team-members": "team",
  youtube: "facade",
};

/** The feature of a shortcode (by its Hugo name), if its output needs a browser file. */
export function featureOfShortcode(name: string): PageFeature | undefined {
  return Object.hasOwn(SHORTCODE_FEATURES, name) ? SHORTCODE_FEATURES[name] : undefined;
}

/** The files, relative to the assets folder, that pages with these features load: stylesheet first. */
export function assetFiles(features: ReadonlySet<PageFeature>): string[] {
  const wanted = ORDER.filter((feature) => features.has(feature));
  const files = wanted.map((feature) => FILES[feature].script);
  return wanted.some((feature) => FILES[feature].stylesheet) ? [STYLESHEET, ...files] : files;
}

const HEAD_END = /<\/head\s*>/i;
// How the plugin's directories start (written in `shortcodes/team-members.ts` and
// `group-by-expertise.ts`; were they to change, pages would only be searched whole again). They are
// body content, so a page's head ends before the first of them: the search for `</head>` stops
// there, rather than reading to its end a team page of many megabytes that has no head.
const OUTPUT_START = /<div class="(?:team|mentor)-directory[ "]/;

/** Where the page's `</head>` starts, or -1 (see `OUTPUT_START`). */
function headEndOf(html: string): number {
  const output = html.search(OUTPUT_START);
  return (output === -1 ? html : html.slice(0, output)).search(HEAD_END);
}
// Tags are found as tags: in text (a code block showing the README's snippet) `<` is escaped.
const LOADING_TAG = /<(?:script|link)\b[^>]*>/gi;
const URL_ATTRIBUTE = /\s(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/** The `src` and `href` values of a page's `<script>` and `<link>` tags, without query or fragment. */
function loadedUrls(html: string): string[] {
  const urls: string[] = [];
  for (const tag of html.matchAll(LOADING_TAG)) {
    for (const attribute of tag[0].matchAll(URL_ATTRIBUTE)) {
      const value = attribute[1] ?? attribute[2] ?? attribute[3] ?? "";
      const end = value.search(/[?#]/);
      urls.push(end === -1 ? value : value.slice(0, end));
    }
  }
  return urls;
}

/**
 * The page with the tags for `files` at the end of its `<head>`. `assetsUrl` is where the site
 * serves them (the option, without the site's path prefix): a tag whose URL ends with it and the
 * file name counts as already there, prefixed or not, relative or absolute. `href` turns the
 * option's path into the URL to write (the site's `pathPrefix`). A page without `</head>` (no
 * layout, or a page's content rendered into a feed) is returned as it is.
 */
export function addAssetTags(html: string, files: readonly string[], assetsUrl: string, href: (url: string) => string): string {
  if (files.length === 0) return html;
  const headEnd = headEndOf(html);
  if (headEnd === -1) return html;
  const present = loadedUrls(html);
  const tags: string[] = [];
  for (const file of files) {
    const path = `${assetsUrl}${file}`;
    if (present.some((url) => url.endsWith(path))) continue;
    const url = escapeAttribute(href(path));
    tags.push(file.endsWith(".css") ? `<link rel="stylesheet" href="${url}">` : `<script type="module" src="${url}"></script>`);
  }
  if (tags.length === 0) return html;
  return `${html.slice(0, headEnd)}${tags.join("\n")}\n${html.slice(headEnd)}`;
}

/**
 * The page with `block` (markup written by the plugin's writer) at the end of its `<head>`; a page
 * without `</head>` is returned as it is.
 */
export function addToHead(html: string, block: string): string {
  const headEnd = headEndOf(html);
  if (headEnd === -1) return html;
  return `${html.slice(0, headEnd)}${block}\n${html.slice(headEnd)}`;
}

function escapeAttribute(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll('"', "&quot;");
}
