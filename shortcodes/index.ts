import { groupByExpertise } from "./group-by-expertise.js";
import { teamMembers } from "./team-members.js";
import type { ShortcodeDefinition } from "./types.js";
import { youtube } from "./youtube.js";

/** Every shortcode the plugin provides, in Hugo syntax and for Liquid/Nunjucks. */
export const builtinShortcodes: readonly ShortcodeDefinition[] = Object.freeze([groupByExpertise, teamMembers, youtube]);
