/**
 * eleventy-plugin-mentor-directory: the Eleventy plugin, and the pure functions behind it for
 * tools that want the team data without Eleventy.
 */
import { mentorDirectory } from "./eleventy/plugin.js";
import { PACKAGE } from "./package.js";

// Eleventy names the plugin by this in its logs and benchmarks. A second registration is handled by
// the plugin itself (same options: ignored; other options: a warning), not skipped unseen.
Object.defineProperty(mentorDirectory, "eleventyPackage", { value: PACKAGE });

export { mentorDirectory };
export default mentorDirectory;
export { VERSION } from "./package.js";
export {
  DEFAULTS,
  OptionError,
  resolveOptions,
  type AnchorCheck,
  type MentorDirectoryOptions,
  type ResolvedOptions,
} from "./eleventy/options.js";
export type { EleventyConfig } from "./eleventy/plugin.js";
export type { Diagnostic, Severity, ReportFormat, ReportSummary } from "./diagnostics/index.js";
export { formatDiagnostic, formatReport } from "./diagnostics/index.js";
export { TeamStore, validateTeam } from "./team/pipeline/team-store.js";
export type { TeamReport, TeamSummary } from "./team/check/team-report.js";
export type { Member, ExpertiseItem } from "./team/entry.js";
export { parseExpertise } from "./team/model/expertise.js";
export { buildDirectory, selectMembers, type Directory, type Topic } from "./team/model/directory.js";
export { renderMarkdown, MarkdownRenderError } from "./markdown/index.js";
export { schemaPath } from "./team/read/schema-file.js";
export type { ShortcodeDefinition, ShortcodeContext, ShortcodeArguments } from "../shortcodes/types.js";
export { builtinShortcodes } from "../shortcodes/index.js";
export * as pairing from "./pairing/index.js";
export { mentorsDocument, type MentorsDocument, type MentorRecord } from "./team/model/export.js";
