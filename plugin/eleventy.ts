/**
 * The Eleventy wiring, kept thin: options, one team load per build (incremental in watch mode),
 * global data, shortcodes for Markdown/Liquid/Nunjucks, the `md` extension and the assets.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { toHtml } from "hast-util-to-html";
import { formatDiagnostic, formatSummary, limitWarnings, type Diagnostic } from "./diagnostics.js";
import { MarkdownRenderError, renderMarkdown } from "./markdown/index.js";
import { resolveOptions, type MentorDirectoryOptions, type ResolvedOptions } from "./options.js";
import { buildDirectory, type Directory } from "./team/directory.js";
import { mentorsDocument } from "./team/export.js";
import { createTeamSource, type TeamSource } from "./team/background.js";
import { TeamFolderError } from "./team/load.js";
import type { TeamReport } from "./team/validate.js";
import { builtinShortcodes } from "../shortcodes/index.js";
import { createShortcodeRegistry } from "../shortcodes/registry.js";
import type { ShortcodeContext, ShortcodeDefinition } from "../shortcodes/types.js";
import { ShortcodeUsageError } from "../shortcodes/types.js";
import { parseYaml } from "./yaml.js";

const PACKAGE = "eleventy-plugin-mentor-directory";
const require = createRequire(import.meta.url);
const pkg = require(`${PACKAGE}/package.json`) as { version: string; "11ty": { compatibility: string } };

/** Folder of the browser assets shipped with the package. */
export const assetsDir: string = path.dirname(require.resolve(`${PACKAGE}/assets/mentor-directory.js`));

/** A build-stopping problem whose text is the whole story: no stack trace is useful. */
class MentorDirectoryError extends Error {
  readonly skipOriginalStack = true;
  constructor(message: string) {
    super(message);
    this.name = "MentorDirectoryError";
  }
}

// Minimal structural type of the Eleventy config API we use; Eleventy ships no types for it.
interface EleventyConfig {
  versionCheck(range: string): void;
  addGlobalData(name: string, value: unknown): void;
  addShortcode(name: string, fn: (...args: unknown[]) => string): void;
  addPairedShortcode(name: string, fn: (content: string, ...args: unknown[]) => string): void;
  addExtension(ext: string, options: { compile: (input: string, inputPath: string) => (data: Record<string, unknown>) => Promise<string> }): void;
  addWatchTarget(target: string): void;
  addTemplate(path: string, content: unknown, data?: unknown): void;
  addPassthroughCopy(map: Record<string, string>): void;
  setFrontMatterParsingOptions(options: Record<string, unknown>): void;
  on(event: string, fn: (arg: unknown) => unknown): void;
  logger?: { info?(message: string): void };
}

function log(message: string): void {
  process.stderr.write(`[${PACKAGE}] ${message}\n`);
}

/** Warnings of one rule printed in a build log; `mentor-directory validate` lists them all. */
const WARNINGS_PER_RULE = 5;

/** Shown at the end of a build, and before the error when it stops one. */
function reportToConsole(report: TeamReport, options: ResolvedOptions): void {
  const { shown, omitted } = limitWarnings(
    report.diagnostics.filter((d) => options.showWarnings || d.severity === "error"),
    WARNINGS_PER_RULE,
  );
  for (const d of shown) log(formatDiagnostic(d));
  for (const [rule, count] of omitted) {
    log(`… and ${count} more ${rule} warning${count === 1 ? "" : "s"}: \`npx mentor-directory validate ${options.dataDir}\` lists every one`);
  }
  log(formatSummary(report.summary));
}

/** The plugin state of one Eleventy config: the team store and the directory of the current build. */
class PluginState {
  readonly store: TeamSource;
  directory: Directory | undefined;
  report: TeamReport | undefined;
  #pending: Promise<Directory> | undefined;
  #changed: string[] | undefined;

  constructor(readonly options: ResolvedOptions) {
    // Created at registration: with a worker, the team loads while Eleventy is still starting.
    this.store = createTeamSource(
      [options.dataDir],
      { maxFileBytes: options.maxFileBytes, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) },
      options.workers,
    );
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
      reportToConsole(report, this.options);
      if (report.summary.errors > 0 && this.options.failOnError) {
        throw new MentorDirectoryError(
          `${report.summary.errors} error(s) in team-member files (listed above). Fix them, or set the plugin option \`failOnError: false\` to build with every usable entry.`,
        );
      }
      // The report is this build's own: its members can be frozen where they are.
      this.directory = buildDirectory(report.members, { adopt: true });
      return this.directory;
    })();
    return this.#pending;
  }

  context(): ShortcodeContext {
    if (!this.directory) throw new MentorDirectoryError("the mentor directory was used before the team was loaded");
    const { teamPageUrl, upstreamUrl, mentoringPageUrl } = this.options;
    return { directory: this.directory, teamPageUrl, upstreamUrl, mentoringPageUrl };
  }
}

function templateShortcode(state: PluginState, definition: ShortcodeDefinition): (...args: unknown[]) => string {
  return function (this: { page?: { inputPath?: string } }, ...args: unknown[]): string {
    const positional: string[] = [];
    const named: Record<string, string> = {};
    // Nunjucks calls a shortcode written without arguments with one empty string.
    if (args.length === 1 && args[0] === "") args = [];
    args.forEach((arg, index) => {
      // Nunjucks passes keyword arguments as a trailing object marked `__keywords`.
      if (index === args.length - 1 && arg && typeof arg === "object" && (arg as { __keywords?: unknown }).__keywords === true) {
        for (const [k, v] of Object.entries(arg)) if (k !== "__keywords") named[k] = String(v);
      } else {
        // An undefined variable keeps its place, so later arguments are not shifted onto it.
        positional.push(arg === undefined || arg === null ? "" : String(arg));
      }
    });
    try {
      return toHtml(definition.render({ positional, named }, state.context()));
    } catch (error) {
      if (error instanceof ShortcodeUsageError) {
        const where = this?.page?.inputPath ?? "a template";
        throw new MentorDirectoryError(`${where}: ${definition.templateName}: ${error.message}${error.hint ? ` (${error.hint})` : ""}`);
      }
      throw error;
    }
  };
}

