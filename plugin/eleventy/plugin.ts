/**
 * The Eleventy wiring, kept thin: options, one team load per build (incremental in watch mode),
 * global data, shortcodes for Markdown/Liquid/Nunjucks, the `md` extension for the plugin's own
 * pages, the last step of those pages, and the assets.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { outputHtml } from "../../shortcodes/output.js";
import { createLog, logDiagnostic, logTeamReport, type EleventyLogger, type Log } from "./log.js";
import { finishPage, isPageWrite, withoutTocPlace, type PageFinish } from "./finish-page.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { markdownPagesExtension, PageError, type CompileThis } from "./markdown-pages.js";
import { addAssetTags, addToHead, assetFiles, featureOfShortcode, type PageFeature } from "./page-assets.js";
import { readSitePages, type ContentMap, type SitePages } from "./site-pages.js";
import { watchDeletions } from "./team-watch.js";
import { OptionError, resolveOptions, type MentorDirectoryOptions, type ResolvedOptions } from "./options.js";
import { ELEVENTY_COMPATIBILITY, PACKAGE } from "../package.js";
import { buildDirectory, type Directory } from "../team/directory.js";
import { mentorsDocument } from "../team/export.js";
import { TeamFolderError } from "../team/load.js";
import { TeamStore } from "../team/store.js";
import { readSchemaFile, SchemaFileError, type TeamSchema } from "../team/schema.js";
import type { TeamReport } from "../team/validate.js";
import { debugAsksForTimings, startTimings, stopTimings, timed } from "../diagnostics/timings.js";
import { builtinShortcodes } from "../../shortcodes/index.js";
import { createShortcodeRegistry } from "../../shortcodes/registry.js";
import type { ShortcodeContext, ShortcodeDefinition } from "../../shortcodes/types.js";
import { ShortcodeUsageError } from "../../shortcodes/types.js";
import { jsonText } from "../text/json.js";
import { resolveLabels, scriptLabels, type Labels } from "../text/labels.js";
import { fragmentHtml, HtmlWriter } from "../../shortcodes/html-writer.js";

const require = createRequire(import.meta.url);

/** Folder of the browser assets shipped with the package. */
const assetsDir: string = path.dirname(require.resolve(`${PACKAGE}/assets/mentor-directory.js`));

/** A build-stopping problem whose text is the whole story: no stack trace is useful. */
class MentorDirectoryError extends Error {
  readonly skipOriginalStack = true;
  constructor(message: string) {
    super(message);
    this.name = "MentorDirectoryError";
  }
}

/**
 * The part of Eleventy's configuration API the plugin uses (Eleventy ships no types for it). Any
 * Eleventy 3 `eleventyConfig` has these.
 */
export interface EleventyConfig {
  versionCheck(range: string): void;
  addGlobalData(name: string, value: unknown): void;
  addShortcode(name: string, fn: (...args: unknown[]) => string): void;
  addExtension(
    ext: string,
    options: { compile(this: CompileThis, input: string, inputPath: string): unknown; compileOptions?: Record<string, unknown> },
  ): void;
  addTransform(name: string, fn: (this: { page?: { outputPath?: unknown }; baseHref?: unknown }, content: string) => string): void;
  addWatchTarget(target: string): void;
  addTemplate(path: string, content: unknown, data?: unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  /** Eleventy's `url` filter is read from here: it adds the site's `pathPrefix`, known only once the config is merged. */
  getFilter?(name: string): unknown;
  on(event: string, fn: (arg: unknown) => unknown): void;
  readonly logger?: EleventyLogger;
  readonly directories?: { readonly input?: string };
  readonly passthroughCopies?: Record<string, { outputPath?: unknown }>;
}

/** The `schema` option's file, read and compiled now: a schema that cannot be used is an option error, not a stack trace. */
function schemaOption(file: string): TeamSchema {
  try {
    return readSchemaFile(file);
  } catch (error) {
    if (error instanceof SchemaFileError) throw OptionError.unusable("schema", error.message);
    throw error;
  }
}

/** The plugin state of one Eleventy config: the team, the site's pages and the pages to finish. */
class PluginState {
  readonly store: TeamStore;
  directory: Directory | undefined;
  report: TeamReport | undefined;
  site: SitePages | undefined;
  /** What the last step needs of each page the plugin rendered, by output path. */
  readonly finishing = new Map<string, PageFinish>();
  /** What each page rendered that needs the plugin's browser files, by output path. */
  readonly features = new Map<string, Set<PageFeature>>();
  #pending: Promise<Directory> | undefined;
  #changed: string[] | undefined;
  /** Resolved once, so that every page's cards are kept under the same words. */
  readonly #labels: Labels;
  /**
   * The scripts' words as a page's block, when they are not English: a directory and a team page
   * carry their own, a page with only a fill-in table gets this one in its `<head>`.
   */
  readonly labelsBlock: string | undefined;

