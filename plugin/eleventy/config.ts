/**
 * The part of Eleventy's configuration API the plugin uses, and the error type of a build the
 * plugin stops.
 */
import type { EleventyLogger } from "./log.js";
import type { CompileThis } from "./markdown-pages.js";

/** A build-stopping problem whose text is the whole story: no stack trace is useful. */
export class MentorDirectoryError extends Error {
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
