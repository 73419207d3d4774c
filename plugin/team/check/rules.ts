/**
 * Rules the schema cannot express: file names and folders, reserved keys, near-miss keys, and the
 * rules that span files (duplicate slugs, `reports_to` targets, reporting cycles).
 *
 * Severity follows what the real handbook tooling enforces: what it rejects is an error here;
 * what it accepts (dots, digits first, a leading underscore or an apostrophe in slugs, undocumented
 * keys, broken HTML) is a warning at most.
 */
import type { Diagnostic } from "../../diagnostics/index.js";
import { BoundedMemo } from "../../text/memo.js";
import { Problems } from "../../diagnostics/problems.js";
import { escapeCharacter, firstUnprintable, printable, withoutUnprintable } from "../../diagnostics/printable.js";
import { removeInvisible } from "../../text/clean.js";
import { isWellFormed, loneSurrogateIn } from "../../text/surrogates.js";
import { htmlOverBudget, type HtmlBudget } from "../../html/parse.js";
import { formatPath, locate, locateKey } from "../../yaml/parse.js";
import type { FieldPath } from "../../yaml/source.js";
import type { LoadedEntry } from "../entry.js";
import { removedMarkup, type Removal } from "./markup.js";
import { overLengthLimit } from "./schema.js";
import type { TeamSchema } from "../read/schema-file.js";
import { TEAM_RULES, type TeamRuleId } from "../rule-list.js";
import { fieldWords, listWords } from "./words.js";
import { closestMatch } from "../../text/suggest.js";

/**
 * Most HTML tags one string may hold. The count bounds the depth of the tree the HTML parser
 * builds, and the renderers walk that tree recursively: a few thousand nested tags exhaust the
 * stack. Real fields hold a link or a list of a few dozen links.
 */
const MAX_HTML_TAGS = 1000;

const TAG = /<[A-Z]/gi;

/** Whether `text` holds more than `limit` opening tags. */
function hasMoreTags(text: string, limit: number): boolean {
  // Each tag takes at least two characters: shorter text cannot pass the limit.
  if (text.length <= 2 * limit) return false;
  let count = 0;
  TAG.lastIndex = 0;
  while (count <= limit && TAG.exec(text)) count += 1;
  return count > limit;
}

/** Text longer than this is cut in messages: a message is read, not the data it quotes. */
function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Where a file's own problems stand when no field is to blame: its first line. */
const FILE_START = { line: 1, column: 1 } as const;

function at(entry: LoadedEntry, field: string, which: "key" | "value" = "value"): { file: string; line?: number; column?: number } {
  const point = which === "key" ? locateKey(entry.source, [field]) : locate(entry.source, [field])?.point;
  return { file: entry.file, ...(point ? { line: point.line, column: point.column } : {}) };
}

/** Near-miss spellings of known keys: case, `-` for `_`, plurals and small typos. */
function suggestKey(key: string, known: readonly string[]): string | undefined {
  if (known.includes(key)) return undefined;
  // Known keys are short; a long key cannot be a typo of one, and measuring it would be slow.
  if (key.length > 64) return undefined;
  const norm = key.toLowerCase().replace(/[-\s]/g, "_");
  for (const k of known) if (norm === k || norm === `${k}s` || `${norm}s` === k) return k;
  if (norm.length < 4) return undefined;
  // Known keys are short: one edit for most, two for the longest.
  return closestMatch(norm, known, (k) => Math.min(2, Math.max(1, Math.floor(k.length / 4))));
}

type TeamProblems = Problems<TeamRuleId>;

/** Rules that look at one file alone. */
export function checkEntry(entry: LoadedEntry, knownKeys: readonly string[], schema?: TeamSchema): Diagnostic[] {
  const problems = new Problems(TEAM_RULES, entry.file);
  const unprintable = unprintableName(entry, problems);
  if (!unprintable) slugFormProblems(entry.slug, problems);
  letterFolderProblems(entry, unprintable, problems);
  keyProblems(entry, knownKeys, problems);
  fieldTextProblems(entry, problems);
  markupProblems(entry, schema, problems);
  return problems.diagnostics;
}

