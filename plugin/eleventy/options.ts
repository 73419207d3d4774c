/**
 * Plugin options: every option, its default and why it exists. Bad values fail early with a
 * message naming the package, the option and the value.
 *
 * The defaults are neutral: with none set, the plugin renders only the pages that use its
 * shortcodes and changes nothing else of the site. The handbook behaviour of those pages (Hugo
 * heading ids, a table of contents, links sent to an upstream handbook, fillable tables, the
 * in-page anchor check) is switched on option by option.
 */
import { PACKAGE } from "../package.js";
import { jsonText } from "../text/json.js";
import { DEFAULT_MAX_FILE_BYTES } from "../team/read/file-bytes.js";
import { DEFAULT_TEAM_FOLDER } from "../team/read/folder.js";
import { trimCharacters } from "../text/trim.js";
import { labelsProblem, type LabelOverrides } from "../text/labels.js";

/** What a link to an id that the page lacks does to the build. */
export type AnchorCheck = "error" | "warn" | false;

export interface MentorDirectoryOptions {
  /**
   * Folder holding the team-member files (`<type>/<letter>/<slug>.yml` below it), relative to the
   * working directory. Default `"data/team_members"`.
   */
  dataDir?: string;
  /**
   * Fail the build when any team-member file has an error. Default `true`. With `false` the build
   * goes on: every member whose own entry is usable is listed, and a summary is printed.
   */
  failOnError?: boolean;
  /** Print warnings as well as errors during the build (at most five of each rule, then a count). Default `true`. */
  showWarnings?: boolean;
  /**
   * Base URL of an upstream handbook (`"https://handbook.gitlab.com"`). When set, root-relative
   * links of the plugin's pages to paths this site does not output go there, and so do the
   * root-relative links inside `role` and `expertise`. Default `false`: no link is rewritten.
   */
  upstreamUrl?: string | false;
  /**
   * URL path of the team page (members are linked as `<teamPageUrl>#<slug>`). Default: the page
   * that renders `team-members` / `teamMembers`, if the site has one; without a team page, names
   * are not linked and the build warns.
   */
  teamPageUrl?: string;
  /**
   * URL path of the mentoring page (the team page links mentors to it). Default: the page that
   * renders `group-by-expertise` / `groupByExpertise`, if the site has one.
   */
  mentoringPageUrl?: string;
  /** Name of the global data entry holding the directory. Default `"mentorDirectory"`. */
  dataKey?: string;
  /**
   * Render with the plugin's unified pipeline the `.md` pages that use a Hugo shortcode (and the
   * pages that opt in with `handbookMarkdown: true` in their data). Every other page is rendered
   * by the site's own Markdown engine, unchanged. Default `true`; `false` leaves every page to the
   * site (the Liquid and Nunjucks shortcodes still work).
   */
  markdown?: boolean;
  /** Give the headings of the plugin's pages Hugo's ids (`## Find a mentor` → `#find-a-mentor`). Default `false`. */
  headingIds?: boolean;
  /**
   * Put an "On this page" table of contents of the h2 and h3 headings after the `<h1>` of the
   * plugin's pages (headings then get ids). It is added to the page's HTML file only, never to its
   * `templateContent`, so feeds do not repeat it. Default `false`.
   */
  toc?: boolean;
  /** Mark Markdown tables with a row of empty cells `data-fillable` (see `fillable-table.js`). Default `false`. */
  fillableTables?: boolean;
  /**
   * Check the in-page links (`#id`) of the plugin's pages against the ids of the finished page,
   * layout included: `"error"` fails the build, `"warn"` logs, `false` does not check. Default `false`.
   */
  anchorCheck?: AnchorCheck;
  /** URL path where the directory's script and stylesheet are copied. Default `"/assets/mentor-directory/"`. */
  assetsUrl?: string;
  /**
   * Add the plugin's stylesheet and module scripts at the end of the `<head>` of the pages that
   * render the directory, the team page, a video or a fill-in table (at the site's `pathPrefix`),
   * so the site's layout needs no edit; a tag the page already has is not added again. Every
   * other page is left as it is. Default `true`; `false` for a site that loads the files itself.
   */
  injectAssets?: boolean;
  /** Files larger than this many bytes are refused. Default `1048576` (1 MiB). */
  maxFileBytes?: number;
  /**
   * Folder for the parse cache (keyed by file content), or `false` for none. Its entries are
   * trusted as the results of the files they stand for: keep it between CI runs only where no
   * less trusted job can write it (README, Security). Default `".cache/mentor-directory"`.
   */
  cacheDir?: string | false;
  /**
   * A secret (at least 32 characters) that signs the members' cards the build keeps in `cacheDir`,
   * so that the next build puts them in place instead of writing 20,000 cards again. Give it only
   * to the builds whose cache no less trusted job can write (a protected CI variable): a card
   * whose signature does not match is never used. Default: the environment variable
   * `MENTOR_DIRECTORY_CACHE_SECRET` when set, else `false`, and cards are kept in memory only.
   */
  cacheSecret?: string | false;
  /**
   * URL where the directory is also written as JSON (described by `mentors.schema.json`), or
   * `false` for none. Default `"/mentors.json"`.
   */
  jsonUrl?: string | false;
  /**
   * Log, after each build, how long each phase took (listing, reading, parsing, the schema, the
   * rules, the directory, rendering, the cache), even with `--quiet`. Default `false`; setting
   * `DEBUG=Eleventy:MentorDirectory*` does the same.
   */
  timings?: boolean;
  /**
   * Origin used for absolute links in the JSON (`"https://handbook.example.com"`). Default
   * `false`: the JSON's team-page links are root-relative.
   */
  siteUrl?: string | false;
  /**
   * The organization's JSON Schema (2020-12) file for team-member files, relative to the working
   * directory: it extends the bundled one (`allOf: [{ "$ref": <the bundled schema's $id> }]`) or
   * replaces it (README, Your own fields). Default `false`: the bundled schema.
   */
  schema?: string | false;
  /**
   * Fields of the team files, beyond those the plugin models, that `/mentors.json` carries for
   * each mentor (as `fields`), so a site's own template can show them. Default `[]`.
   */
  exportFields?: readonly string[];
  /**
   * The words the plugin writes into pages (labels, headings, sentences, the scripts' messages),
   * any of them replaced: `{ locale: "de", skills: "Fähigkeiten:" }`. `locale` chooses the plural
   * forms (`{ one: "…", other: "…" }`, by `Intl.PluralRules`). Default `{}`: English (README, Labels).
   */
  labels?: LabelOverrides;
}

