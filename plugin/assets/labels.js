// The scripts' words in English: the part of the one table (plugin/text/labels.ts) pages load. A
// page in other words carries them in `<script type="application/json" data-mentor-labels>`.

/** @typedef {string | Readonly<Record<string, string>>} LabelValue */
/** @typedef {Readonly<Record<string, LabelValue>>} LabelTable */

export const SCRIPT_LABELS = Object.freeze({
  locale: "en",
  quoted: "“{text}”",
  mentorNoun: Object.freeze({ one: "mentor", other: "mentors" }),
  memberNoun: Object.freeze({ one: "team member", other: "team members" }),
  counted: "{count} {noun}",
  noExpertise: "No expertise listed",
  teamStatusAll: "Showing all {members}",
  teamStatusNone: "No team members for {query}",
  teamStatusSome: "Showing {shown} of {members} for {query}",
  teamStatusNoMentors: "No mentors",
  teamStatusNoMentorsFor: "No mentors for {query}",
  teamStatusMentors: "Showing {mentors}, of {members}",
  teamStatusMentorsFor: "Showing {mentors} for {query}, of {members}",
  caption: "{label}: {members}",
  captionSome: "{label}: {shown} of {members}",
  directoryStatusAll: "Showing all {things}",
  directoryStatusNone: "No {nouns} for {what}",
  directoryStatusSome: "Showing {shown} of {things} for {what}",
  queryInTopic: "{query} in {topic}",
  theTopic: "the topic {topic}",
  directoryEmpty: "No {nouns} match {what}.",
  matchSkills: "Matches {query}: {skills}",
  matchFields: "Matches {query} in {fields}",
  fieldName: "name",
  fieldRole: "role",
  fieldDepartments: "department",
  fieldLocation: "location",
  fieldSeparator: " and ",
  fillColumn: "Column {number}",
  fillCell: "{column}, row {row}",
  fillCopy: "Copy as Markdown table",
  fillClear: "Clear draft",
  fillNote: "Your draft is saved in this browser only; nothing is sent anywhere.",
  fillCopied: "Copied the table as Markdown.",
  fillMarkdown: "The table as Markdown",
  fillSelect: "Select and copy the Markdown below.",
  fillCleared: "Draft cleared.",
});

/**
 * Each locale's rules, with the category of each count said so far (`select` is slow, and counts repeat).
 * @type {Map<string, { rules: Intl.PluralRules, known: Map<number, string> }>}
 */
const plurals = new Map();

/** @param {string} locale */
function pluralRules(locale) {
  try {
    return new Intl.PluralRules(locale);
  } catch {
    return new Intl.PluralRules("en");
  }
}

/** `value`, or its plural form for `count` (else `other`). @param {LabelValue} value @param {number} count @param {string} locale */
export function pluralForm(value, count, locale) {
  if (typeof value === "string") return value;
  let plural = plurals.get(locale);
  if (!plural) plurals.set(locale, (plural = { rules: pluralRules(locale), known: new Map() }));
  let category = plural.known.get(count);
  if (category === undefined) {
    category = plural.rules.select(count);
    // Small counts repeat; a table of every count ever said would only grow.
    if (plural.known.size < 1000) plural.known.set(count, category);
  }
  return value[category] ?? value["other"] ?? "";
}

/** Each `{name}` given a value replaced, once. @param {string} text @param {Record<string, string | number>} values */
export function fillIn(text, values) {
  return text.replace(/\{(\w+)\}/g, (all, /** @type {string} */ name) => (Object.hasOwn(values, name) ? String(values[name]) : all));
}

/**
 * Label `key` filled in, in the plural form of `count` (default `values.count`).
 * @param {LabelTable} labels @param {string} key @param {Record<string, string | number>} [values] @param {number} [count]
 */
export function say(labels, key, values = {}, count) {
  const value = labels[key] ?? /** @type {LabelTable} */ (SCRIPT_LABELS)[key] ?? "";
  return fillIn(pluralForm(value, count ?? Number(values["count"] ?? 0), String(labels["locale"])), values);
}

/** `1 mentor`, `3 mentors`. @param {LabelTable} labels @param {LabelValue} noun @param {number} count */
export function countOf(labels, noun, count) {
  return say(labels, "counted", { count, noun: pluralForm(noun, count, String(labels["locale"])) });
}

/** The page's words over English; a broken block, key or value stays English. @param {ParentNode} root @returns {LabelTable} */
export function readLabels(root) {
  /** @type {Record<string, LabelValue>} */
  const labels = { ...SCRIPT_LABELS };
  try {
    const given = JSON.parse(root.querySelector("script[data-mentor-labels]")?.textContent ?? "{}");
    for (const [key, value] of Object.entries(given)) {
      if (Object.hasOwn(SCRIPT_LABELS, key) && (typeof value === "string" || typeof value?.other === "string")) labels[key] = value;
    }
  } catch {
    // Not JSON: English rather than no words.
  }
  return labels;
}
