/**
 * The directory as JSON (`/mentors.json`), for tools that should not parse HTML: chat bots,
 * program spreadsheets. Its shape is described by `data/schema/mentors.schema.json`.
 */
import { cleanText } from "../../text/clean.js";
import { fragmentText } from "../../html/sanitize.js";
import { safeWebUrl } from "../../html/url.js";
import { selectionReason, selectMembers, type Directory, type Member } from "./directory.js";
import { gitlabHandle, gitlabProfileUrl } from "./gitlab.js";
import { wrote } from "../../diagnostics/timings.js";
import { MemberMemo } from "./member-memo.js";
import { skillsOf } from "./skills.js";

export interface MentorRecord {
  readonly slug: string;
  readonly name: string;
  /** Plain text of the role. */
  readonly role: string;
  readonly departments: readonly string[];
  /** The `expertise` items as written (kept for tools that read them). */
  readonly expertise: readonly { readonly label: string; readonly href?: string }[];
  /** Every skill (`skillsOf`): expertise items, then domain skills with their key. */
  readonly skills: readonly { readonly label: string; readonly href?: string; readonly domainKey?: string }[];
  /** `https://gitlab.com/<handle>` when the entry has a valid GitLab username. */
  readonly gitlabUrl?: string;
  /** URL of the member's entry on the team page (absolute when a site URL is set); absent without a team page. */
  readonly teamPageUrl?: string;
  /** Why the member is listed: `mentor: true`, or expertise that mentions mentoring. */
  readonly listedBecause: "field" | "expertise";
  /** The fields the site asked for (option `exportFields`), as written, when the member has them without an error. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

export interface MentorsDocument {
  /** What the directory matched, as in `{{< group-by-expertise "mentor" >}}`. */
  readonly argument: string;
  readonly count: number;
  readonly mentors: readonly MentorRecord[];
}

export interface ExportOptions {
  /** Origin of the site, for absolute team-page links (`https://handbook.example.com`); `""` keeps them root-relative. */
  readonly siteUrl: string;
  /** URL path of the team page; `""` when the site has none (no team-page links). */
  readonly teamPageUrl: string;
  /** Base for relative expertise links. */
  readonly upstreamUrl: string;
  /** Default `"mentor"`. */
  readonly argument?: string;
  /** Further fields of the team files to carry (option `exportFields`). Default none. */
  readonly fields?: readonly string[];
}

// Records by member, for each set of options (see `MemberMemo`).
const records = new MemberMemo<MentorRecord>();

/** What shapes a record besides its member: the key of its texts kept between builds too. */
function recordKey(argument: string, options: ExportOptions): string {
  return JSON.stringify([argument, options.siteUrl, options.teamPageUrl, options.upstreamUrl, options.fields ?? []]);
}

/** Pure: the same directory gives the same document, in the page's order. */
export function mentorsDocument(directory: Directory, options: ExportOptions): MentorsDocument {
  const argument = options.argument ?? "mentor";
  const key = recordKey(argument, options);
  const mentors = selectMembers(directory, argument).map((m) => recordOf(m, key, argument, options));
  return { argument, count: mentors.length, mentors };
}

/** The member's record under the options `key` stands for, written once. */
function recordOf(m: Member, key: string, argument: string, options: ExportOptions): MentorRecord {
  return records.get(key, m, () => mentorRecord(m, argument, options));
}

// Each record's JSON text, indented for its place in the document (see `mentorsJson`).
const recordTexts = new WeakMap<MentorRecord, string>();

function recordText(record: MentorRecord): string {
  let text = recordTexts.get(record);
  if (text === undefined) {
    text = `    ${JSON.stringify(record, null, 2).replaceAll("\n", "\n    ")}`;
    recordTexts.set(record, text);
  }
  return text;
}

/**
 * Record texts written by an earlier build, under the key of the options that shape them: a
 * member's kept text, or the one `write` makes now (and keeps). The plugin's kept cards serve.
 */
export type KeptRecordTexts = (key: string) => (member: Member, write: () => string) => string;

/**
 * The document as `JSON.stringify(mentorsDocument(…), null, 2)` writes it, with a final newline,
 * from the text of each record, written once per record: a watch-mode build joins the texts of
 * unchanged members, and with `kept`, a build those of members unchanged since an earlier one.
 */
export function mentorsJson(directory: Directory, options: ExportOptions, kept?: KeptRecordTexts): string {
  const argument = options.argument ?? "mentor";
  const key = recordKey(argument, options);
  const members = selectMembers(directory, argument);
  const head = JSON.stringify({ argument, count: members.length }, null, 2).slice(0, -2);
  if (members.length === 0) return `${head},\n  "mentors": []\n}\n`;
  const write = (m: Member): string => recordText(recordOf(m, key, argument, options));
  const keptOf = kept?.(key);
  const texts = members.map((m) => (keptOf ? keptOf(m, () => write(m)) : write(m)));
  return `${head},\n  "mentors": [\n${texts.join(",\n")}\n  ]\n}\n`;
}

/** Frozen through: one record serves every document that lists the member. */
function mentorRecord(m: Member, argument: string, options: ExportOptions): MentorRecord {
  wrote("mentor records");
  const handle = gitlabHandle(m);
  return Object.freeze({
    slug: m.slug,
    name: cleanText(m.name) || m.slug,
    role: fragmentText(m.role),
    departments: Object.freeze(m.departments.map(cleanText).filter(Boolean)),
    expertise: Object.freeze(
      m.expertise.map((item) => {
        const href = safeWebUrl(item.href, options.upstreamUrl);
        return Object.freeze(href === undefined ? { label: cleanText(item.label) } : { label: cleanText(item.label), href });
      }),
    ),
    skills: Object.freeze(
      skillsOf(m).flatMap((skill) => {
        const label = cleanText(skill.label);
        if (label === "") return [];
        const href = safeWebUrl(skill.href, options.upstreamUrl);
        return [
          Object.freeze({
            label,
            ...(href === undefined ? {} : { href }),
            ...(skill.domainKey === undefined ? {} : { domainKey: skill.domainKey }),
          }),
        ];
      }),
    ),
    ...(handle === undefined ? {} : { gitlabUrl: gitlabProfileUrl(handle) }),
    ...(options.teamPageUrl === "" ? {} : { teamPageUrl: teamPageLink(m, options) }),
    listedBecause: selectionReason(m, argument),
    ...(options.fields?.length ? { fields: exportedFields(m, options.fields) } : {}),
  });
}

/**
 * The member's values of `fields`, as parsed from the file: a field the entry lacks, or whose
 * value has an error, is left out (as the plugin's own fields are), never guessed.
 */
export function exportedFields(m: Member, fields: readonly string[]): Readonly<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (Object.hasOwn(m.data, field) && m.data[field] !== undefined && !m.invalidFields?.includes(field)) out[field] = m.data[field];
  }
  return Object.freeze(out);
}

function teamPageLink(m: Member, options: ExportOptions): string {
  const path = `${options.teamPageUrl}#${encodeURIComponent(m.slug)}`;
  return options.siteUrl === "" ? path : new URL(path, options.siteUrl).href;
}
