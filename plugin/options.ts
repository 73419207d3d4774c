/**
 * Plugin options: every option, its default and why it exists. Bad values fail early with a
 * message naming the package, the option and the value.
 */

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
   * Base URL for root-relative links to pages this site does not have, and for the links inside
   * `role` and `expertise`. Default `"https://handbook.gitlab.com"`.
   */
  upstreamUrl?: string;
  /** URL path of the team page (members are linked as `<teamPageUrl>#<slug>`). Default `"/company/team/"`. */
  teamPageUrl?: string;
  /** URL path of the mentoring page (the team page links mentors to it). Default `"/handbook/people-group/learning-and-development/mentor/"`. */
  mentoringPageUrl?: string;
  /** Name of the global data entry holding the directory. Default `"mentorDirectory"`. */
  dataKey?: string;
  /**
   * Render `.md` pages with the plugin's unified pipeline (Hugo shortcodes, Hugo heading ids).
   * Default `true`. Liquid then never pre-processes Markdown, so `{{<` is never mangled.
   */
  markdown?: boolean;
  /** URL path where the directory's script and stylesheet are copied. Default `"/assets/mentor-directory/"`. */
  assetsUrl?: string;
  /** Files larger than this many bytes are refused. Default `1048576` (1 MiB). */
  maxFileBytes?: number;
  /**
   * Folder for the parse cache (keyed by file content, safe to keep between CI runs), or `false`
   * for none. Default `".cache/mentor-directory"`.
   */
  cacheDir?: string | false;
  /**
   * URL where the directory is also written as JSON (described by `mentors.schema.json`), or
   * `false` for none. Default `"/mentors.json"`.
   */
  jsonUrl?: string | false;
  /**
   * Read and parse the team in worker threads (one share of the files per core), started when the
   * plugin is registered. Default `false`: on a 2-core machine the cost of starting the workers
   * and copying members back equals what they save (see the README's Performance section).
   */
  workers?: boolean;
  /**
   * Origin used for absolute links in the JSON (`https://handbook.example.com`). Default
   * `"http://localhost:8080"`; set it to your site's address.
   */
  siteUrl?: string;
}

export type ResolvedOptions = Required<MentorDirectoryOptions>;

export const DEFAULTS: Readonly<ResolvedOptions> = Object.freeze({
  dataDir: "data/team_members",
  failOnError: true,
  showWarnings: true,
  upstreamUrl: "https://handbook.gitlab.com",
  teamPageUrl: "/company/team/",
  mentoringPageUrl: "/handbook/people-group/learning-and-development/mentor/",
  dataKey: "mentorDirectory",
  markdown: true,
  assetsUrl: "/assets/mentor-directory/",
  maxFileBytes: 1024 * 1024,
  cacheDir: ".cache/mentor-directory",
  jsonUrl: "/mentors.json",
  workers: false,
  siteUrl: "http://localhost:8080",
});

const PACKAGE = "eleventy-plugin-mentor-directory";

/** An option with a wrong value: names the package, the option and the value. */
export class OptionError extends Error {
  constructor(option: string, value: unknown, expected: string) {
    super(`[${PACKAGE}] option \`${option}\` must be ${expected}; got ${JSON.stringify(value) ?? String(value)}`);
    this.name = "OptionError";
  }
}

function urlPath(option: string, value: string): string {
  if (!value.startsWith("/") || !value.endsWith("/")) throw new OptionError(option, value, "a URL path that starts and ends with `/`");
  return value;
}

export function resolveOptions(options: MentorDirectoryOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== "object") throw new OptionError("options", options, "an object");
  const known = new Set(Object.keys(DEFAULTS));
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new OptionError(key, (options as Record<string, unknown>)[key], `one of the known options (${[...known].join(", ")})`);
  }
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as ResolvedOptions;
  for (const key of ["dataDir", "dataKey"] as const) {
    if (typeof o[key] !== "string" || o[key] === "") throw new OptionError(key, o[key], "a non-empty string");
  }
  for (const key of ["failOnError", "showWarnings", "markdown", "workers"] as const) {
    if (typeof o[key] !== "boolean") throw new OptionError(key, o[key], "true or false");
  }
  urlPath("teamPageUrl", o.teamPageUrl);
  urlPath("mentoringPageUrl", o.mentoringPageUrl);
  urlPath("assetsUrl", o.assetsUrl);
  if (o.jsonUrl !== false && (typeof o.jsonUrl !== "string" || !o.jsonUrl.startsWith("/"))) throw new OptionError("jsonUrl", o.jsonUrl, "a URL path starting with `/`, or false");
  for (const key of ["upstreamUrl", "siteUrl"] as const) {
    try {
      const url = new URL(o[key]);
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
    } catch {
      throw new OptionError(key, o[key], "an absolute http(s) URL");
    }
  }
  if (!Number.isInteger(o.maxFileBytes) || o.maxFileBytes <= 0) throw new OptionError("maxFileBytes", o.maxFileBytes, "a positive whole number");
  if (o.cacheDir !== false && (typeof o.cacheDir !== "string" || o.cacheDir === "")) throw new OptionError("cacheDir", o.cacheDir, "a folder path or false");
  return Object.freeze({ ...o, upstreamUrl: o.upstreamUrl.replace(/\/+$/, "") });
}