  constructor(
    readonly options: ResolvedOptions,
    readonly log: Log,
  ) {
    this.#labels = resolveLabels(options.labels);
    const words = scriptLabels(this.#labels);
    this.labelsBlock = words && fragmentHtml(new HtmlWriter().json({ "data-mentor-labels": true }, words).fragment());
    this.store = new TeamStore([options.dataDir], {
      maxFileBytes: options.maxFileBytes,
      ...(options.schema ? { schema: schemaOption(options.schema) } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir, warn: (message: string) => log.warn(message) } : {}),
    });
  }

  /** Files changed since the last build (watch mode); `undefined` reloads everything. */
  markChanged(files: readonly string[] | undefined): void {
    this.#pending = undefined;
    this.#changed = files ? [...files] : undefined;
  }

  load(): Promise<Directory> {
    this.#pending ??= (async () => {
      let report: TeamReport;
      try {
        report = await this.store.load(this.#changed);
      } catch (error) {
        if (error instanceof TeamFolderError) {
          throw new MentorDirectoryError(`${error.message} (plugin option \`dataDir\`, resolved from ${process.cwd()})`);
        }
        throw error;
      }
      this.#changed = undefined;
      this.report = report;
      logTeamReport(this.log, report, this.options);
      if (report.summary.errors > 0 && this.options.failOnError) {
        throw new MentorDirectoryError(
          `${report.summary.errors} error(s) in team-member files (listed above). ` +
            `Fix them, or set the plugin option \`failOnError: false\` to build with every usable entry.`,
        );
      }
      // The report is this build's own: its members can be frozen where they are.
      this.directory = timed("directory", () => buildDirectory(report.members, { adopt: true }));
      return this.directory;
    })();
    return this.#pending;
  }

  get teamPageUrl(): string {
    return this.options.teamPageUrl ?? this.site?.teamPageUrl ?? "";
  }

  get mentoringPageUrl(): string | undefined {
    return this.options.mentoringPageUrl ?? this.site?.mentoringPageUrl;
  }

  context(): ShortcodeContext {
    if (!this.directory) throw new MentorDirectoryError("the mentor directory was used before the team was loaded");
    const mentoringPageUrl = this.mentoringPageUrl;
    return {
      directory: this.directory,
      teamPageUrl: this.teamPageUrl,
      upstreamUrl: this.options.upstreamUrl || "",
      ...(mentoringPageUrl ? { mentoringPageUrl } : {}),
      labels: this.#labels,
    };
  }

  /** A page rendered something that needs browser files (recorded while it renders, read when it is written). */
  uses(outputPath: string, features: readonly PageFeature[]): void {
    if (features.length === 0) return;
    let set = this.features.get(outputPath);
    if (set === undefined) this.features.set(outputPath, (set = new Set()));
    for (const feature of features) set.add(feature);
  }

  /** The site's pages are known: a directory without a team page lists names without links. */
  setSite(site: SitePages): void {
    this.site = site;
    if (site.mentoringPageUrl !== undefined && this.teamPageUrl === "") {
      this.log.warn(
        `${site.mentoringPageUrl} renders the mentor directory, which links each mentor to the team page, ` +
          `but no page renders \`team-members\` (or \`teamMembers\`): names are shown without links. ` +
          `Add a team page, or set the plugin option \`teamPageUrl\`.`,
      );
    }
  }
}

/**
 * A template value as a shortcode argument: an undefined variable is empty (and keeps its place,
 * so later arguments are not shifted onto it); a value with text of its own (Nunjucks' `| safe`
 * strings, a list) is that text, as the template language would print it; a plain object is shown
 * as its JSON, not as `[object Object]`, so that the mistake can be seen.
 */
function argumentText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  const toText = (value as { toString?: unknown }).toString;
  if (typeof toText === "function" && toText !== Object.prototype.toString) {
    const text: unknown = Reflect.apply(toText, value, []);
    return typeof text === "string" ? text : "";
  }
  try {
    return jsonText(value) ?? "";
  } catch {
    return "";
  }
}

