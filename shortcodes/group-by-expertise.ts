/**
 * `{{< group-by-expertise "mentor" >}}`: the mentor directory of the "Mentoring at GitLab" page.
 *
 * Keeps the upstream syntax and both of its uses (a boolean field such as `mentor`, or an
 * expertise topic), and renders what the page promises: Name, Role and Expertise, in name order,
 * a sentence saying what matched, a topic index that narrows the list without JavaScript, and
 * hooks for the script that adds a topic filter.
 */
import type { Element, ElementContent, Properties } from "hast";
import { h } from "hastscript";
import { displayName, element, matchLine, memberDetails, teamPageHref, text } from "./member-parts.js";
import { memberTopicIds, selectionReason, selectMembers, topicsOf, type Member, type Topic } from "../plugin/team/model/directory.js";
import { plural } from "../plugin/text/plural.js";
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

/** Words that change with what is listed: "mentors" for `mentor`, "team members" otherwise. */
interface Nouns {
  readonly one: string;
  readonly other: string;
}

function renderDirectory(call: Call, context: ShortcodeContext): ElementContent[] {
  const { argument, idPrefix } = call;
  const members = selectMembers(context.directory, argument);
  const isMentorList = argument === "mentor";
  const nouns: Nouns = isMentorList ? { one: "mentor", other: "mentors" } : { one: "team member", other: "team members" };

  if (members.length === 0) {
    return [h("div", { className: ["mentor-directory", "mentor-directory--empty"], dataMentorDirectory: true }, [emptyMessage(argument)])];
  }

  const topics = topicsOf(members);
  const ids = new Ids(idPrefix);
  const entries = members.map((member) => listedEntry(member, topics, ids, context));
  const withoutSkills = entries.filter((entry) => entry.topicIds.length === 0);

  const parts: ElementContent[] = [summary(members, argument), search(nouns, ids)];
  if (topics.length > 0) parts.push(topicChips(topics, withoutSkills.length, argument, ids));
  parts.push(
    h("p", { className: ["directory-status"], role: "status", ariaLive: "polite" }),
    h("div", { className: ["directory-empty"], hidden: true }, [
      h("p", { className: ["directory-empty-message"] }),
      h("button", { type: "button", className: ["directory-clear"] }, "Clear the search"),
    ]),
    cards(entries, argument, context, ids),
  );
  if (topics.length > 0) parts.push(topicIndex(topics, entries, withoutSkills, argument, ids));

  return [
    h(
      "div",
      {
        className: ["mentor-directory"],
        dataMentorDirectory: true,
        dataNounOne: nouns.one,
        dataNounOther: nouns.other,
      },
      parts,
    ),
  ];
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
}