/** Options with their defaults filled in; the page URLs stay `undefined` until the site gives them. */
export type ResolvedOptions = Readonly<
  Required<Omit<MentorDirectoryOptions, "teamPageUrl" | "mentoringPageUrl">> &
    Pick<MentorDirectoryOptions, "teamPageUrl" | "mentoringPageUrl">
>;

export const DEFAULTS: ResolvedOptions = Object.freeze({
  dataDir: DEFAULT_TEAM_FOLDER,
  failOnError: true,
  showWarnings: true,
  upstreamUrl: false,
  teamPageUrl: undefined,
  mentoringPageUrl: undefined,
  dataKey: "mentorDirectory",
  markdown: true,
  headingIds: false,
  toc: false,
  fillableTables: false,
  anchorCheck: false,
  assetsUrl: "/assets/mentor-directory/",
  injectAssets: true,
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  cacheDir: ".cache/mentor-directory",
  cacheSecret: false,
  jsonUrl: "/mentors.json",
  timings: false,
  siteUrl: false,
  schema: false,
  exportFields: Object.freeze([]),
  labels: Object.freeze({}),
});

/** An option with a wrong value: names the package, the option and the value. */
export class OptionError extends Error {
  readonly skipOriginalStack = true;
  constructor(option: string, value: unknown, expected: string) {
    // A secret is never written into a log: only its kind and length.
    const shown = option === "cacheSecret" && typeof value === "string" ? `a string of ${value.length} characters` : describe(value);
    super(`[${PACKAGE}] option \`${option}\` must be ${expected}; got ${shown}`);
    this.name = "OptionError";
  }

  /** A value of the right form that cannot be used (a schema file that is not JSON): the problem in its own words. */
  static unusable(option: string, problem: string): OptionError {
    const error = new OptionError(option, undefined, "");
    error.message = `[${PACKAGE}] option \`${option}\`: ${problem}`;
    return error;
  }
}

