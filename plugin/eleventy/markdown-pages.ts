/**
 * The `md` extension: the plugin renders the Markdown pages written for it, and hands every other
 * page to the site's own Markdown engine (`this.defaultRenderer`) untouched, so that its
 * markdown-it settings, `amendLibrary` plugins, highlighter, `markdownTemplateEngine` and
 * `templateEngineOverride` all apply as before.
 *
 * A page is the plugin's when it calls a Hugo shortcode outside code, or when its data says
 * `handbookMarkdown: true`; `handbookMarkdown: false` leaves a page to the site whatever it holds.
 */
import { location } from "vfile-location";
import { readFileSync } from "node:fs";
import path from "node:path";
import { toHtml } from "hast-util-to-html";
import type { Diagnostic } from "../diagnostics/index.js";
import { formatDiagnostic } from "../diagnostics/index.js";
import { Problems } from "../diagnostics/problems.js";
import { PAGE_RULES } from "../markdown/page-rules.js";
import { createSlugger, createToc } from "../markdown/headings.js";
import { inspectPage, MarkdownRenderError, renderMarkdown, type TemplateSyntax } from "../markdown/index.js";
import type { PageFrameStore } from "../../shortcodes/kept-cards.js";
import type { ShortcodeContext, ShortcodeDefinition } from "../../shortcodes/types.js";
import { addTocAndCheckAnchors, markTocPlace, type TocAndAnchorCheck } from "./toc-and-anchors.js";
import { featureOfShortcode, type PageFeature } from "./page-assets.js";
import { timed } from "../diagnostics/timings.js";
import { ENGLISH, say } from "../text/labels.js";

/** The data key a page or folder sets to opt in (`true`) or out (`false`). */
const OPT_IN_KEY = "handbookMarkdown";

interface MarkdownPagesOptions {
  readonly shortcodes: ReadonlyMap<string, ShortcodeDefinition>;
  /** The shortcode context of the current build (loads the team first). */
  context(): Promise<ShortcodeContext>;
  /** Whether a root-relative path is something the site outputs. */
  isLocalPath: (pathname: string) => boolean;
  readonly upstreamUrl: string;
  readonly headingIds: boolean;
  readonly toc: boolean;
  readonly fillableTables: boolean;
  readonly checkAnchors: boolean;
  /** Keeps what the page needs when it is written, by output path (see `toc-and-anchors.ts`). */
  keepForWrite(outputPath: string, pending: TocAndAnchorCheck): void;
  /** Records what the page rendered that needs the plugin's browser files, by output path (see `page-assets.ts`). */
  uses(outputPath: string, features: readonly PageFeature[]): void;
  /** Anchor problems of a page that is not written, reported as the anchor check says. */
  report(diagnostics: readonly Diagnostic[]): void;
  /** Where pages' frames are kept between builds (signed, with the cards), if anywhere. */
  readonly frames?: PageFrameStore | undefined;
}

/** A problem in a page the plugin renders: the text is the whole story, no stack trace helps. */
export class PageError extends Error {
  readonly skipOriginalStack = true;
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "PageError";
  }
}

type Render = (data: Record<string, unknown>) => Promise<string>;

/** The Eleventy calling convention: `this.defaultRenderer` is the site's own engine for the page. */
export interface CompileThis {
  readonly defaultRenderer?: Render;
  readonly config?: { readonly markdownTemplateEngine?: unknown };
}