function templateShortcode(state: PluginState, definition: ShortcodeDefinition): (...args: unknown[]) => string {
  const feature = featureOfShortcode(definition.name);
  return function (this: { page?: { inputPath?: string; outputPath?: unknown } } | undefined, ...args: unknown[]): string {
    const positional: string[] = [];
    const named: Record<string, string> = {};
    // Nunjucks calls a shortcode written without arguments with one empty string.
    if (args.length === 1 && args[0] === "") args = [];
    args.forEach((arg, index) => {
      // Nunjucks passes keyword arguments as a trailing object marked `__keywords`.
      if (index === args.length - 1 && arg && typeof arg === "object" && (arg as { __keywords?: unknown }).__keywords === true) {
        for (const [k, v] of Object.entries(arg)) if (k !== "__keywords") named[k] = argumentText(v);
      } else positional.push(argumentText(arg));
    });
    try {
      const html = timed("render", () => outputHtml(definition.render({ positional, named }, state.context())));
      // A page that is not written (`permalink: false`) has no output path and gets nothing.
      const outputPath = this?.page?.outputPath;
      if (feature !== undefined && typeof outputPath === "string") state.uses(outputPath, [feature]);
      return html;
    } catch (error) {
      if (error instanceof ShortcodeUsageError) {
        const where = this?.page?.inputPath ?? "a template";
        throw new MentorDirectoryError(`${where}: ${definition.templateName}: ${error.message}${error.hint ? ` (${error.hint})` : ""}`);
      }
      throw error;
    }
  };
}

// Options of each registration, by config: a second `addPlugin` with other options is reported.
const registered = new WeakMap<object, ResolvedOptions>();

/** An option's value in a message; `undefined` (a page URL not set) is "unset". */
function shown(value: unknown): string {
  return jsonText(value) ?? "unset";
}

/** `option: kept ≠ ignored` for each option the two registrations set differently. */
function changedOptions(kept: ResolvedOptions, ignored: ResolvedOptions): string[] {
  const keys = Object.keys(kept) as (keyof ResolvedOptions)[];
  return keys
    .filter((key) => shown(kept[key]) !== shown(ignored[key]))
    .map((key) => `\`${key}\`: ${shown(kept[key])} kept, ${shown(ignored[key])} ignored`);
}

/**
 * The Eleventy plugin. `eleventyConfig.addPlugin(mentorDirectory, { dataDir: "data/team_members" })`.
 * Registering it again with the same options is harmless; with other options it warns and keeps
 * the first.
 */
