/**
 * The Eleventy plugin: a list of registrations. Each puts one part of the plugin into the site —
 * the team's lifecycle over builds, global data and `/mentors.json`, the template shortcodes, the
 * `md` extension for the plugin's own pages with their last step, and the browser assets.
 */
import path from "node:path";
import { createRequire } from "node:module";
import { MentorDirectoryError, type EleventyConfig } from "./config.js";
import { createLog, logDiagnostic, type Log } from "./log.js";
import { addTocAndCheckAnchors, isPageWrite, withoutTocPlace } from "./toc-and-anchors.js";
import type { Diagnostic } from "../diagnostics/index.js";
import { markdownPagesExtension, PageError } from "./markdown-pages.js";
import { addAssetTags, addToHead, assetFiles } from "./page-assets.js";
import { PluginState } from "./plugin-state.js";
import { isFirstRegistration } from "./registration.js";
import { readSitePages, type ContentMap } from "./site-pages.js";
import { watchTeamFolder } from "./team-watch.js";
import { templateShortcode } from "./template-shortcodes.js";
import { resolveOptions, type MentorDirectoryOptions, type ResolvedOptions } from "./options.js";
import { ELEVENTY_COMPATIBILITY, PACKAGE } from "../package.js";
import { mentorsJson } from "../team/model/export.js";
import { debugAsksForTimings, startTimings, stopTimings, timed } from "../diagnostics/timings.js";
import { builtinShortcodes } from "../../shortcodes/index.js";
import { prepareTeamPage } from "../../shortcodes/team-members.js";
import { createShortcodeRegistry } from "../../shortcodes/registry.js";

export type { EleventyConfig };

const require = createRequire(import.meta.url);

/** Folder of the browser assets shipped with the package. */
const assetsDir: string = path.dirname(require.resolve(`${PACKAGE}/assets/mentor-directory.js`));

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
  if (!isFirstRegistration(eleventyConfig, options, log)) return;

  const state = new PluginState(options, log);
  addTeamLifecycle(eleventyConfig, state);
  addTeamData(eleventyConfig, state);
  eleventyConfig.addPassthroughCopy({ [assetsDir]: options.assetsUrl.replace(/^\/|\/$/g, "") });
  for (const definition of builtinShortcodes) {
    if (!definition.paired) eleventyConfig.addShortcode(definition.templateName, templateShortcode(state, definition));
  }
  if (options.markdown) addMarkdownPages(eleventyConfig, state);
  if (options.injectAssets) addAssetInjection(eleventyConfig, state);
}

/**
 * The team over builds: watched (deletions included), read again where files changed, loaded
 * before each build, its team page written once the site's pages are known, timed on request.
 */
function addTeamLifecycle(eleventyConfig: EleventyConfig, state: PluginState): void {
  const { options, log } = state;
  // The plugin watches the team folder itself and asks for a build (watch and serve mode only).
  const teamWatch = watchTeamFolder(eleventyConfig, options.dataDir, log);
  eleventyConfig.on("eleventy.beforeWatch", (changed) => {
    const files = (Array.isArray(changed) ? changed : []).map(String);
    const dataDir = path.resolve(options.dataDir);
    const saved = teamWatch.takeChanged();
    // Only the team files that changed are read again; anything else keeps the team as it is.
    // Eleventy names them when it watches the folder too (a folder inside the site's input, or polling).
    state.markChanged(saved && [...saved, ...files.filter((f) => path.resolve(f).startsWith(dataDir + path.sep))]);
  });
  const timings = options.timings || debugAsksForTimings();
  eleventyConfig.on("eleventy.before", async () => {
    if (timings) startTimings();
    state.awaitingWrite.clear();
    state.features.clear();
    await state.load();
  });
  eleventyConfig.on("eleventy.contentMap", (map) => {
    const directories = eleventyConfig.directories ?? {};
    const site = readSitePages(
      map as ContentMap,
      { input: directories.input ?? ".", passthrough: eleventyConfig.passthroughCopies ?? {} },
      options.teamPageUrl === undefined || options.mentoringPageUrl === undefined,
    );
    state.setSite(site);
    // The team page is written before pages render, not inside the template that places it: its
    // cost is the build's, not one template call's (which Eleventy would report as slow).
    if (state.directory && state.teamPageUrl !== "" && site.isLocal(state.teamPageUrl)) {
      const context = state.context();
      timed("render", () => prepareTeamPage(context));
    }
  });
  eleventyConfig.on("eleventy.after", (event) => {
    // Watch mode keeps cards in memory between builds; a file written on every save would cost
    // each rebuild the whole team's cards, for the next start only.
    if ((event as { runMode?: unknown } | undefined)?.runMode === "build") timed("cache-write", () => state.cards?.save());
    const times = timings ? stopTimings() : undefined;
    if (times) log.force(times.format());
    if (state.report && state.report.summary.errors > 0 && !options.failOnError) {
      log.error(`built with ${state.report.summary.errors} error(s): entries with errors were left out (see above)`);
    }
  });
}