/** A slug too short, with upper case or spaces, or with characters that make awkward links. */
function slugFormProblems(slug: string, problems: TeamProblems): void {
  if (slug.length < 2 || /[A-Z\s/\\]/.test(slug)) {
    const fixed = slug.toLowerCase().replace(/\s+/g, "-");
    problems.report(
      "slug-form",
      FILE_START,
      slug.length < 2
        ? `the slug \`${slug}\` is too short; slugs have at least two characters`
        : `the file name \`${slug}.yml\` has ${/\s/.test(slug) ? "spaces" : "upper-case letters"}; slugs are lower case without spaces`,
      { hint: slug.length < 2 ? "rename the file to your GitLab username, e.g. `jdoe.yml`" : `rename the file to \`${fixed}.yml\`` },
    );
  } else if (!/^[a-z0-9._-]+$/.test(slug)) {
    problems.report(
      "slug-characters",
      FILE_START,
      `the slug \`${slug}\` has characters other than a-z, 0-9, \`.\`, \`-\` and \`_\`; it works, but makes awkward links`,
      { hint: "prefer a file name of lower-case letters, digits, dots, hyphens and underscores" },
    );
  }
}

/** A file outside the folder named after its slug's first character (not said again for a name that cannot be shown). */
function letterFolderProblems(entry: LoadedEntry, unprintable: boolean, problems: TeamProblems): void {
  const { slug, folder } = entry;
  const letter = slug.charAt(0);
  // A name that cannot be shown gets one error, whose hint already gives the folder.
  if (folder && folder !== letter && !unprintable) {
    problems.report(
      "letter-folder",
      FILE_START,
      `the file is in folder \`${folder}/\`, but files go in the folder named after the first character of the slug`,
      { hint: `move it to \`${entry.type}/${letter}/${slug}.yml\`` },
    );
  }
}

/** Keys that must not be set, and keys that look like a known key misspelt. */
function keyProblems(entry: LoadedEntry, knownKeys: readonly string[], problems: TeamProblems): void {
  const { data } = entry;
  for (const key of ["slug", "type"] as const) {
    if (Object.hasOwn(data, key)) {
      problems.report(
        "reserved-key",
        at(entry, key, "key"),
        key === "slug" ? "`slug:` must not be set: the slug is the file name" : "`type:` must not be set: the type comes from the folder",
        { field: key, hint: `remove the \`${key}:\` line${key === "slug" ? "; rename the file to change the slug" : ""}` },
      );
    }
  }

  for (const key of Object.keys(data)) {
    const meant = suggestKey(key, knownKeys);
    if (meant && !Object.hasOwn(data, meant)) {
      problems.report(
        "near-miss-key",
        at(entry, key, "key"),
        `\`${key}\` is not a known key, so it is ignored; did you mean \`${meant}\`?`,
        {
          field: key,
          hint: `rename \`${key}:\` to \`${meant}:\``,
        },
      );
    }
  }
}

/** A missing picture, and text that hides characters. */
function fieldTextProblems(entry: LoadedEntry, problems: TeamProblems): void {
  const { slug, data } = entry;
  if (data.picture === undefined) {
    problems.report("picture-missing", entry.source?.start ?? {}, "the entry has no `picture`; the team page shows a placeholder", {
      field: "picture",
      hint: `add \`picture: ${slug}.jpg\` and the image`,
    });
  }

  if (typeof data.name === "string" && removeInvisible(data.name) !== data.name) {
    problems.report(
      "hidden-characters",
      at(entry, "name"),
      "`name` contains invisible characters (such as bidirectional controls or zero-width spaces) " +
        "that can disguise a name in review; they are removed on the site",
      { field: "name", hint: "retype the name without copying it from elsewhere" },
    );
  }
  for (const found of loneSurrogates(data)) reportLoneSurrogate(entry, found, problems);
}

/** Markup the site leaves out: parts of a field, or a whole field too complex to show. */
function markupProblems(entry: LoadedEntry, schema: TeamSchema | undefined, problems: TeamProblems): void {
  const { data } = entry;
  const overloaded = overloadedMarkup(data, schema);
  const refused = overloaded.length === 0 ? NO_FIELDS : new Set(overloaded.map(([field]) => field));
  for (const [path, removals] of removedFromMarkup(data, refused, schema)) {
    const words = fieldWords(path);
    problems.report(
      "markup-removed",
      locate(entry.source, path)?.point ?? {},
      `part of ${words} is not shown on the site: ${removals.map((r) => r.why).join("; ")}`,
      {
        field: formatPath(path),
        hint:
          `remove ${listWords(removals.map((r) => r.what))} from ${words}; ` +
          `the site keeps text, links to web addresses and simple formatting (<b>, <i>, <code>${path[0] === "expertise" ? ", <li>" : ""})`,
      },
    );
  }
  for (const [field, path, problem] of overloaded) {
    problems.report(
      "html-too-complex",
      locate(entry.source, path)?.point ?? {},
      `\`${field}\` is left out: ${OVER_BUDGET_WORDS[problem.over](problem.limit)}`,
      { field, hint: "close every tag you open (`<b>…</b>`), and keep the markup simple: a link, or a list of links" },
    );
  }
}

