/**
 * `{{< group-by-expertise "mentor" >}}`: the mentor directory of the "Mentoring at GitLab" page.
 *
 * Keeps the upstream syntax and both of its uses (a boolean field such as `mentor`, or an
 * expertise topic), and renders what the page promises: Name, Role and Expertise, in name order,
 * a sentence saying what matched, a topic index that narrows the list without JavaScript, and
 * hooks for the script that adds a topic filter.
 */
import { HtmlWriter, type HtmlFragment } from "./html-writer.js";
import { displayName, memberDetails, memberTimeZone, teamPageHref, writeMatchLine } from "./member-parts.js";
import { cleanText } from "../plugin/text/clean.js";
import { countryCode } from "../plugin/pairing/timezones.js";
import { selectionReason, selectMembers, topicIdsOf, topicsOf, type Member, type Topic } from "../plugin/team/model/directory.js";
import { wrote } from "../plugin/diagnostics/timings.js";
import { MemberMemo } from "../plugin/team/model/member-memo.js";
import { countOf, labelsKey, labelsOf, say, scriptLabels, writeSentence, type Labels, type Part } from "./labels.js";
import { ShortcodeUsageError, type ShortcodeArguments, type ShortcodeContext, type ShortcodeDefinition } from "./types.js";

const EXAMPLE = '{{< group-by-expertise "mentor" >}}';
const NAMED_OPTIONS = ["id"] as const;

export const groupByExpertise: ShortcodeDefinition = {
  name: "group-by-expertise",
  templateName: "groupByExpertise",
  paired: false,
  usage:
    `${EXAMPLE}: team members with \`mentor: true\`, or whose expertise mentions the word, ` +
    `with a topic index (add id="…" when used twice on a page)`,
  render(args, context) {
    return renderDirectory(readArguments(args), context);
  },
};

interface Call {
  /** The field name or topic phrase, trimmed. */
  readonly argument: string;
  /** Prefix of every id, so that two directories on one page do not share ids. */
  readonly idPrefix: string;
}

