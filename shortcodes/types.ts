import type { ElementContent } from "hast";
import type { Directory } from "../plugin/team/model/directory.js";
import type { Labels } from "../plugin/text/labels.js";
import type { HtmlFragment } from "./html-writer.js";
import type { CardStore } from "./kept-cards.js";

/**
 * What a shortcode renders: a hast tree, or finished HTML (`HtmlWriter`) for output so large that
 * building and walking a tree of it would cost more than the rest of the page.
 */
export type ShortcodeOutput = ElementContent[] | HtmlFragment;

/** Arguments of one shortcode call, as written in the page. */
export interface ShortcodeArguments {
  /** `{{< name "a" b >}}` → `["a", "b"]` */
  readonly positional: readonly string[];
  /** `{{< name id="x" >}}` → `{ id: "x" }` */
  readonly named: Readonly<Record<string, string>>;
}

/** What every shortcode may use while rendering. */
export interface ShortcodeContext {
  /** The team, validated and frozen. */
  readonly directory: Directory;
  /** URL path of the team page, e.g. `/company/team/`; `""` when the site has none (names are not linked). */
  readonly teamPageUrl: string;
  /** Base for root-relative links in team data to pages this site does not have; `""` keeps them as written. */
  readonly upstreamUrl: string;
  /** URL path of the page holding the mentor directory. Default: no link from the team page. */
  readonly mentoringPageUrl?: string;
  /** The words written into pages (the `labels` option over English). Default: English. */
  readonly labels?: Labels;
  /** Members' cards kept between builds (signed, in the cache folder). Default: kept in memory only. */
  readonly cards?: CardStore;
}

/** Thrown by a shortcode for a problem in the page (missing argument, bad id …). */
export class ShortcodeUsageError extends Error {
  constructor(
    message: string,
    /** What to write instead. */
    readonly hint?: string,
  ) {
    super(message);
    this.name = "ShortcodeUsageError";
  }
}

export interface ShortcodeDefinition {
  /** The name used in Hugo syntax, e.g. `group-by-expertise`. */
  readonly name: string;
  /** Name for Liquid and Nunjucks, which reject hyphens: `groupByExpertise`. */
  readonly templateName: string;
  /** Whether the shortcode takes content: `{{< note >}}…{{< /note >}}`. */
  readonly paired: boolean;
  /** One line for the list of known shortcodes shown in errors. */
  readonly usage: string;
  /**
   * Render to hast, or to an `HtmlFragment` written with `HtmlWriter` (never to plain strings:
   * both escape by construction). `children` is the rendered inner content of a paired call.
   * Throws `ShortcodeUsageError` for a bad call.
   */
  render(args: ShortcodeArguments, context: ShortcodeContext, children?: ElementContent[]): ShortcodeOutput;
}
