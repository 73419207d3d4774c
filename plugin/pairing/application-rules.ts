/** The rules of application files, and how their readers collect what breaks them. */
import { Problems } from "../diagnostics/problems.js";
import { rule, RuleSet, type RuleId } from "../diagnostics/rules.js";

/** Rules of reading applications, in the order a file meets them. */
export const APPLICATION_RULES = new RuleSet([
  rule(
    "pairing-syntax",
    "error",
    "well-formed CSV (quotes closed, inner quotes doubled) or a YAML list of mappings",
    'jdoe,"Code review',
    'jdoe,"Code review"',
  ),
  rule("pairing-header", "error", "the columns needed are present, each once", "slug,areas", "slug,focus_areas"),
  rule(
    "pairing-extra-fields",
    "error",
    "no more fields than the header (a field holding a comma needs quotes)",
    "jdoe,Code review, Testing",
    'jdoe,"Code review, Testing"',
  ),
  rule("pairing-missing-member", "error", "a row names a team member (slug or name)", ",Code review", "jdoe,Code review"),
  rule(
    "pairing-unknown-member",
    "error",
    "the slug or name is a team member's (suggests the closest)",
    "jdeo,Code review",
    "jdoe,Code review",
  ),
  rule(
    "pairing-ambiguous-name",
    "error",
    "a name matches one team member only (else give the slug)",
    "(name: Alex Kim, for two team members of that name)",
    "(slug: akim)",
  ),
  rule("pairing-duplicate", "error", "nobody applies twice in one file", "(jdoe on rows 2 and 7)", "(jdoe on one row)"),
  rule("pairing-capacity", "error", "a capacity is a whole number from 0 to 1000", "capacity: two", "capacity: 2"),
  rule(
    "pairing-field-type",
    "error",
    "a YAML value is text, a number or a list of texts",
    "focus_areas: {review: yes}",
    "focus_areas: [Code review]",
  ),
  rule(
    "pairing-name-mismatch",
    "warning",
    "slug and name of a row are the same person",
    "(slug: jdoe, name: Ann Lee)",
    "(slug: alee, name: Ann Lee)",
  ),
  rule(
    "pairing-time-zone",
    "warning",
    "the time zone or location can be read (unknown is neutral)",
    "time_zone: Berlin time",
    "time_zone: Europe/Berlin",
  ),
  rule("pairing-no-focus-area", "warning", "a mentee names at least one focus area", "jdoe,", "jdoe,Code review"),
  rule("pairing-empty", "warning", "the file holds at least one application", "(a header row alone)", "(a row per application)"),
]);

export type ApplicationRule = RuleId<typeof APPLICATION_RULES>;

/** Problems of one application file, in the order they are found. */
export function applicationProblems(file: string): Problems<ApplicationRule> {
  return new Problems(APPLICATION_RULES, file);
}