function readArguments(args: ShortcodeArguments): Call {
  const [first, ...rest] = args.positional;
  const argument = first?.trim() ?? "";
  if (argument === "") {
    throw new ShortcodeUsageError('group-by-expertise needs one argument: a field name such as "mentor", or an expertise topic', EXAMPLE);
  }
  if (rest.length > 0) {
    throw new ShortcodeUsageError(
      `group-by-expertise takes one argument, got ${args.positional.length}: put a topic with spaces in quotes`,
      '{{< group-by-expertise "Diversity, Inclusion & Belonging Advisory Group" >}}',
    );
  }
  const unknown = Object.keys(args.named).filter((name) => !(NAMED_OPTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new ShortcodeUsageError(
      `group-by-expertise does not know the option${unknown.length > 1 ? "s" : ""} ` +
        `${unknown.map((name) => `"${name}"`).join(", ")}; it knows only "id"`,
      `{{< group-by-expertise "${argument}" id="dib" >}}`,
    );
  }
  const id = args.named["id"];
  if (id !== undefined && !/^[A-Z][\w-]*$/i.test(id)) {
    throw new ShortcodeUsageError(
      `group-by-expertise: id ${JSON.stringify(id)} must start with a letter and contain only letters, digits, "-" and "_"`,
      `{{< group-by-expertise "${argument}" id="dib" >}}`,
    );
  }
  return { argument, idPrefix: id === undefined ? "" : `${id}-` };
}

/**
 * Words that change with what is listed: "mentors" for `mentor`, "team members" otherwise. Their
 * plural forms go on the directory as `data-noun-<category>` for the script's counts.
 */
type Nouns = Labels["mentorNoun"];

function nounAttributes(nouns: Nouns): Record<string, string> {
  if (typeof nouns === "string") return { "data-noun-one": nouns, "data-noun-other": nouns };
  return Object.fromEntries(Object.entries(nouns).map(([category, form]) => [`data-noun-${category}`, form]));
}

function renderDirectory(call: Call, context: ShortcodeContext): HtmlFragment {
  const { argument, idPrefix } = call;
  const members = selectMembers(context.directory, argument);
  const labels = labelsOf(context);
  const isMentorList = argument === "mentor";
  const nouns: Nouns = isMentorList ? labels.mentorNoun : labels.memberNoun;
  const out = new HtmlWriter();

  if (members.length === 0) {
    out.open("div", { class: "mentor-directory mentor-directory--empty", "data-mentor-directory": true });
    writeEmptyMessage(out, argument, labels);
    return out.close("div").fragment();
  }

  const topics = topicsOf(members);
  const ids = new Ids(idPrefix);
  const topicIds = topicIdsOf(topics);
  const entries = members.map((member) => listedEntry(member, topicIds(member), ids, context));
  const withoutSkills = entries.filter((entry) => entry.topicIds.length === 0);
  const countries = countriesOf(entries, labels);

  out.open("div", { class: "mentor-directory", "data-mentor-directory": true, ...nounAttributes(nouns) });
  const words = scriptLabels(labels);
  if (words !== undefined) out.json({ "data-mentor-labels": true }, words);
  writeSummary(out, members, argument, labels);
  writeSearch(out, nouns, ids, labels);
  if (topics.length > 0) writeTopicChips(out, topics, withoutSkills.length, argument, ids, labels);
  if (countries.length > 1) writeCountryChips(out, countries, ids, labels);
  out.element("p", { class: "directory-status", role: "status", "aria-live": "polite" });
  out.open("div", { class: "directory-empty", hidden: true }).element("p", { class: "directory-empty-message" });
  out.element("button", { type: "button", class: "directory-clear" }, say(labels, "clearSearch")).close("div");
  writeCards(out, entries, argument, context, ids);
  if (topics.length > 0) writeTopicIndex(out, topics, entries, withoutSkills, argument, ids, labels);
  if (countries.length > 1) writeCountryIndex(out, countries, entries, argument, ids, labels);
  return out.close("div").fragment();
}

/**
 * What the directory shows of one member. A member appears as a card and again, by name, under
 * each of their topics in the index, so this is worked out once per member.
 */
interface Entry {
  readonly member: Member;
  readonly name: string;
  /** Id of the member's card. */
  readonly cardId: string;
  /** Link to the member's entry on the team page (none when the site has no team page). */
  readonly teamPage: string | undefined;
  /** Ids of the member's topics (`Topic.id`, without the prefix), in skill order. */
  readonly topicIds: readonly string[];
  /** Key of the member's country (`Country.key`), if their file gives one. */
  readonly country: string | undefined;
}

function listedEntry(member: Member, topicIds: readonly string[], ids: Ids, context: ShortcodeContext): Entry {
  return {
    member,
    name: displayName(member),
    cardId: ids.card(member.slug),
    teamPage: teamPageHref(member, context),
    topicIds,
    country: countryKey(member),
  };
}

/**
 * A country the directory can narrow to. `USA`, `US` and `United States` are one country: the
 * key is the region code when the name is one the runtime knows, else the name as written.
 */
interface Country {
  readonly key: string;
  /** The region's name in the site's language, or the name as written. */
  readonly label: string;
  readonly count: number;
}

function countryKey(member: Member): string | undefined {
  const written = typeof member.data["country"] === "string" ? cleanText(member.data["country"]) : "";
  if (written === "") return undefined;
  return countryCode(written) ?? `x-${idSafe(written.toLowerCase())}`;
}

// One set of region names per site language (a handful): kept for the life of the process.
const regionNames = new Map<string, Intl.DisplayNames | undefined>();

function countryLabel(key: string, member: Member, locale: string): string {
  if (key.startsWith("x-")) return cleanText(String(member.data["country"]));
  if (!regionNames.has(locale)) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([locale, "en"], { type: "region", fallback: "none" });
    } catch {
      names = undefined;
    }
    regionNames.set(locale, names);
  }
  return regionNames.get(locale)?.of(key) ?? cleanText(String(member.data["country"]));
}

/** The countries of the listed members, in the site language's alphabetical order. */
function countriesOf(entries: readonly Entry[], labels: Labels): Country[] {
  const locale = typeof labels.locale === "string" ? labels.locale : "en";
  const found = new Map<string, { label: string; count: number }>();
  for (const { member, country } of entries) {
    if (country === undefined) continue;
    const seen = found.get(country);
    if (seen) seen.count += 1;
    else found.set(country, { label: countryLabel(country, member, locale), count: 1 });
  }
  const collator = collatorOf(locale);
  return [...found].map(([key, { label, count }]) => ({ key, label, count })).sort((a, b) => collator.compare(a.label, b.label));
}

// Making a collator takes about a millisecond: one per locale, not one per page and rebuild.
const collators = new Map<string, Intl.Collator>();