function listedEntry(member: Member, topics: readonly Topic[], ids: Ids, context: ShortcodeContext): Entry {
  return {
    member,
    name: displayName(member),
    cardId: ids.card(member.slug),
    teamPage: teamPageHref(member, context),
    topicIds: memberTopicIds(member, topics),
  };
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

function summary(members: readonly Member[], argument: string): Element {
  const byField = members.filter((member) => selectionReason(member, argument) === "field").length;
  const byExpertise = members.length - byField;
  const quoted = `“${argument}”`;
  const field = h("code", `${argument}: true`);

  if (byExpertise === 0) {
    return h("p", { className: ["directory-summary"] }, [
      `${plural(byField, "team member has", "team members have")} `,
      field,
      " in their team entry.",
    ]);
  }
  if (byField === 0) {
    return h("p", { className: ["directory-summary"] }, [
      `${plural(byExpertise, "team member lists", "team members list")} expertise that mentions ${quoted}.`,
    ]);
  }
  return h("p", { className: ["directory-summary"] }, [
    `${plural(members.length, "team member matches", "team members match")} ${quoted}: ${byField} with `,
    field,
    ` in their team entry, and ${byExpertise} more whose expertise mentions ${quoted}.`,
  ]);
}

function emptyMessage(argument: string): Element {
  if (argument === "mentor") {
    return h("p", { className: ["directory-summary"] }, [
      "No team members are available as mentors yet. To become one, set ",
      h("code", "mentor: true"),
      " in your team member entry; you can also list what you can help with under ",
      h("code", "expertise"),
      ".",
    ]);
  }
  const fieldLike = /^[a-z][a-z0-9_]*$/.test(argument);
  return h("p", { className: ["directory-summary"] }, [
    `No team members match “${argument}” yet. To be listed here, add it to the `,
    h("code", "expertise"),
    " in your team member entry",
    ...(fieldLike ? [", or set ", h("code", `${argument}: true`)] : []),
    ".",
  ]);
}

/**
 * The search field. It needs the script, so it is hidden until the script shows it; without
 * JavaScript the topic index below the cards reaches every member.
 */
function search(nouns: Nouns, ids: Ids): Element {
  return h("div", { className: ["directory-search"], role: "search", hidden: true }, [
    h("label", { for: ids.search }, `Search ${nouns.other} by skill, name, role or department`),
    h("input", {
      type: "search",
      id: ids.search,
      name: "q",
      autoComplete: "off",
      ariaDescribedBy: ids.searchHint,
    }),
    h("p", { id: ids.searchHint, className: ["directory-search-hint"] }, "Whole words, in any case: “ruby”, “remote work”, “kubernetes”."),
  ]);
}

/**
 * One link per topic with its count. Without JavaScript each leads to the topic's line in the
 * index; the script turns them into toggle buttons that filter the cards in place.
 */
function topicChips(topics: readonly Topic[], withoutSkills: number, argument: string, ids: Ids): Element {
  const label = argument === "mentor" ? "Mentor topics" : `Topics: ${argument}`;
  const links = topics.map((topic) =>
    element("li", {}, [
      element(
        "a",
        {
          href: `#${ids.topic(topic.id)}`,
          dataTopic: ids.topic(topic.id),
          dataTopicLabel: topic.label,
          dataTopicCount: String(topic.count),
        },
        [text(`${topic.label} `), element("span", { className: ["topic-count"] }, [text(`(${topic.count})`)])],
      ),
    ]),
  );
  if (withoutSkills > 0) {
    links.push(
      element("li", {}, [
        element("a", { href: `#${ids.withoutSkills}` }, [
          text("No expertise listed "),
          element("span", { className: ["topic-count"] }, [text(`(${withoutSkills})`)]),
        ]),
      ]),
    );
  }
  // A details box, so that on a phone the script can fold a long row of chips away from the cards.
  return h("details", { className: ["directory-topics-box"], open: true }, [
    h("summary", [`${argument === "mentor" ? "Topics" : label} `, h("span", { className: ["topic-count"] }, `(${topics.length})`)]),
    h("nav", { className: ["directory-topics"], ariaLabel: label }, [h("ul", links)]),
  ]);
}

/** What the caption of the cards starts with; the script keeps the count after it in step. */
function captionLabel(argument: string): string {
  return argument === "mentor" ? "Mentors" : `Team members matching “${argument}”`;
}

function cards(entries: readonly Entry[], argument: string, context: ShortcodeContext, ids: Ids): Element {
  const items = entries.map((entry) => card(entry, context, ids));
  return h("section", { className: ["directory-list"], ariaLabelledBy: ids.caption }, [
    h(
      "h3",
      { id: ids.caption, className: ["directory-caption"], dataCaptionLabel: captionLabel(argument) },
      `${captionLabel(argument)}: ${plural(entries.length, "team member", "team members")}`,
    ),
    h("ul", { className: ["mentor-cards"] }, items),
  ]);
}

function card({ member, name, cardId, teamPage, topicIds }: Entry, context: ShortcodeContext, ids: Ids): Element {
  const properties: Properties = { id: cardId, className: ["mentor-card", "member-card"] };
  if (topicIds.length > 0) properties.dataTopics = topicIds.map((id) => ids.topic(id)).join(" ");
  const children: ElementContent[] = [
    element("h4", { className: ["member-name"] }, [teamPage === undefined ? text(name) : element("a", { href: teamPage }, [text(name)])]),
    ...memberDetails(member, context),
    matchLine(),
  ];
  return element("li", properties, children);
}

/**
 * Mentors by topic, compact: one line per topic, the names linking to their cards. This is how a
 * reader without JavaScript narrows the directory; the script hides it, as the chips then filter
 * the cards themselves.
 */
function topicIndex(
  topics: readonly Topic[],
  entries: readonly Entry[],
  withoutSkills: readonly Entry[],
  argument: string,
  ids: Ids,
): Element {
  const byTopic = entriesByTopic(entries);
  const headingId = `${ids.index}-heading`;
  const lines = topics.map((topic) => indexLine(ids.topic(topic.id), topic.label, byTopic.get(topic.id) ?? []));
  if (withoutSkills.length > 0) lines.push(indexLine(ids.withoutSkills, "No expertise listed", withoutSkills));
  return h("section", { id: ids.index, className: ["directory-index"], ariaLabelledBy: headingId }, [
    h("h3", { id: headingId }, argument === "mentor" ? "Mentors by topic" : `Team members by topic`),
    element("dl", { className: ["topic-index"] }, lines),
  ]);
}

function indexLine(sectionId: string, label: string, entries: readonly Entry[]): Element {
  const names: ElementContent[] = [];
  entries.forEach(({ name, cardId }, index) => {
    if (index > 0) names.push(text(", "));
    names.push(element("a", { href: `#${cardId}` }, [text(name)]));
  });
  return element("div", { id: sectionId, className: ["directory-topic"], dataTopicSection: sectionId }, [
    element("dt", {}, [text(label)]),
    element("dd", {}, names),
  ]);
}
