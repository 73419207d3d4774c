/**
 * The words of the plugin's pages, in one table with English defaults: the words the browser
 * scripts say (`SCRIPT_LABELS`, which pages load) and those only the build writes. A site's
 * overrides are checked and merged over it; a page carries its scripts' words when they are not English.
 */
import { SCRIPT_LABELS } from "../assets/labels.js";
import { digest } from "./hash.js";
import { closestMatch, typoReach } from "./suggest.js";

export { countOf, pluralForm, say } from "../assets/labels.js";

const PAGE_LABELS = Object.freeze({
  // A member's card.
  skills: "Skills:",
  gitlab: "GitLab:",
  departments: Object.freeze({ one: "Department:", other: "Departments:" }),
  location: "Location:",
  /** The UTC offset pairing uses for the member's place (standard time), on directory cards. */
  timeZone: "Time zone:",
  availableAsMentor: "Available as a mentor",

  // The team page.
  teamEmpty: "No team members yet.",
  teamSummary: Object.freeze({ one: "{count} team member, in name order.", other: "{count} team members, in name order." }),
  teamSearch: "Search the team by name, role, skill or department",
  mentorsOnly: "Mentors only",
  teamLetters: "Team members by first letter",
  otherLetter: "Other",

  // The mentor directory.
  summaryField: Object.freeze({
    one: "{count} team member has {field} in their team entry.",
    other: "{count} team members have {field} in their team entry.",
  }),
  summaryExpertise: Object.freeze({
    one: "{count} team member lists expertise that mentions {topic}.",
    other: "{count} team members list expertise that mentions {topic}.",
  }),
  summaryBoth: Object.freeze({
    one:
      "{count} team member matches {topic}: {byField} with {field} in their team entry, " +
      "and {byExpertise} more whose expertise mentions {topic}.",
    other:
      "{count} team members match {topic}: {byField} with {field} in their team entry, " +
      "and {byExpertise} more whose expertise mentions {topic}.",
  }),
  emptyMentors:
    "No team members are available as mentors yet. To become one, set {field} in your team member entry; " +
    "you can also list what you can help with under {expertise}.",
  emptyTopic: "No team members match {topic} yet. To be listed here, add it to the {expertise} in your team member entry.",
  emptyTopicOrField:
    "No team members match {topic} yet. To be listed here, add it to the {expertise} in your team member entry, " + "or set {field}.",
  directorySearch: "Search {nouns} by skill, name, role or department",
  searchHint: "Whole words, in any case: “ruby”, “remote work”, “kubernetes”.",
  mentorTopics: "Mentor topics",
  mentorTopicsShort: "Topics",
  topicsOf: "Topics: {topic}",
  clearSearch: "Clear the search",
  mentorsCaption: "Mentors",
  membersCaption: "Team members matching {topic}",
  mentorsByTopic: "Mentors by topic",
  membersByTopic: "Team members by topic",
  countries: "Countries",
  mentorsByCountry: "Mentors by country",
  membersByCountry: "Team members by country",

  // Pages.
  tocTitle: "On this page",
  playVideo: "Play video: {title}",
  videoTitle: "YouTube video",
  /** An embedded frame's title: what it shows, and the heading before it. */
  embedTitle: "{kind}: {heading}",
  embedSlides: "Slides",
  embedDocument: "Document",
  embedSpreadsheet: "Spreadsheet",
  embedForm: "Form",
  embedVideo: "Video",
  embedContent: "Embedded content",
});

/** Every word the plugin writes into pages, in English. `locale` is their language, for plural forms. */
export const DEFAULT_LABELS = Object.freeze({ ...SCRIPT_LABELS, ...PAGE_LABELS });

/** The keys the browser scripts say, which a page written with other words carries. */
export const SCRIPT_LABEL_KEYS: readonly string[] = Object.freeze(Object.keys(SCRIPT_LABELS));

/** A label: text, or plural forms by `Intl.PluralRules` category (`other` required). */
type LabelValue = string | Readonly<Partial<Record<PluralCategory, string>> & { other: string }>;
export type LabelKey = keyof typeof DEFAULT_LABELS;
/** Every label, resolved. */
export type Labels = Readonly<Record<LabelKey, LabelValue>>;
/** What a site may give: any of the labels. */
export type LabelOverrides = Readonly<Partial<Record<LabelKey, LabelValue>>>;