function collatorOf(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (collator === undefined) {
    collator = new Intl.Collator([locale, "en"]);
    collators.set(locale, collator);
  }
  return collator;
}

/** The entries of each topic, in directory order: one pass instead of one filter per topic. */
function entriesByTopic(entries: readonly Entry[]): Map<string, Entry[]> {
  const byTopic = new Map<string, Entry[]>();
  for (const entry of entries) {
    for (const topicId of entry.topicIds) {
      let listed = byTopic.get(topicId);
      if (listed === undefined) {
        listed = [];
        byTopic.set(topicId, listed);
      }
      listed.push(entry);
    }
  }
  return byTopic;
}

/**
 * Every id of one rendered directory; each is valid under strict HTML id rules. After the prefix,
 * a card's id starts with `mentor-` and a topic's with `topic-`; the directory's own ids start with
 * an upper-case letter, so that no card (and no team file, whatever it is named) can take one.
 */
class Ids {
  constructor(readonly prefix: string) {}

  get caption(): string {
    return `${this.prefix}Mentor-directory-caption`;
  }
  get search(): string {
    return `${this.prefix}Mentor-directory-search`;
  }
  get searchHint(): string {
    return `${this.prefix}Mentor-directory-search-hint`;
  }
  get index(): string {
    return `${this.prefix}Mentor-topic-index`;
  }
  get withoutSkills(): string {
    return `${this.prefix}Mentors-without-expertise`;
  }
  topic(topicId: string): string {
    return `${this.prefix}${topicId}`;
  }
  get countryIndex(): string {
    return `${this.prefix}Mentor-country-index`;
  }
  country(key: string): string {
    return `${this.prefix}Country-${key}`;
  }
  card(slug: string): string {
    return `${this.prefix}mentor-${idSafe(slug)}`;
  }
}

/**
 * A slug as part of an id: letters, digits and `-` stay, any other character becomes `_` and its
 * hexadecimal code point and `_` (`jdoe.gitlab` → `jdoe_2e_gitlab`). Ids may hold only letters,
 * digits, `-` and `_`, and since `_` itself is encoded, two slugs never share an id.
 */
export function idSafe(slug: string): string {
  // Most slugs need no change: one test of the whole slug instead of one per character.
  if (idSafeSlug.test(slug)) return slug;
  return Array.from(slug, (character) =>
    idSafeCharacter.test(character) ? character : `_${(character.codePointAt(0) ?? 0).toString(16)}_`,
  ).join("");
}

const idSafeCharacter = /^[\p{L}\p{N}-]$/u;
const idSafeSlug = /^[\p{L}\p{N}-]*$/u;

function writeSummary(out: HtmlWriter, members: readonly Member[], argument: string, labels: Labels): void {
  const byField = members.filter((member) => selectionReason(member, argument) === "field").length;
  const byExpertise = members.length - byField;
  const topic = say(labels, "quoted", { text: argument });
  const field = code(`${argument}: true`);

  out.open("p", { class: "directory-summary" });
  if (byExpertise === 0) writeSentence(out, labels, "summaryField", { count: byField }, { field });
  else if (byField === 0) writeSentence(out, labels, "summaryExpertise", { count: byExpertise, topic });
  else writeSentence(out, labels, "summaryBoth", { count: members.length, topic, byField, byExpertise }, { field });
  out.close("p");
}

/** A placeholder written as code: a field as the team file spells it, in every language. */
function code(text: string): Part {
  return (out) => out.element("code", {}, text);
}

function writeEmptyMessage(out: HtmlWriter, argument: string, labels: Labels): void {
  out.open("p", { class: "directory-summary" });
  const expertise = code("expertise");
  if (argument === "mentor") {
    writeSentence(out, labels, "emptyMentors", {}, { field: code("mentor: true"), expertise });
  } else {
    const topic = say(labels, "quoted", { text: argument });
    if (/^[a-z][a-z0-9_]*$/.test(argument))
      writeSentence(out, labels, "emptyTopicOrField", { topic }, { expertise, field: code(`${argument}: true`) });
    else writeSentence(out, labels, "emptyTopic", { topic }, { expertise });
  }
  out.close("p");
}

/**
 * The search field. It needs the script, so it is hidden until the script shows it; without
 * JavaScript the topic index below the cards reaches every member.
 */