export function mentorDirectory(eleventyConfig: EleventyConfig, userOptions: MentorDirectoryOptions = {}): void {
  try {
    eleventyConfig.versionCheck(ELEVENTY_COMPATIBILITY);
  } catch (error) {
    throw new MentorDirectoryError(`${PACKAGE} needs Eleventy ${ELEVENTY_COMPATIBILITY}: ${(error as Error).message}`);
  }
  const options = resolveOptions(userOptions);
  const log = createLog(eleventyConfig.logger);
  const first = registered.get(eleventyConfig);
  if (first !== undefined) {
    const differences = changedOptions(first, options);
    if (differences.length > 0) {
      log.warn(
        `the plugin is registered twice with different options; the second registration is ignored (${differences.join("; ")}). ` +
          `Register it once, with all the options.`,
      );
    }
    return;
  }
  registered.set(eleventyConfig, options);

  const state = new PluginState(options, log);
  const registry = createShortcodeRegistry(builtinShortcodes);

  eleventyConfig.addWatchTarget(options.dataDir);
  // Eleventy 3 starts no build for a deleted file; the plugin asks for one (watch mode only).
  watchDeletions(eleventyConfig, options.dataDir, (message) => log.warn(message));
  eleventyConfig.on("eleventy.beforeWatch", (changed) => {
    const files = (Array.isArray(changed) ? changed : []).map(String);
    const dataDir = path.resolve(options.dataDir);
    const inData = files.filter((f) => path.resolve(f).startsWith(dataDir + path.sep));
    // Only the team files that changed are read again; anything else keeps the team as it is.
    state.markChanged(inData);
  });
  const timings = options.timings || debugAsksForTimings();
  eleventyConfig.on("eleventy.before", async () => {
    if (timings) startTimings();
    state.finishing.clear();
    state.features.clear();
    await state.load();
  });
  eleventyConfig.on("eleventy.contentMap", (map) => {
    const directories = eleventyConfig.directories ?? {};
    state.setSite(
      readSitePages(
        map as ContentMap,
        { input: directories.input ?? ".", passthrough: eleventyConfig.passthroughCopies ?? {} },
        options.teamPageUrl === undefined || options.mentoringPageUrl === undefined,
      ),
    );
  });
  eleventyConfig.on("eleventy.after", () => {
    const times = timings ? stopTimings() : undefined;
    if (times) log.force(times.format());
    if (state.report && state.report.summary.errors > 0 && !options.failOnError) {
      log.error(`built with ${state.report.summary.errors} error(s): entries with errors were left out (see above)`);
    }
  });

  eleventyConfig.addGlobalData(options.dataKey, () => state.load());
  if (options.jsonUrl) {
    eleventyConfig.addTemplate("mentor-directory/mentors.11ty.js", {
      data: { permalink: options.jsonUrl, eleventyExcludeFromCollections: true, layout: false },
      // `this.url` is Eleventy's `url` filter: it adds the site's `pathPrefix`, which no HTML
      // transform does for JSON.
      render: async function (this: { url?: (url: string) => string }) {
        const directory = await state.load();
        const teamPageUrl = state.teamPageUrl;
        const document = mentorsDocument(directory, {
          siteUrl: options.siteUrl || "",
          teamPageUrl: teamPageUrl !== "" && this.url ? this.url(teamPageUrl) : teamPageUrl,
          upstreamUrl: options.upstreamUrl || "",
          fields: options.exportFields,
        });
        return JSON.stringify(document, null, 2) + "\n";
      },
    });
  }
  eleventyConfig.addPassthroughCopy({ [assetsDir]: options.assetsUrl.replace(/^\/|\/$/g, "") });

  for (const definition of builtinShortcodes) {
    if (definition.paired) continue;
    eleventyConfig.addShortcode(definition.templateName, templateShortcode(state, definition));
  }

  /** `broken-anchor` problems, as the `anchorCheck` option says. */
  function reportAnchors(diagnostics: readonly Diagnostic[]): void {
    if (diagnostics.length === 0) return;
    if (options.anchorCheck === "error") throw new PageError(diagnostics);
    for (const d of diagnostics) logDiagnostic(log, { ...d, severity: "warning" });
  }

  if (options.markdown) {
    eleventyConfig.addExtension("md", {
      // Permalinks of `.md` pages stay templates, rendered by the site's engine (see the extension).
      compileOptions: { permalink: true },
      ...markdownPagesExtension({
        shortcodes: registry,
        context: async () => {
          await state.load();
          return state.context();
        },
        isLocalPath: (pathname) => pathname.startsWith(options.assetsUrl) || (state.site ? state.site.isLocal(pathname) : true),
        upstreamUrl: options.upstreamUrl || "",
        headingIds: options.headingIds,
        toc: options.toc,
        fillableTables: options.fillableTables,
        checkAnchors: options.anchorCheck !== false,
        finish: (outputPath, finish) => state.finishing.set(outputPath, finish),
        uses: (outputPath, features) => state.uses(outputPath, features),
        report: (diagnostics) => reportAnchors(diagnostics),
      }),
    });
    eleventyConfig.addTransform("mentor-directory-pages", function (content) {
      const outputPath = this.page?.outputPath;
      const finish = typeof outputPath === "string" ? state.finishing.get(outputPath) : undefined;
      if (finish === undefined) return content;
      if (!isPageWrite(content, finish, this.baseHref)) return withoutTocPlace(content);
      const finished = finishPage(content, finish);
      reportAnchors(finished.diagnostics);
      return finished.html;
    });
  }

  if (options.injectAssets) {
    // The `url` filter is Eleventy's own: it knows the `pathPrefix` however the site set it.
    const href = (url: string): string => {
      const filter = eleventyConfig.getFilter?.("url");
      if (typeof filter !== "function") return url;
      const result: unknown = Reflect.apply(filter, undefined, [url]);
      return typeof result === "string" ? result : url;
    };
    eleventyConfig.addTransform("mentor-directory-assets", function (content) {
      const outputPath = this.page?.outputPath;
      const features = typeof outputPath === "string" ? state.features.get(outputPath) : undefined;
      // A feed renders a page's content with its own base URL: that is no page to load files in.
      if (features === undefined || (typeof this.baseHref === "string" && this.baseHref !== "")) return content;
      const html = addAssetTags(content, assetFiles(features), options.assetsUrl, href);
      const ownWords = features.has("directory") || features.has("team");
      return state.labelsBlock !== undefined && features.has("fillable") && !ownWords ? addToHead(html, state.labelsBlock) : html;
    });
  }
}
