/**
 * What `pair` reports and assumes, apart from the pairing itself: the command's help lists them
 * without loading the team's checks.
 */
import { rule } from "../diagnostics/rules.js";
import { APPLICATION_RULES } from "./application-rules.js";

/** Every rule `pair` reports: reading the applications, then matching them with the directory (shown by `--help`). */
export const PAIRING_RULES = APPLICATION_RULES.with([
  rule(
    "pairing-mentor-without-focus",
    "warning",
    "a directory mentor lists expertise to match focus areas on",
    "(a team file with `mentor: true` and no expertise)",
    "domain_expertise: [rails]",
  ),
  rule(
    "pairing-focus-area-unoffered",
    "warning",
    "every focus area of a mentee is offered by some mentor (the warning names the closest topics)",
    "focus_areas: Kubernets",
    "focus_areas: Kubernetes",
  ),
]);

/** Mentees per mentor when nothing else says. */
export const DEFAULT_CAPACITY = 1;