/** A character of a name as the message calls it. */
function characterWords(character: string): string {
  if ("\n\r\u2028\u2029".includes(character)) return "a line break";
  if (character === "\t") return "a tab";
  if (character === "\u001B") return "an escape character";
  if ("\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069".includes(character))
    return "a character that changes the direction of text";
  if (/[\uD800-\uDFFF]/.test(character)) return "half of a character";
  return "an invisible control character";
}

/** What a file or folder name keeps of itself as a slug: lower-case letters, digits, `.`, `-`, `_`. */
function safeName(name: string): string {
  return withoutUnprintable(name)
    .toLowerCase()
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9._-]/g, "");
}

/**
 * A file name (or folder name) that a log cannot show as it is: a line break would start a line
 * of its own in a CI log, an escape character colour or hide text, a direction control reorder
 * it. Reports escape it; the file must still be renamed, so it is an error.
 */
function unprintableName(entry: LoadedEntry, problems: TeamProblems): boolean {
  const parts = [
    { name: `${entry.slug}.yml`, words: "the file name" },
    { name: entry.folder, words: "the folder name" },
    { name: entry.type, words: "the folder name" },
  ];
  for (const part of parts) {
    const character = firstUnprintable(part.name);
    if (character === undefined) continue;
    const slug = safeName(entry.slug);
    const type = safeName(entry.type) || "person";
    problems.report(
      "file-name-characters",
      FILE_START,
      `${part.words} \`${printable(part.name)}\` holds ${characterWords(character)} (\`${escapeCharacter(character)}\`), ` +
        "which can fake or hide text in CI logs and review tools; file and folder names must not hold one",
      {
        hint:
          slug.length >= 2
            ? `rename the file to \`${type}/${slug.charAt(0)}/${slug}.yml\`: lower-case letters, digits, dots, hyphens and underscores`
            : "rename the file to your GitLab username, e.g. `person/j/jdoe.yml`",
      },
    );
    return true;
  }
  return false;
}

/** A key or text value that holds a lone surrogate (`half`), at `path` (the key's own path for a key). */
interface LoneSurrogate {
  readonly path: FieldPath;
  readonly key: boolean;
  readonly half: string;
}

/**
 * Every key and text value of `data` holding a lone surrogate. Values shared through YAML aliases
 * are looked at once, so the walk costs what the file holds, not what its aliases expand to.
 */
function loneSurrogates(data: Readonly<Record<string, unknown>>): LoneSurrogate[] {
  const found: LoneSurrogate[] = [];
  if (!holdsLoneSurrogate(data)) return found;
  const seen = new WeakSet();
  // Depth first in the order of the file (children pushed last to first), so that a value shared
  // by aliases is reported where it is first written.
  const stack: [unknown, FieldPath][] = [[data, []]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, path] = next;
    if (typeof value === "string") {
      const half = loneSurrogateIn(value);
      if (half) found.push({ path, key: false, half });
    } else if (value !== null && typeof value === "object" && !seen.has(value)) {
      seen.add(value);
      const children: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
      for (let i = children.length - 1; i >= 0; i--) {
        const [step, item] = children[i] as [string | number, unknown];
        stack.push([item, [...path, step]]);
        const half = typeof step === "string" ? loneSurrogateIn(step) : undefined;
        if (half) found.push({ path: [...path, step], key: true, half });
      }
    }
  }
  return found;
}

/**
 * Whether any key or text value holds a lone half of a surrogate pair: nearly every file holds none,
 * and needs no walk that keeps paths. Values shared through aliases are looked at each time they
 * appear, which the parser's limit on expanded size keeps small.
 */
