/**
 * `{{< group-by-expertise "mentor" >}}`: the mentor directory of the "Mentoring at GitLab" page.
 *
 * Keeps the upstream syntax and both of its uses (a boolean field such as `mentor`, or an
 * expertise topic), and renders what the page promises: Name, Role and Expertise, in name order,
 * a sentence saying what matched, a topic index that narrows the list without JavaScript, and
 * hooks for the script that adds a topic filter.
 */
import type { Element, ElementContent, Properties, Text } from "hast";
import { h } from "hastscript";
import { sanitizeFragment } from "../plugin/html/sanitize.js";
import { displayName, expertiseCell, teamPageHref } from "./member-parts.js";
import {
  memberTopicIds,
  selectionReason,
  selectMembers,
  topicsOf,
  type Member,
  type Topic,
} from "../plugin/team/directory.js";
import {
  ShortcodeUsageError,
  type ShortcodeArguments,
  type ShortcodeContext,
  type ShortcodeDefinition,
} from "./types.js";

const EXAMPLE = '{{< group-by-expertise "mentor" >}}';
const NAMED_OPTIONS = ["id"] as const;

export const groupByExpertise: ShortcodeDefinition = {
  name: "group-by-expertise",
  templateName: "groupByExpertise",
  paired: false,
  usage: `${EXAMPLE}: team members with \`mentor: true\`, or whose expertise mentions the word, with a topic index (add id="…" when used twice on a page)`,
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
    throw new ShortcodeUsageError(
      "group-by-expertise needs one argument: a field name such as \"mentor\", or an expertise topic",
      EXAMPLE,
    );
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
      `group-by-expertise does not know the option${unknown.length > 1 ? "s" : ""} ${unknown.map((name) => `"${name}"`).join(", ")}; it knows only "id"`,
      `{{< group-by-expertise "${argument}" id="dib" >}}`,
    );
  }
  const id = args.named["id"];
  if (id !== undefined && !/^[A-Za-z][A-Za-z0-9_-]*$/.test(id)) {
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
  const nouns: Nouns = isMentorList
    ? { one: "mentor", other: "mentors" }
    : { one: "team member", other: "team members" };

  if (members.length === 0) {
    return [
      h(
        "div",
        { className: ["mentor-directory", "mentor-directory--empty"], dataMentorDirectory: true },
        [emptyMessage(argument)],
      ),
    ];
  }

  const topics = topicsOf(members);
  const ids = new Ids(idPrefix);
  const entries = members.map((member) => listedEntry(member, topics, ids, context));
  const withoutExpertise = entries.filter((entry) => entry.topicIds.length === 0);

  const parts: ElementContent[] = [summary(members, argument)];
  if (topics.length > 0) parts.push(topicIndex(topics, withoutExpertise.length, argument, ids));
  parts.push(
    h("div", { className: ["directory-filter"], hidden: true }),
    h("p", { className: ["directory-status"], role: "status", ariaLive: "polite" }),
    table(entries, argument, context, ids),
  );
  const byTopic = entriesByTopic(entries);
  for (const topic of topics) {
    parts.push(topicSection(ids.topic(topic.id), topic.label, byTopic.get(topic.id) ?? [], ids));
  }
  if (withoutExpertise.length > 0) {
    parts.push(topicSection(ids.withoutExpertise, "No expertise listed", withoutExpertise, ids));
  }

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
 * What the directory shows of one member. A member appears in the table and again in each of
 * their topic sections, so this is worked out once per member.
 */
interface Entry {
  readonly member: Member;
  readonly name: string;
  /** Id of the member's table row. */
  readonly rowId: string;
  /** Link to the member's entry on the team page (none when the site has no team page). */
  readonly teamPage: string | undefined;
  /** Ids of the member's topics (`Topic.id`, without the prefix), in expertise order. */
  readonly topicIds: readonly string[];
}

function listedEntry(member: Member, topics: readonly Topic[], ids: Ids, context: ShortcodeContext): Entry {
  return {
    member,
    name: displayName(member),
    rowId: ids.row(member.slug),
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

/** Every id of one rendered directory; each is valid under strict HTML id rules. */
class Ids {
  constructor(readonly prefix: string) {}

  get caption(): string {
    return `${this.prefix}mentor-directory-caption`;
  }
  get withoutExpertise(): string {
    return `${this.prefix}mentors-without-expertise`;
  }
  topic(topicId: string): string {
    return `${this.prefix}${topicId}`;
  }
  heading(sectionId: string): string {
    return `${sectionId}-heading`;
  }
  row(slug: string): string {
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
    idSafeCharacter.test(character) ? character : `_${character.codePointAt(0)!.toString(16)}_`,
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
      `${count(byField, "team member has", "team members have")} `,
      field,
      " in their team entry.",
    ]);
  }
  if (byField === 0) {
    return h("p", { className: ["directory-summary"] }, [
      `${count(byExpertise, "team member lists", "team members list")} expertise that mentions ${quoted}.`,
    ]);
  }
  return h("p", { className: ["directory-summary"] }, [
    `${count(members.length, "team member matches", "team members match")} ${quoted}: ${byField} with `,
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

function topicIndex(
  topics: readonly Topic[],
  withoutExpertise: number,
  argument: string,
  ids: Ids,
): Element {
  const label = argument === "mentor" ? "Mentor topics" : `Topics: ${argument}`;
  const links = topics.map((topic) =>
    h("li", [
      h(
        "a",
        {
          href: `#${ids.topic(topic.id)}`,
          dataTopic: ids.topic(topic.id),
          dataTopicLabel: topic.label,
          dataTopicCount: String(topic.count),
        },
        [`${topic.label} `, h("span", { className: ["topic-count"] }, `(${topic.count})`)],
      ),
    ]),
  );
  if (withoutExpertise > 0) {
    links.push(
      h("li", [
        h("a", { href: `#${ids.withoutExpertise}` }, [
          "No expertise listed ",
          h("span", { className: ["topic-count"] }, `(${withoutExpertise})`),
        ]),
      ]),
    );
  }
  return h("nav", { className: ["directory-topics"], ariaLabel: label }, [h("ul", links)]);
}

function table(entries: readonly Entry[], argument: string, context: ShortcodeContext, ids: Ids): Element {
  const caption =
    argument === "mentor"
      ? `Mentors: ${count(entries.length, "team member", "team members")}`
      : `Team members matching “${argument}”: ${entries.length}`;
  const rows = entries.map(({ member, name, rowId, teamPage, topicIds }) => {
    const properties: Properties = { id: rowId };
    if (topicIds.length > 0) properties.dataTopics = topicIds.map((id) => ids.topic(id)).join(" ");
    return element("tr", properties, [
      element("th", { scope: "row" }, [teamPage === undefined ? text(name) : element("a", { href: teamPage }, [text(name)])]),
      element("td", {}, sanitizeFragment(member.role, { baseUrl: context.upstreamUrl })),
      element("td", {}, expertiseCell(member, context)),
    ]);
  });
  // A focusable, labelled container lets keyboard users scroll a table wider than the screen.
  return h("section", { className: ["table-scroll"], tabIndex: 0, ariaLabelledBy: ids.caption }, [
    h("table", { className: ["directory-table"] }, [
      h("caption", { id: ids.caption }, caption),
      h("thead", [
        h("tr", [
          h("th", { scope: "col" }, "Name"),
          h("th", { scope: "col" }, "Role"),
          h("th", { scope: "col" }, "Expertise"),
        ]),
      ]),
      h("tbody", rows),
    ]),
  ]);
}

function topicSection(sectionId: string, label: string, entries: readonly Entry[], ids: Ids): Element {
  const headingId = ids.heading(sectionId);
  return h(
    "section",
    { id: sectionId, className: ["directory-topic"], ariaLabelledBy: headingId, dataTopicSection: sectionId },
    [
      h("h3", { id: headingId }, label),
      h(
        "ul",
        entries.map(({ name, rowId, teamPage }) =>
          element("li", {}, [
            element("a", { href: `#${rowId}` }, [text(name)]),
            ...(teamPage === undefined
              ? []
              : [
                  text(" ("),
                  element("a", { href: teamPage }, [
                    text("team page"),
                    element("span", { className: ["visually-hidden"] }, [text(` of ${name}`)]),
                  ]),
                  text(")"),
                ]),
          ]),
        ),
      ),
    ],
  );
}

// Table rows and topic list items, one set per member, are built as plain hast: hastscript's
// reading of property names and values is most of what they cost, thousands of times per page.
// Their properties are written in hast form (`className` as a list, `dataTopics`).
function element(tagName: string, properties: Properties, children: ElementContent[]): Element {
  return { type: "element", tagName, properties, children };
}

function text(value: string): Text {
  return { type: "text", value };
}

function count(n: number, one: string, other: string): string {
  return `${n} ${n === 1 ? one : other}`;
}
