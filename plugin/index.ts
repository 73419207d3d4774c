/**
 * eleventy-plugin-mentor-directory: the Eleventy plugin, and the pure functions behind it for
 * tools that want the team data without Eleventy.
 */
import { mentorDirectory, PACKAGE } from "./eleventy.js";

// Eleventy reads these to skip a second registration of the same plugin.
Object.defineProperty(mentorDirectory, "eleventyPackage", { value: PACKAGE });
Object.defineProperty(mentorDirectory, "eleventyPluginOptions", { value: { unique: true } });

export { mentorDirectory };
export { DEFAULTS, OptionError, resolveOptions, type MentorDirectoryOptions } from "./options.js";
export type { Diagnostic, Severity, ReportFormat, ReportSummary } from "./diagnostics.js";
export { formatDiagnostic, formatReport } from "./diagnostics.js";
export { TeamStore, validateTeam } from "./team/store.js";
export type { TeamReport, TeamSummary } from "./team/validate.js";
export type { Member, ExpertiseItem } from "./team/types.js";
export { parseExpertise } from "./team/expertise.js";
export { buildDirectory, selectMembers, type Directory, type Topic } from "./team/directory.js";
export { renderMarkdown, MarkdownRenderError } from "./markdown/index.js";
export { schemaPath } from "./team/schema.js";
export type { ShortcodeDefinition, ShortcodeContext, ShortcodeArguments } from "../shortcodes/types.js";
export { builtinShortcodes } from "../shortcodes/index.js";
export * as pairing from "./pairing/index.js";
export { mentorsDocument, type MentorsDocument, type MentorRecord } from "./team/export.js";
