/**
 * Every rule a team-member file is checked against, in one place: `validate --help`, the README's
 * table and the Code Quality `check_name`s come from this list, and the tests fail when a
 * diagnostic's rule or the README's table is not in it.
 */
import type { Severity } from "../../diagnostics/index.js";

interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  /** What the rule checks, in a line. */
  readonly summary: string;
  /** A line that breaks the rule, and what to write instead. */
  readonly example: { readonly wrong: string; readonly right: string };
}

const rule = (id: string, severity: Severity, summary: string, wrong: string, right: string): RuleInfo => ({
  id,
  severity,
  summary,
  example: { wrong, right },
});

/** In the order a file meets them: reading, parsing, the schema, the file's own rules, the rules across files. */
export const TEAM_RULES: readonly RuleInfo[] = Object.freeze([
  rule(
    "symlink",
    "error",
    "the file is not a symbolic link (links are never followed)",
    "(jdoe.yml, a link to ../elsewhere.yml)",
    "(the file itself)",
  ),
  rule("not-a-file", "error", "the file is a regular file, not a pipe, socket or device", "(jdoe.yml, a named pipe)", "(an ordinary file)"),
  rule("file-too-large", "error", "the file is at most 1 MiB", "(a story of several megabytes)", "(a story of a few paragraphs)"),
  rule("file-unreadable", "error", "the file can be read", "(a file without read permission)", "(a readable file)"),
  rule("encoding", "error", "the file is UTF-8 text without NUL bytes", "(a file saved as Latin-1)", "(the same file saved as UTF-8)"),
  rule(
    "yaml-syntax",
    "error",
    "the file is YAML: a space after each colon, closed quotes, spaces (not tabs) to indent, each key once",
    "mentor:true",
    "mentor: true",
  ),
  rule("yaml-depth", "error", "values nest at most 64 levels deep", "(a list nested 10,000 levels deep)", "(a flat list)"),
  rule(
    "yaml-aliases",
    "error",
    "aliases (`*name`) do not expand the file beyond a size limit",
    "b: &b [*a, *a, *a] (and so on)",
    "(the values written out)",
  ),
  rule(
    "yaml-continuation-indent",
    "warning",
    "quoted text does not continue at column 1 (newer YAML parsers reject it)",
    "story: 'one\\ntwo'",
    "story: 'one\\n  two'",
  ),
  rule("unsafe-key", "warning", "no `__proto__` or `constructor` key", "__proto__: x", "(remove the line)"),
  rule(
    "not-a-mapping",
    "error",
    "the file holds fields (`key: value` lines), not nothing, a list or a single value",
    "- Jane Doe",
    "name: Jane Doe",
  ),
  rule(
    "schema-type",
    "error",
    "each field has the kind of value the schema gives it (text, a list, true or false …)",
    "departments: Engineering",
    "departments:\\n  - Engineering",
  ),
  rule(
    "schema-required",
    "error",
    "the fields the schema requires are there (`name`; `to` under `borrow`)",
    "borrow:\\n  end_date: 2027-03-31",
    "borrow:\\n  to: jdoe\\n  end_date: 2027-03-31",
  ),
  rule(
    "schema-enum",
    "error",
    "a field with a closed list of values uses one of them",
    "work_priorities: [Documentaton]",
    "work_priorities: [Documentation]",
  ),
  rule("schema-format", "error", "dates are real calendar dates written YYYY-MM-DD", "start_date: 2023-13-45", "start_date: 2023-12-31"),
  rule("schema-min-length", "error", "text that must not be empty is not", "name: ''", "name: Jane Doe"),
  rule(
    "schema-max-length",
    "error",
    "short texts stay short: a name or a department at most 200 characters, a role 1,000, an expertise item 500",
    "(name: 5,000 characters)",
    "name: Jane Doe",
  ),
  rule(
    "schema-unique-items",
    "error",
    "a list that must not repeat a value does not",
    "work_priorities: [Quality, Quality]",
    "work_priorities: [Quality]",
  ),
  rule(
    "schema-pattern",
    "error",
    "a field the schema gives a pattern (an organization's own, e.g. `timezone`) is written that way",
    "timezone: Berlin",
    "timezone: Europe/Berlin",
  ),
  rule(
    "schema-range",
    "error",
    "a number stays within the limits the schema gives it (e.g. `capacity` from 0 to 5)",
    "capacity: 7",
    "capacity: 5",
  ),
  rule(
    "schema-other",
    "error",
    "any other rule of an organization's own schema (`schema` option, `validate --schema`)",
    "(a value the schema refuses)",
    "(a value it takes)",
  ),
  rule("mentor-not-boolean", "error", "`mentor` is true or false, not a word or quoted text", "mentor: yes", "mentor: true"),
  rule(
    "file-name-characters",
    "error",
    "file and folder names hold no line breaks, escape or other control characters (they can fake text in CI logs)",
    "person/j/jdoe\\u001B[8m.yml",
    "person/j/jdoe.yml",
  ),
  rule(
    "slug-form",
    "error",
    "the file name (slug) is lower case, has no spaces and at least two characters",
    "person/j/Jane Doe.yml",
    "person/j/jane-doe.yml",
  ),
  rule("slug-characters", "warning", "the slug uses only a-z, 0-9, dot, hyphen and underscore", "person/j/j+doe.yml", "person/j/jdoe.yml"),
  rule(
    "letter-folder",
    "error",
    "the file is in the folder named after the first character of its slug",
    "person/x/jdoe.yml",
    "person/j/jdoe.yml",
  ),
  rule(
    "reserved-key",
    "error",
    "the file does not set `slug:` or `type:` (both come from the file's place)",
    "slug: jdoe",
    "(remove the line)",
  ),
  rule("near-miss-key", "warning", "no unknown key that looks like a known one", "mentors: true", "mentor: true"),
  rule("picture-missing", "warning", "the entry names a picture", "(no picture: line)", "picture: jdoe.jpg"),
  rule(
    "hidden-characters",
    "warning",
    "`name` holds no bidirectional controls or zero-width characters",
    "name: Jane\\u200B Doe",
    "name: Jane Doe",
  ),
  rule(
    "lone-surrogate",
    "error",
    "no key or text holds half of a character (a lone `\\uD800`–`\\uDFFF` escape), which is shown as �",
    'name: "Ana \\uD83D"',
    'name: "Ana \\uD83D\\uDE00"',
  ),
  rule(
    "html-too-complex",
    "error",
    "a text field holds at most 1,000 HTML tags, and its HTML, once read, at most twice as many elements as tags and 64 levels of nesting",
    "(story: <b><b><b>… 5,000 deep)",
    "story: a few words",
  ),
  rule(
    "markup-removed",
    "warning",
    "`role`, `expertise` and `story` hold no markup the site removes (scripts, event handlers, unsafe links)",
    'role: <a href="javascript:alert(1)">Engineer</a>',
    'role: <a href="/job-families/engineering/">Engineer</a>',
  ),
  rule(
    "internal-error",
    "error",
    "the entry could be checked at all (an error here is a bug: please report it)",
    "(any entry)",
    "(report the file)",
  ),
  rule(
    "duplicate-slug",
    "error",
    "no two files share a slug (the second is ignored)",
    "(person/j/jdoe.yml and person/x/jdoe.yml)",
    "(person/j/jdoe.yml alone)",
  ),
  rule(
    "reports-to-unknown",
    "error",
    "`reports_to` names an existing team member, or is left empty at the top",
    "reports_to: asmiht",
    "reports_to: asmith",
  ),
  rule(
    "reports-to-cycle",
    "error",
    "following `reports_to` never comes back to the same person",
    "(ann → bob → ann)",
    "(one of them reports to someone outside the cycle)",
  ),
]);

const BY_ID: ReadonlyMap<string, RuleInfo> = new Map(TEAM_RULES.map((r) => [r.id, r]));

/** The rule of `id`, if it is a team rule. */
export function teamRule(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

/** The README's table of rules, one row per rule. */
export function rulesMarkdown(): string {
  const cell = (text: string): string => text.replace(/\|/g, "\\|");
  // A line of a file is shown as code; a description of one, in parentheses, as text.
  const sample = (text: string): string => (text.startsWith("(") ? cell(text) : `\`${cell(text)}\``);
  return [
    "| rule | severity | checks | for example |",
    "|---|---|---|---|",
    ...TEAM_RULES.map(
      (r) => `| \`${r.id}\` | ${r.severity} | ${cell(r.summary)} | ${sample(r.example.wrong)} → ${sample(r.example.right)} |`,
    ),
  ].join("\n");
}

/** The rules as `validate --help` lists them. */
export function rulesHelp(): string {
  const width = Math.max(...TEAM_RULES.map((r) => r.id.length)) + 2;
  return TEAM_RULES.map((r) => `  ${r.id.padEnd(width)}${r.severity.padEnd(9)}${r.summary}`).join("\n");
}