type PluralCategory = "zero" | "one" | "two" | "few" | "many" | "other";
const CATEGORIES: readonly string[] = ["zero", "one", "two", "few", "many", "other"];

export const ENGLISH: Labels = DEFAULT_LABELS;

/**
 * What is wrong with a site's labels, in words for an option error; `undefined` when nothing is.
 * An unknown key is named with the known key nearest to it.
 */
export function labelsProblem(given: unknown): string | undefined {
  if (given === null || typeof given !== "object" || Array.isArray(given))
    return 'must be an object of labels, e.g. { skills: "Fähigkeiten:" }';
  for (const [key, value] of Object.entries(given)) {
    if (!Object.hasOwn(DEFAULT_LABELS, key)) {
      const near = closestMatch(key, Object.keys(DEFAULT_LABELS), typoReach(key), { ignoreCase: true });
      return `unknown label ${JSON.stringify(key)}${near ? `: did you mean ${JSON.stringify(near)}?` : ""} (the README lists every label)`;
    }
    if (key === "locale") {
      if (typeof value !== "string" || !isLocale(value))
        return `label "locale" must be a language tag such as "de" or "pt-BR"; got ${JSON.stringify(value)}`;
      continue;
    }
    if (!isLabelValue(value)) {
      const got = JSON.stringify(value);
      return `label ${JSON.stringify(key)} must be a string, or plural forms such as { one: "…", other: "…" }; got ${got}`;
    }
    if (typeof value === "object") {
      const odd = Object.keys(value).find((category) => !CATEGORIES.includes(category));
      if (odd !== undefined)
        return `label ${JSON.stringify(key)} has a form ${JSON.stringify(odd)}: plural forms are ${CATEGORIES.join(", ")}`;
    }
  }
  return undefined;
}

/** A string, or plural forms with an `other` form, all strings. */
function isLabelValue(value: unknown): value is LabelValue {
  if (typeof value === "string") return true;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return typeof (value as { other?: unknown }).other === "string" && Object.values(value).every((form) => typeof form === "string");
}

/** A well-formed language tag; one the runtime has no plural rules for falls back to English rules. */
function isLocale(tag: string): boolean {
  try {
    Intl.PluralRules.supportedLocalesOf([tag]);
    return tag.trim() !== "";
  } catch {
    return false;
  }
}

/** The labels of a site: its overrides (already checked by `labelsProblem`) over English. */
export function resolveLabels(overrides: LabelOverrides = {}): Labels {
  if (Object.keys(overrides).length === 0) return ENGLISH;
  return Object.freeze({ ...DEFAULT_LABELS, ...overrides });
}

const keys = new WeakMap<Labels, string>();

/**
 * A short text that differs whenever the words differ: part of the key of anything kept per member
 * (a card), so that a card written with other words is never shown again.
 */
export function labelsKey(labels: Labels): string {
  if (labels === ENGLISH) return "";
  let key = keys.get(labels);
  if (key === undefined) {
    // A digest, not the table itself: the key is joined into a longer one for each card written.
    key = digest([JSON.stringify(labels)]).slice(0, 16);
    keys.set(labels, key);
  }
  return key;
}

/**
 * The words a page's scripts say, when they are not all the English ones (which the scripts have):
 * the page then carries them. `undefined` when the page needs to carry nothing.
 */
export function scriptLabels(labels: Labels): Readonly<Record<string, LabelValue>> | undefined {
  if (labels === ENGLISH) return undefined;
  const table = labels as Readonly<Record<string, LabelValue>>;
  const english = DEFAULT_LABELS as Readonly<Record<string, LabelValue>>;
  const differs = SCRIPT_LABEL_KEYS.some((key) => JSON.stringify(table[key]) !== JSON.stringify(english[key]));
  if (!differs) return undefined;
  return Object.fromEntries(SCRIPT_LABEL_KEYS.map((key) => [key, table[key] ?? english[key] ?? ""]));
}