function writeSearch(out: HtmlWriter, nouns: Nouns, ids: Ids, labels: Labels): void {
  out.open("div", { class: "directory-search", role: "search", hidden: true });
  out.element("label", { for: ids.search }, say(labels, "directorySearch", { nouns: pluralNoun(nouns) }));
  out.element("input", { type: "search", id: ids.search, name: "q", autocomplete: "off", "aria-describedby": ids.searchHint });
  out.element("p", { id: ids.searchHint, class: "directory-search-hint" }, say(labels, "searchHint"));
  out.close("div");
}

/** The noun for many, as in "Search mentors". */
function pluralNoun(nouns: Nouns): string {
  return typeof nouns === "string" ? nouns : nouns.other;
}

/**
 * One link per topic with its count. Without JavaScript each leads to the topic's line in the
 * index; the script turns them into toggle buttons that filter the cards in place.
 */
function writeTopicChips(
  out: HtmlWriter,
  topics: readonly Topic[],
  withoutSkills: number,
  argument: string,
  ids: Ids,
  labels: Labels,
): void {
  const label = argument === "mentor" ? say(labels, "mentorTopics") : say(labels, "topicsOf", { topic: argument });
  // A details box, so that on a phone the script can fold a long row of chips away from the cards.
  out.open("details", { class: "directory-topics-box", open: true }).open("summary");
  out
    .text(`${argument === "mentor" ? say(labels, "mentorTopicsShort") : label} `)
    .element("span", { class: "topic-count" }, `(${topics.length})`)
    .close("summary");
  out.open("nav", { class: "directory-topics", "aria-label": label }).open("ul");
  for (const topic of topics) {
    const id = ids.topic(topic.id);
    out
      .open("li")
      .open("a", { href: `#${id}`, "data-topic": id, "data-topic-label": topic.label, "data-topic-count": String(topic.count) });
    out.text(`${topic.label} `).element("span", { class: "topic-count" }, `(${topic.count})`).close("a").close("li");
  }
  if (withoutSkills > 0) {
    out
      .open("li")
      .open("a", { href: `#${ids.withoutSkills}` })
      .text(`${say(labels, "noExpertise")} `);
    out.element("span", { class: "topic-count" }, `(${withoutSkills})`).close("a").close("li");
  }
  out.close("ul").close("nav").close("details");
}

/** What the caption of the cards starts with; the script keeps the count after it in step. */
function captionLabel(argument: string, labels: Labels): string {
  return argument === "mentor"
    ? say(labels, "mentorsCaption")
    : say(labels, "membersCaption", { topic: say(labels, "quoted", { text: argument }) });
}

function writeCards(out: HtmlWriter, entries: readonly Entry[], argument: string, context: ShortcodeContext, ids: Ids): void {
  const labels = labelsOf(context);
  out.open("section", { class: "directory-list", "aria-labelledby": ids.caption });
  const label = captionLabel(argument, labels);
  const caption = say(labels, "caption", { label, members: countOf(labels, labels.memberNoun, entries.length) });
  out.heading("h3", { id: ids.caption, class: "directory-caption", "data-caption-label": label }, caption);
  out.open("ul", { class: "mentor-cards" });
  const key = `${ids.prefix}\0${context.teamPageUrl}\0${context.upstreamUrl}\0${labelsKey(labels)}`;
  const cardOf = cards.under(key);
  const keptOf = context.cards?.under("directory card", key);
  for (const entry of entries) {
    const topics = entry.topicIds.length > 0 ? entry.topicIds.map((id) => ids.topic(id)).join(" ") : undefined;
    const write = (): HtmlFragment => card(entry, topics, context, ids);
    const written = keptOf ? (): HtmlFragment => keptOf(entry.member, write, topics) : write;
    let kept = cardOf(entry.member, () => ({ topics, card: written() }));
    // A topic's id can change with the team (two topics sharing a slug): the card is written again.
    if (kept.topics !== topics) kept = { topics, card: written() };
    out.fragment(kept.card);
  }
  out.close("ul").close("section");
}

// A member's card is written once per member object and the options it shows (see `MemberMemo`).
const cards = new MemberMemo<{ readonly topics: string | undefined; readonly card: HtmlFragment }>();