/** `/a/b`, `/a/b/` and `/a/b/index.html` are one page. */
function pagePath(pathname: string): string {
  return pathname.replace(/index\.html$/, "").replace(/\/?$/, "/");
}

/** Which root-relative links stay on this site: its own pages, the plugin's pages and assets. */
function localPaths(options: ResolvedOptions, data: Record<string, unknown>): (pathname: string) => boolean {
  const pages = new Set<string>([options.teamPageUrl, options.mentoringPageUrl].map(pagePath));
  const all = (data.collections as { all?: { url?: unknown }[] } | undefined)?.all ?? [];
  for (const item of all) if (typeof item.url === "string") pages.add(pagePath(item.url));
  const page = data.page as { url?: unknown } | undefined;
  if (typeof page?.url === "string") pages.add(pagePath(page.url));
  return (pathname) =>
    pages.has(pagePath(pathname)) || pathname.startsWith(options.assetsUrl) || (options.jsonUrl !== false && pathname === options.jsonUrl);
}

/** Lines taken by front matter, which Eleventy strips before compiling. */
function bodyLineOffset(inputPath: string, body: string): number {
  try {
    const raw = readFileSync(inputPath, "utf8");
    const at = body ? raw.lastIndexOf(body) : -1;
    if (at <= 0) return 0;
    let lines = 0;
    for (let i = raw.indexOf("\n"); i !== -1 && i < at; i = raw.indexOf("\n", i + 1)) lines += 1;
    return lines;
  } catch {
    return 0;
  }
}

/**
 * The Eleventy plugin. `eleventyConfig.addPlugin(mentorDirectory, { dataDir: "data/team_members" })`.
 * Registering it twice is harmless: the second registration is ignored.
 */
export function mentorDirectory(eleventyConfig: EleventyConfig, userOptions: MentorDirectoryOptions = {}): void {
  try {
    eleventyConfig.versionCheck(pkg["11ty"].compatibility);
  } catch (error) {
    throw new MentorDirectoryError(`${PACKAGE} needs Eleventy ${pkg["11ty"].compatibility}: ${(error as Error).message}`);
  }
  const options = resolveOptions(userOptions);
  const state = new PluginState(options);
  const registry = createShortcodeRegistry(builtinShortcodes);

  eleventyConfig.addWatchTarget(options.dataDir);
  eleventyConfig.on("eleventy.beforeWatch", (changed) => {
    const files = (Array.isArray(changed) ? changed : []).map(String);
    const dataDir = path.resolve(options.dataDir);
    const inData = files.filter((f) => path.resolve(f).startsWith(dataDir + path.sep));
    // Only the team files that changed are read again; anything else keeps the team as it is.
    state.markChanged(inData);
  });
  // A configuration reload (watch mode) registers the plugin anew: release this one's threads.
  eleventyConfig.on("eleventy.reset", () => state.store.close?.());
  eleventyConfig.on("eleventy.before", async () => {
    await state.load();
  });
  eleventyConfig.on("eleventy.after", () => {
    if (state.report && state.report.summary.errors > 0 && !options.failOnError) {
      log(`built with ${state.report.summary.errors} error(s): entries with errors were left out (see above)`);
    }
  });

  eleventyConfig.addGlobalData(options.dataKey, () => state.load());
  if (options.jsonUrl) {
    eleventyConfig.addTemplate("mentor-directory/mentors.11ty.js", {
      data: { permalink: options.jsonUrl, eleventyExcludeFromCollections: true, layout: false },
      render: async () => {
        const directory = await state.load();
        const { siteUrl, teamPageUrl, upstreamUrl } = options;
        return JSON.stringify(mentorsDocument(directory, { siteUrl, teamPageUrl, upstreamUrl }), null, 2) + "\n";
      },
    });
  }
  eleventyConfig.addPassthroughCopy({ [assetsDir]: options.assetsUrl.replace(/^\/|\/$/g, "") });

  for (const definition of builtinShortcodes) {
    if (definition.paired) continue;
    eleventyConfig.addShortcode(definition.templateName, templateShortcode(state, definition));
  }

  // One YAML parser and schema for data and front matter alike.
  eleventyConfig.setFrontMatterParsingOptions({
    engines: { yaml: (text: string) => (parseYaml(text, { positions: false }).value ?? {}) as object },
  });

  if (options.markdown) {
    eleventyConfig.addExtension("md", {
      compile(input: string, inputPath: string) {
        const lineOffset = bodyLineOffset(inputPath, input);
        return async (data: Record<string, unknown>) => {
          await state.load();
          const page = data.page as { url?: string | false } | undefined;
          try {
            const rendered = await renderMarkdown(input, {
              file: path.relative(process.cwd(), inputPath) || inputPath,
              lineOffset,
              shortcodes: registry,
              context: state.context(),
              pageUrl: typeof page?.url === "string" ? page.url : "/",
              upstreamUrl: options.upstreamUrl,
              isLocalPath: localPaths(options, data),
            });
            return rendered.html;
          } catch (error) {
            if (error instanceof MarkdownRenderError) {
              throw new MentorDirectoryError(error.diagnostics.map((d: Diagnostic) => formatDiagnostic(d)).join("\n"));
            }
            throw error;
          }
        };
      },
    });
  }
}

export { PACKAGE };
