/**
 * What the plugin keeps for one Eleventy config between and during builds: the team (loaded once
 * per build, incrementally in watch mode), the site's pages, and what each page rendered.
 */
import path from "node:path";
import { MentorDirectoryError } from "./config.js";
import { logTeamReport, type Log } from "./log.js";
import type { TocAndAnchorCheck } from "./toc-and-anchors.js";
import type { PageFeature } from "./page-assets.js";
import type { SitePages } from "./site-pages.js";
import { OptionError, type ResolvedOptions } from "./options.js";
import { buildDirectory, type Directory } from "../team/model/directory.js";
import { TeamFolderError } from "../team/read/folder.js";
import { TeamStore } from "../team/pipeline/team-store.js";
import { readSchemaFile } from "../team/check/schema.js";
import { SchemaFileError, type TeamSchema } from "../team/read/schema-file.js";
import type { TeamReport } from "../team/check/team-report.js";
import { timed } from "../diagnostics/timings.js";
import type { ShortcodeContext } from "../../shortcodes/types.js";
import { fragmentHtml, HtmlWriter } from "../../shortcodes/html-writer.js";
import { resolveLabels, scriptLabels, type Labels } from "../text/labels.js";
import { KeptCards } from "../../shortcodes/kept-cards.js";

/** The `schema` option's file, read and compiled now: a schema that cannot be used is an option error, not a stack trace. */
function schemaOption(file: string): TeamSchema {
  try {
    return readSchemaFile(file);
  } catch (error) {
    if (error instanceof SchemaFileError) throw OptionError.unusable("schema", error.message);
    throw error;
  }
}

/** The plugin state of one Eleventy config: the team, the site's pages and what its pages need when written. */
export class PluginState {
  readonly store: TeamStore;
  directory: Directory | undefined;
  report: TeamReport | undefined;
  site: SitePages | undefined;
  /** What each page the plugin rendered needs when it is written, by output path. */
  readonly awaitingWrite = new Map<string, TocAndAnchorCheck>();
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
  /** Members' cards kept in the cache folder between builds, when the site gave a secret to sign them. */
  readonly cards: KeptCards | undefined;

  constructor(
    readonly options: ResolvedOptions,
    readonly log: Log,
  ) {
    this.#labels = resolveLabels(options.labels);
    const words = scriptLabels(this.#labels);
    this.labelsBlock = words && fragmentHtml(new HtmlWriter().json({ "data-mentor-labels": true }, words).fragment());
    this.store = new TeamStore([options.dataDir], {
      maxFileBytes: options.maxFileBytes,
      // Registered while Eleventy reads its configuration: the files are read while it starts.
      readAhead: true,
      ...(options.schema ? { schema: schemaOption(options.schema) } : {}),
      ...(options.cacheDir ? { cacheDir: options.cacheDir, warn: (message: string) => log.warn(message) } : {}),
    });
    this.cards =
      options.cacheDir && options.cacheSecret
        ? new KeptCards(path.resolve(options.cacheDir), path.resolve(options.dataDir), options.cacheSecret, {
            warn: (message) => log.warn(message),
            contentKey: (member) => this.store.contentKeyOf(member.data),
          })
        : undefined;
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
      this.directory = timed("directory", () => buildDirectory(report.members, { adopt: true, previous: this.directory }));
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
      ...(this.cards ? { cards: this.cards } : {}),
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