function card(entry: Entry, topics: string | undefined, context: ShortcodeContext, ids: Ids): HtmlFragment {
  wrote("directory cards");
  const { member, name, cardId, teamPage, country } = entry;
  const countryId = country === undefined ? undefined : ids.country(country);
  const out = new HtmlWriter();
  out.open("li", { id: cardId, class: "mentor-card member-card", "data-topics": topics, "data-country": countryId });
  out.heading("h4", { class: "member-name" }, name, () => {
    if (teamPage === undefined) out.text(name);
    else out.element("a", { href: teamPage }, name);
  });
  out.piece(memberDetails(member, context));
  // The offset pairing weighs, for a reader looking for someone near their own hours.
  const zone = memberTimeZone(member);
  if (zone !== "") {
    out.open("p", { class: "member-time-zone" }).element("span", { class: "detail-label" }, say(labelsOf(context), "timeZone"));
    out.text(" ").element("span", { class: "time-zone" }, zone).close("p");
  }
  writeMatchLine(out);
  return out.close("li").keep();
}

/**
 * Mentors by topic, compact: one line per topic, the names linking to their cards. This is how a
 * reader without JavaScript narrows the directory; the script hides it, as the chips then filter
 * the cards themselves.
 */
function writeTopicIndex(
  out: HtmlWriter,
  topics: readonly Topic[],
  entries: readonly Entry[],
  withoutSkills: readonly Entry[],
  argument: string,
  ids: Ids,
  labels: Labels,
): void {
  const byTopic = entriesByTopic(entries);
  const headingId = `${ids.index}-heading`;
  out.open("section", { id: ids.index, class: "directory-index", "aria-labelledby": headingId });
  out.heading("h3", { id: headingId }, say(labels, argument === "mentor" ? "mentorsByTopic" : "membersByTopic"));
  out.open("dl", { class: "topic-index" });
  for (const topic of topics) writeIndexLine(out, ids.topic(topic.id), topic.label, byTopic.get(topic.id) ?? []);
  if (withoutSkills.length > 0) writeIndexLine(out, ids.withoutSkills, say(labels, "noExpertise"), withoutSkills);
  out.close("dl").close("section");
}

function writeIndexLine(out: HtmlWriter, sectionId: string, label: string, entries: readonly Entry[]): void {
  out.open("div", { id: sectionId, class: "directory-topic", "data-topic-section": sectionId }).element("dt", {}, label).open("dd");
  entries.forEach(({ name, cardId }, index) => {
    if (index > 0) out.text(", ");
    out.element("a", { href: `#${cardId}` }, name);
  });
  out.close("dd").close("div");
}

/**
 * One link per country with its count, beside the topics: without JavaScript each leads to the
 * country's line in the index below the cards; the script turns them into toggle buttons.
 */
function writeCountryChips(out: HtmlWriter, countries: readonly Country[], ids: Ids, labels: Labels): void {
  const label = say(labels, "countries");
  out.open("details", { class: "directory-topics-box directory-countries-box", open: true }).open("summary");
  out.text(`${label} `).element("span", { class: "topic-count" }, `(${countries.length})`).close("summary");
  out.open("nav", { class: "directory-countries", "aria-label": label }).open("ul");
  for (const country of countries) {
    const id = ids.country(country.key);
    out.open("li").open("a", { href: `#${id}`, "data-country": id, "data-topic-label": country.label });
    out.text(`${country.label} `).element("span", { class: "topic-count" }, `(${country.count})`).close("a").close("li");
  }
  out.close("ul").close("nav").close("details");
}

/** Members by country, one line each, the way the topic index lists them by topic. */
function writeCountryIndex(
  out: HtmlWriter,
  countries: readonly Country[],
  entries: readonly Entry[],
  argument: string,
  ids: Ids,
  labels: Labels,
): void {
  const headingId = `${ids.countryIndex}-heading`;
  out.open("section", { id: ids.countryIndex, class: "directory-index", "aria-labelledby": headingId });
  out.heading("h3", { id: headingId }, say(labels, argument === "mentor" ? "mentorsByCountry" : "membersByCountry"));
  out.open("dl", { class: "topic-index" });
  // One pass over the entries, not one per country.
  const byCountry = new Map<string | undefined, Entry[]>();
  for (const entry of entries) {
    const listed = byCountry.get(entry.country);
    if (listed === undefined) byCountry.set(entry.country, [entry]);
    else listed.push(entry);
  }
  for (const country of countries) writeIndexLine(out, ids.country(country.key), country.label, byCountry.get(country.key) ?? []);
  out.close("dl").close("section");
}