function describe(value: unknown): string {
  if (typeof value === "function") return "a function";
  try {
    return jsonText(value) ?? String(value);
  } catch {
    return String(value);
  }
}

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === "string" && v !== "";
const isBoolean: Check = (v) => typeof v === "boolean";
const isUrlPath: Check = (v) => typeof v === "string" && v.startsWith("/") && v.endsWith("/");
const isWebUrl: Check = (v) => {
  if (typeof v !== "string") return false;
  try {
    const url = new URL(v);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
};
const orFalse =
  (check: Check): Check =>
  (v) =>
    v === false || check(v);

// Every option's check and the words of its error, in one table, so none can be forgotten.
const CHECKS: { readonly [K in keyof MentorDirectoryOptions]-?: readonly [Check, string] } = {
  dataDir: [isString, "a non-empty string"],
  failOnError: [isBoolean, "true or false"],
  showWarnings: [isBoolean, "true or false"],
  upstreamUrl: [orFalse(isWebUrl), "an absolute http(s) URL, or false"],
  teamPageUrl: [(v) => v === undefined || isUrlPath(v), "a URL path that starts and ends with `/`"],
  mentoringPageUrl: [(v) => v === undefined || isUrlPath(v), "a URL path that starts and ends with `/`"],
  dataKey: [isString, "a non-empty string"],
  markdown: [isBoolean, "true or false"],
  headingIds: [isBoolean, "true or false"],
  toc: [isBoolean, "true or false"],
  fillableTables: [isBoolean, "true or false"],
  anchorCheck: [(v) => v === false || v === "error" || v === "warn", '"error", "warn" or false'],
  assetsUrl: [isUrlPath, "a URL path that starts and ends with `/`"],
  injectAssets: [isBoolean, "true or false"],
  maxFileBytes: [(v) => Number.isInteger(v) && (v as number) > 0, "a positive whole number"],
  cacheDir: [orFalse(isString), "a folder path or false"],
  cacheSecret: [
    (v) => v === false || (typeof v === "string" && v.length >= MIN_SECRET_LENGTH),
    "a string of at least 32 characters, or false",
  ],
  jsonUrl: [orFalse((v) => typeof v === "string" && v.startsWith("/")), "a URL path starting with `/`, or false"],
  timings: [isBoolean, "true or false"],
  siteUrl: [orFalse(isWebUrl), "an absolute http(s) URL, or false"],
  schema: [orFalse(isString), "the path of a JSON Schema file, or false"],
  exportFields: [
    (v) => Array.isArray(v) && v.every(isString) && new Set(v).size === v.length,
    'a list of field names, each once (e.g. ["timezone"])',
  ],
  // The table's own words say what is wrong (`labelsProblem`); this only lets an object through.
  labels: [(v) => v !== null && typeof v === "object" && !Array.isArray(v), 'an object of labels (e.g. { skills: "Fähigkeiten:" })'],
};

const MIN_SECRET_LENGTH = 32;
const SECRET_VARIABLE = "MENTOR_DIRECTORY_CACHE_SECRET";

/** The secret the environment gives, if any. */
function secretFromEnvironment(): string | false {
  const secret = process.env[SECRET_VARIABLE];
  return secret === undefined || secret === "" ? false : secret;
}

export function resolveOptions(options: MentorDirectoryOptions = {}): ResolvedOptions {
  // Called from JavaScript too, where anything may come in.
  const input: unknown = options;
  if (input === null || typeof input !== "object") throw new OptionError("options", input, "an object");
  const given = Object.entries(input).filter(([, v]) => v !== undefined);
  for (const [key, value] of given) {
    if (!Object.hasOwn(CHECKS, key)) throw new OptionError(key, value, `one of the known options (${Object.keys(CHECKS).join(", ")})`);
  }
  const o = { ...DEFAULTS, ...Object.fromEntries(given) } as Record<string, unknown>;
  // Not given: the environment's, checked as a given one is (its error says where it came from).
  const secretFromEnv = (input as MentorDirectoryOptions).cacheSecret === undefined;
  if (secretFromEnv) o.cacheSecret = secretFromEnvironment();
  for (const [key, [check, expected]] of Object.entries(CHECKS)) {
    if (check(o[key])) continue;
    const from = key === "cacheSecret" && secretFromEnv ? ` (from ${SECRET_VARIABLE})` : "";
    throw new OptionError(key, o[key], `${expected}${from}`);
  }
  const problem = labelsProblem(o.labels);
  if (problem !== undefined) throw OptionError.unusable("labels", problem);
  const trim = (url: unknown): unknown => (typeof url === "string" ? trimCharacters(url, "/", "end") : url);
  return Object.freeze({
    ...o,
    upstreamUrl: trim(o.upstreamUrl),
    siteUrl: trim(o.siteUrl),
    exportFields: Object.freeze([...(o.exportFields as string[])]),
    labels: Object.freeze({ ...(o.labels as LabelOverrides) }),
  }) as ResolvedOptions;
}