export function markdownPagesExtension(options: MarkdownPagesOptions): {
  compile(this: CompileThis, input: string, inputPath: string): Render;
} {
  return {
    compile(input, inputPath) {
      const site = this.defaultRenderer;
      const siteEngine = this.config?.markdownTemplateEngine;
      const syntax = inspectPage(input, options.shortcodes, false, options.frames);
      const file = path.relative(process.cwd(), inputPath) || inputPath;
      let lineOffset: number | undefined;

      return async (data) => {
        // With `compileOptions.permalink`, Eleventy compiles a page's permalink through this
        // extension too: that text is the page's own `permalink`, and always the site's.
        if (typeof data.permalink === "string" && input === data.permalink) return siteRender(data);
        const choice = data[OPT_IN_KEY];
        const optedIn = choice === true;
        if (!optedIn && (choice === false || !syntax.callsShortcode)) return siteRender(data);

        lineOffset ??= bodyLineOffset(inputPath, input);
        const preprocessor = templateEngineOf(data.templateEngineOverride, siteEngine);
        const tags = preprocessor
          ? (optedIn ? inspectPage(input, options.shortcodes, true, options.frames) : syntax).templateSyntax
          : undefined;
        if (tags && preprocessor) {
          const why = syntax.callsShortcode ? "calls Hugo shortcodes" : `sets \`${OPT_IN_KEY}: true\``;
          throw new PageError([templateSyntaxProblem(file, why, preprocessor, tags, lineOffset)]);
        }

        const page = data.page as { url?: unknown; outputPath?: unknown } | undefined;
        const context = await options.context();
        let rendered;
        try {
          rendered = timed("render", () =>
            renderMarkdown(input, {
              file,
              lineOffset,
              shortcodes: options.shortcodes,
              context,
              pageUrl: typeof page?.url === "string" ? page.url : "/",
              upstreamUrl: options.upstreamUrl,
              isLocalPath: options.isLocalPath,
              // The table of contents links to the headings, so they need ids.
              headingIds: options.headingIds || options.toc,
              toc: false,
              fillableTables: options.fillableTables,
              checkAnchors: false,
              ...(options.frames ? { frames: options.frames } : {}),
            }),
          );
        } catch (error) {
          if (error instanceof MarkdownRenderError) throw new PageError(error.diagnostics);
          throw error;
        }
        const tocTitle = say(context.labels ?? ENGLISH, "tocTitle");
        const nav = options.toc
          ? createToc(rendered.headings, { title: tocTitle, titleId: createSlugger(rendered.ids).slug(tocTitle) })
          : undefined;
        const body = nav ? markTocPlace(rendered.html) : rendered.html;
        const pending: TocAndAnchorCheck = {
          body,
          toc: nav ? toHtml(nav) : undefined,
          anchors: options.checkAnchors ? rendered.anchors : [],
          file,
          hasLayout: typeof data.layout === "string" && data.layout !== "",
        };
        // A page that is not written (`permalink: false`) has no written page: its body is all
        // there is to check.
        if (typeof page?.outputPath === "string") {
          options.keepForWrite(page.outputPath, pending);
          options.uses(page.outputPath, featuresOf(rendered.shortcodes, rendered.fillable));
        } else options.report(addTocAndCheckAnchors(body, { ...pending, toc: undefined }).diagnostics);
        return body;
      };

      function siteRender(data: Record<string, unknown>): Promise<string> {
        if (!site) throw new Error(`${file}: Eleventy gave no Markdown engine for a page the plugin does not render`);
        return site(data);
      }
    },
  };
}

/** Template tags in a page the plugin renders without the site's template engine: they would show as written. */
function templateSyntaxProblem(file: string, why: string, engine: string, tags: TemplateSyntax, lineOffset: number): Diagnostic {
  return new Problems(PAGE_RULES, file).report(
    "template-syntax",
    { line: tags.place.line + lineOffset, column: tags.place.column },
    `this page ${why}, so the plugin renders it without ${engine}, ` + `and \`${tags.text}\` would be printed as written`,
    {
      hint:
        `Write the shortcodes in the template language instead (\`{% groupByExpertise "mentor" %}\`, \`{% youtube "id" %}\`) ` +
        `so the site renders the page as before; ` +
        `or, if the tags are meant as text, set \`templateEngineOverride: md\` in the page's front matter.`,
    },
  );
}

/** What a page rendered by the plugin needs of its browser files. */
function featuresOf(shortcodes: readonly string[], fillable: boolean): PageFeature[] {
  const features = shortcodes.map(featureOfShortcode).filter((feature) => feature !== undefined);
  return fillable ? [...features, "fillable"] : features;
}

/**
 * The template engine Eleventy would run over the page before Markdown: the one named with `md`
 * in `templateEngineOverride` ("njk,md"), none for `"md"` alone, else `markdownTemplateEngine`
 * (Liquid unless the site says otherwise).
 */
function templateEngineOf(override: unknown, siteEngine: unknown): string | undefined {
  if (typeof override === "string" && override.trim() !== "") {
    const other = override
      .split(",")
      .map((s) => s.trim())
      .find((s) => s !== "md");
    return other ? engineName(other) : undefined;
  }
  if (siteEngine === false) return undefined;
  return engineName(typeof siteEngine === "string" ? siteEngine : "liquid");
}

function engineName(key: string): string {
  return key === "njk" ? "Nunjucks" : key === "liquid" ? "Liquid" : key;
}

/** Lines taken by front matter, which Eleventy strips before compiling. */
function bodyLineOffset(inputPath: string, body: string): number {
  try {
    const raw = readFileSync(inputPath, "utf8");
    const at = body ? raw.lastIndexOf(body) : -1;
    if (at <= 0) return 0;
    return (location(raw).toPoint(at)?.line ?? 1) - 1;
  } catch {
    return 0;
  }
}