/** The directory as global data, and as `/mentors.json` when the site wants it. */
function addTeamData(eleventyConfig: EleventyConfig, state: PluginState): void {
  const { options } = state;
  eleventyConfig.addGlobalData(options.dataKey, () => state.load());
  if (!options.jsonUrl) return;
  eleventyConfig.addTemplate("mentor-directory/mentors.11ty.js", {
    data: { permalink: options.jsonUrl, eleventyExcludeFromCollections: true, layout: false },
    // `this.url` is Eleventy's `url` filter: it adds the site's `pathPrefix`, which no HTML
    // transform does for JSON.
    render: async function (this: { url?: (url: string) => string }) {
      const directory = await state.load();
      const teamPageUrl = state.teamPageUrl;
      return mentorsJson(
        directory,
        {
          siteUrl: options.siteUrl || "",
          teamPageUrl: teamPageUrl !== "" && this.url ? this.url(teamPageUrl) : teamPageUrl,
          upstreamUrl: options.upstreamUrl || "",
          fields: options.exportFields,
        },
        state.cards?.texts("mentor record"),
      );
    },
  });
}

/** `broken-anchor` problems, as the `anchorCheck` option says. */
function anchorReporter(options: ResolvedOptions, log: Log): (diagnostics: readonly Diagnostic[]) => void {
  return (diagnostics) => {
    if (diagnostics.length === 0) return;
    if (options.anchorCheck === "error") throw new PageError(diagnostics);
    for (const d of diagnostics) logDiagnostic(log, { ...d, severity: "warning" });
  };
}

/** The `md` extension for the plugin's own pages, and their last step on the finished HTML. */
function addMarkdownPages(eleventyConfig: EleventyConfig, state: PluginState): void {
  const { options } = state;
  const reportAnchors = anchorReporter(options, state.log);
  eleventyConfig.addExtension("md", {
    // Permalinks of `.md` pages stay templates, rendered by the site's engine (see the extension).
    compileOptions: { permalink: true },
    ...markdownPagesExtension({
      shortcodes: createShortcodeRegistry(builtinShortcodes),
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
      keepForWrite: (outputPath, pending) => state.awaitingWrite.set(outputPath, pending),
      uses: (outputPath, features) => state.uses(outputPath, features),
      report: reportAnchors,
      frames: state.cards,
    }),
  });
  eleventyConfig.addTransform("mentor-directory-pages", function (content) {
    const outputPath = this.page?.outputPath;
    const pending = typeof outputPath === "string" ? state.awaitingWrite.get(outputPath) : undefined;
    if (pending === undefined) return content;
    if (!isPageWrite(content, pending, this.baseHref)) return withoutTocPlace(content);
    const checked = addTocAndCheckAnchors(content, pending);
    reportAnchors(checked.diagnostics);
    return checked.html;
  });
}

/** The stylesheet and scripts, added to the pages that render something needing them. */
function addAssetInjection(eleventyConfig: EleventyConfig, state: PluginState): void {
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
    const html = addAssetTags(content, assetFiles(features), state.options.assetsUrl, href);
    const ownWords = features.has("directory") || features.has("team");
    return state.labelsBlock !== undefined && features.has("fillable") && !ownWords ? addToHead(html, state.labelsBlock) : html;
  });
}