function holdsLoneSurrogate(value: unknown): boolean {
  if (typeof value === "string") return !isWellFormed(value);
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some(holdsLoneSurrogate);
  for (const key in value) {
    if (!isWellFormed(key) || holdsLoneSurrogate((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function reportLoneSurrogate(entry: LoadedEntry, found: LoneSurrogate, problems: TeamProblems): void {
  const where = found.key ? locateKey(entry.source, found.path) : locate(entry.source, found.path)?.point;
  const what = found.key ? `the key \`${String(found.path.at(-1))}\`` : fieldWords(found.path);
  problems.report(
    "lone-surrogate",
    where ?? {},
    `${what} holds \`${escapeCharacter(found.half)}\` alone: half of a character written as a \`\\u\` escape, ` +
      "which is no character without its other half and would be shown as �",
    {
      field: formatPath(found.path),
      hint: "write the character itself, or the escapes of both halves together, e.g. `\\uD83D\\uDE00` for 😀",
    },
  );
}

/** Fields whose HTML the site shows, sanitized. */
const MARKUP_FIELDS = ["role", "expertise", "story"] as const;

/**
 * Longest value whose markup is read: the longest `role` or `expertise` the schema allows. The
 * plugin never shows `story`, which may be longer; past this length its markup is not checked, so
 * that no value costs more to check than to load.
 */
const MARKUP_CHECK_LIMIT = 20_000;

/** Whether the markup of `value`, at `path`, is read by the checks. */
function readsMarkup(path: FieldPath, value: string, schema: TeamSchema | undefined): boolean {
  return (
    (MARKUP_FIELDS as readonly unknown[]).includes(path[0]) && value.length <= MARKUP_CHECK_LIMIT && !overLengthLimit(path, value, schema)
  );
}

// Roles repeat across a team (the same job title for many people): each distinct value is
// checked once per process. The answer depends on the text alone.
const removals = new BoundedMemo<readonly Removal[]>(10_000);

const NO_REMOVALS: readonly Removal[] = Object.freeze([]);
const NO_FIELDS: ReadonlySet<string> = new Set();

/**
 * Whether `value` may hold markup the site changes: a tag, an entity or a backslash. Most values
 * hold none, and are answered by three searches, without the memo's hashing of text met once.
 */
function mayHoldMarkup(value: string): boolean {
  return value.includes("<") || value.includes("&") || value.includes("\\");
}

function removalsOf(value: string): readonly Removal[] {
  return mayHoldMarkup(value) ? removals.get(value, removedMarkup) : NO_REMOVALS;
}

/** What sanitizing takes out of each HTML field (and of each item of `expertise` written as a list). */
function removedFromMarkup(
  data: Readonly<Record<string, unknown>>,
  refused: ReadonlySet<string>,
  schema: TeamSchema | undefined,
): [FieldPath, readonly Removal[]][] {
  const found: [FieldPath, readonly Removal[]][] = [];
  const check = (value: unknown, field: string, index?: number): void => {
    if (typeof value !== "string" || !mayHoldMarkup(value)) return;
    const path: FieldPath = index === undefined ? [field] : [field, index];
    if (!readsMarkup(path, value, schema)) return;
    // Markup refused as too complex (`refused`, by field) is an error of its own, and is not read again.
    if (refused.size > 0 && refused.has(index === undefined ? field : `${field}[${index}]`)) return;
    const removals = removalsOf(value);
    if (removals.length > 0) found.push([path, removals]);
  };
  for (const field of MARKUP_FIELDS) {
    const value = data[field];
    if (Array.isArray(value)) value.forEach((item, i) => check(item, field, i));
    else check(value, field);
  }
  return found;
}

/** Why markup is refused, in a contributor's words. */
const OVER_BUDGET_WORDS: Record<MarkupProblem["over"], (limit: number) => string> = {
  tags: (limit) => `it holds more than ${limit} HTML tags, and markup that large could exhaust the renderer`,
  elements: (limit) =>
    `once read, its HTML makes more than ${limit} elements, far more than it has tags (a tag left open is opened ` +
    `again in every later block), which would slow every page that shows it`,
  depth: (limit) => `its HTML nests elements more than ${limit} levels deep, which could exhaust the renderer`,
};

type MarkupProblem = { readonly over: "tags" | keyof HtmlBudget; readonly limit: number };

/**
 * Fields (top level, and the strings of a list or mapping below one) whose markup is refused: too
 * many tags anywhere, or, in the fields shown as HTML, more elements or depth once parsed than the
 * budget allows.
 */
function overloadedMarkup(data: Readonly<Record<string, unknown>>, schema: TeamSchema | undefined): [string, FieldPath, MarkupProblem][] {
  const found: [string, FieldPath, MarkupProblem][] = [];
  const check = (value: unknown, key: string, step?: string | number): void => {
    // Text without a tag is within every limit.
    if (typeof value !== "string" || !value.includes("<")) return;
    const path: FieldPath = step === undefined ? [key] : [key, step];
    const problem: MarkupProblem | undefined = hasMoreTags(value, MAX_HTML_TAGS)
      ? { over: "tags", limit: MAX_HTML_TAGS }
      : readsMarkup(path, value, schema)
        ? htmlOverBudget(value)
        : undefined;
    if (problem)
      found.push([step === undefined ? key : typeof step === "number" ? `${key}[${step}]` : `${key}.${shorten(step)}`, path, problem]);
  };
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (Array.isArray(value)) value.forEach((item, i) => check(item, key, i));
    else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) check(v, key, k);
    else check(value, key);
  }
  return found;
}

/**
 * Rules across files. `entries` is in discovery order; the first file of a slug wins. `rejected`
 * holds the slugs of files rejected on their own (and their files): a `reports_to` naming one
 * is not blamed, since the problem is that file's, reported there.
 * Returns the diagnostics and the entries rejected as duplicates.
 */
export function checkTeam(
  entries: readonly LoadedEntry[],
  rejected: ReadonlyMap<string, string> = new Map(),
): { diagnostics: Diagnostic[]; duplicates: ReadonlySet<LoadedEntry> } {
  const problems = new Problems(TEAM_RULES);
  // One record per slug, its manager a reference to another: the walk below follows references,
  // where maps by slug would hash each slug again at every step.
  const bySlug = new Map<string, Person>();
  const duplicates = new Set<LoadedEntry>();
  for (const entry of entries) {
    const first = bySlug.get(entry.slug);
    if (first) {
      duplicates.add(entry);
      problems.report(
        "duplicate-slug",
        { file: entry.file, ...FILE_START },
        `the slug \`${entry.slug}\` is already used by ${first.entry.file}; this file is ignored`,
        { hint: "each person has one file; remove this one or rename it to a different slug" },
      );
    } else bySlug.set(entry.slug, { entry, manager: undefined, walked: 0 });
  }

  for (const person of bySlug.values()) {
    const { entry } = person;
    const target = entry.data.reports_to;
    if (typeof target !== "string" || target === "") continue;
    const manager = bySlug.get(target);
    if (manager === undefined) {
      if (rejected.has(target)) continue;
      const near = closestSlug(target, bySlug);
      problems.report(
        "reports-to-unknown",
        at(entry, "reports_to"),
        `\`reports_to\` names \`${shorten(target)}\`, but there is no team member with that slug`,
        {
          field: "reports_to",
          hint: near ? `did you mean \`reports_to: ${near}\`?` : "use the manager's slug: their file name without `.yml`",
        },
      );
    } else person.manager = manager;
  }

  // Each person has at most one manager, so the graph is a functional graph: walking up from each
  // unvisited person finds every cycle once, in linear time.
  for (const start of bySlug.values()) {
    if (start.manager === undefined || start.walked !== 0) continue;
    const walk: Person[] = [];
    let current: Person | undefined = start;
    while (current !== undefined && current.walked === 0) {
      current.walked = 1;
      walk.push(current);
      current = current.manager;
    }
    if (current !== undefined && current.walked === 1) {
      const cycle = walk.slice(walk.indexOf(current));
      const names = [...cycle, current].map((person) => person.entry.slug).join(" → ");
      for (const person of cycle) {
        problems.report("reports-to-cycle", at(person.entry, "reports_to"), `\`reports_to\` forms a cycle: ${names}`, {
          field: "reports_to",
          hint: "one person in the cycle reports to someone outside it; fix that person's `reports_to`",
        });
      }
    }
    for (const person of walk) person.walked = 2;
  }
  return { diagnostics: problems.diagnostics, duplicates };
}

/** A member in the rules across files: their manager, and whether the walk for cycles has been here (1: on this walk). */
interface Person {
  readonly entry: LoadedEntry;
  manager: Person | undefined;
  walked: 0 | 1 | 2;
}

function closestSlug(target: string, bySlug: ReadonlyMap<string, unknown>): string | undefined {
  if (bySlug.size > 5000) return undefined; // suggestions are a courtesy; keep large teams linear
  return closestMatch(target, bySlug.keys(), 2);
}
