/**
 * From files to a pairing: the team folder (validated as `mentor-directory validate` does), the
 * mentee applications, and optionally mentor applications and exclusions. Problems in the files
 * are diagnostics; only a file that cannot be read at all is an exception (`PairingFileError`).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics/index.js";
import { Problems } from "../diagnostics/problems.js";
import { buildDirectory, selectMembers, type Directory } from "../team/model/directory.js";
import { skillsOf } from "../team/model/skills.js";
import { gitlabHandle } from "../team/model/gitlab.js";
import { slugOfFile, type Member } from "../team/entry.js";
import type { TeamReport } from "../team/check/team-report.js";
import { validateTeam } from "../team/pipeline/team-store.js";
import { DEFAULT_CAPACITY, PAIRING_RULES } from "./pairing-rules.js";
import { indexTeam, type TeamIndex } from "./member-lookup.js";
import {
  readExclusions,
  readMenteeApplications,
  readMentorApplications,
  type ApplicationsRead,
  type ExclusionApplication,
  type MenteeApplication,
  type MentorApplication,
} from "./applications.js";
import { tableFormatOf, type TableFormat } from "./table.js";
import { DEFAULT_TEAM_FOLDER } from "../team/read/folder.js";
import { areaKey, FocusAreas } from "./constraints.js";
import { closestTopics } from "./similarity.js";
import { pair, type MenteeEntry, type MentorEntry, type Pairing, type Participant, type RowSource } from "./pair.js";
import { REFERENCE_DATE, resolveTeamLocation, type ResolvedTimeZone } from "./timezones.js";

/** The default team folder, as for `validate`. */
export { DEFAULT_TEAM_FOLDER } from "../team/read/folder.js";

/** A file that cannot be read or whose kind cannot be told: a usage problem. */
export class PairingFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PairingFileError";
  }
}

export interface PairFilesOptions {
  /** Mentee applications, CSV or YAML. */
  readonly mentees: string;
  /** Team folders. Default `[DEFAULT_TEAM_FOLDER]`. */
  readonly team?: readonly string[];
  /** Mentor applications, CSV or YAML. Default: the directory's mentors with their expertise. */
  readonly mentors?: string;
  /** Pairs never to suggest, CSV or YAML. */
  readonly exclusions?: string;
  /** Capacity of mentors whose application gives none. Default `DEFAULT_CAPACITY`. */
  readonly capacity?: number;
  /** Base of relative paths. Default `process.cwd()`. */
  readonly cwd?: string;
  /** Date at which time zones are read. Default `REFERENCE_DATE`. */
  readonly referenceDate?: Date;
  /** Closest mentors listed for an unpaired mentee. Default 3. */
  readonly nearMisses?: number;
}

export interface FileCounts {
  readonly file: string;
  /** Rows holding data. */
  readonly read: number;
  readonly rejected: number;
}

export interface PairFilesResult {
  readonly pairing: Pairing;
  /** Problems in the application files (and directory mentors without expertise). */
  readonly diagnostics: readonly Diagnostic[];
  readonly team: TeamReport;
  readonly files: { readonly mentees: FileCounts; readonly mentors?: FileCounts; readonly exclusions?: FileCounts };
  /** Rows rejected across all application files. */
  readonly rejected: number;
}

async function readText(file: string, cwd: string): Promise<{ text: string; format: TableFormat }> {
  const format = tableFormatOf(file);
  if (!format) throw new PairingFileError(`cannot tell the format of ${file}; name it .csv, .yml or .yaml`);
  try {
    return { text: await readFile(path.resolve(cwd, file), "utf8"), format };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PairingFileError(
      code === "ENOENT"
        ? `file not found: ${file}`
        : code === "EISDIR"
          ? `not a file: ${file}`
          : `cannot read ${file} (${code ?? "error"})`,
    );
  }
}

/** A member's skills as focus areas (`skillsOf`: expertise items and domain skills). */
function skillLabels(member: Member): string[] {
  return skillsOf(member).map((skill) => skill.label);
}

/**
 * One warning per mentee focus area that no mentor offers, naming the closest topics mentors do
 * offer: such an area cannot help the mentee find a mentor, and is often a spelling away from one.
 */
function unofferedAreas(mentees: readonly MenteeEntry[], mentors: readonly MentorEntry[]): Diagnostic[] {
  const offering = mentors.map((mentor) => new FocusAreas(mentor.focusAreas));
  const topics = [...new Map(mentors.flatMap((mentor) => mentor.focusAreas).map((area) => [areaKey(area), area.trim()] as const)).values()];
  const problems = new Problems(PAIRING_RULES);
  for (const mentee of mentees) {
    const own = new FocusAreas(mentee.focusAreas);
    own.keys.forEach((key, index) => {
      if (offering.some((areas) => areas.offers(key))) return;
      const area = own.labels[index] as string;
      const closest = closestTopics(area, topics);
      problems.report(
        "pairing-focus-area-unoffered",
        { file: mentee.source?.file ?? "", line: mentee.source?.line },
        `no mentor offers the focus area "${area}" of ${mentee.name}`,
        {
          field: "focus_areas",
          hint:
            closest.length > 0
              ? `closest topics mentors offer: ${closest.map((topic) => `"${topic}"`).join(", ")}`
              : "no mentor offers a topic with any of its words; the mentee may need a mentor from outside the directory",
        },
      );
    });
  }
  return problems.diagnostics;
}

function participant(
  member: Member,
  focusAreas: readonly string[],
  timeZone: ResolvedTimeZone | undefined,
  source: RowSource | undefined,
  date: Date,
): Participant {
  const handle = gitlabHandle(member);
  const zone = timeZone ?? resolveTeamLocation(member.data.locality, member.data.country, date);
  return {
    slug: member.slug,
    name: member.name,
    ...(handle ? { handle } : {}),
    departments: member.departments,
    focusAreas,
    ...(zone.input !== "" ? { timeZone: zone } : {}),
    ...(source ? { source } : {}),
  };
}

function counts(file: string, read: ApplicationsRead<unknown>): FileCounts {
  return { file, read: read.read, rejected: read.rejected };
}

/**
 * The mentors: the rows of a mentor applications file when one is given, else every mentor of the
 * directory (with a warning for each who offers nothing to pair on).
 */
function readMentors(
  file: { readonly text: string; readonly format: TableFormat; readonly file: string } | undefined,
  { index, directory, date, capacity }: { index: TeamIndex; directory: Directory; date: Date; capacity: number },
  diagnostics: Diagnostic[],
): { mentors: MentorEntry[]; counts?: FileCounts } {
  if (file) {
    const read: ApplicationsRead<MentorApplication> = readMentorApplications(file.text, {
      file: file.file,
      format: file.format,
      team: index,
      referenceDate: date,
      vocabulary: new Set(directory.topics.map((t) => areaKey(t.label))),
    });
    diagnostics.push(...read.diagnostics);
    const mentors = read.rows.map((row) => ({
      ...participant(row.member, row.focusAreas ?? skillLabels(row.member), row.timeZone, row.source, date),
      capacity: row.capacity ?? capacity,
    }));
    return { mentors, counts: counts(file.file, read) };
  }
  const mentors = selectMembers(directory, "mentor").map((member) => ({
    ...participant(member, skillLabels(member), undefined, undefined, date),
    capacity,
  }));
  const problems = new Problems(PAIRING_RULES);
  for (const member of selectMembers(directory, "mentor")) {
    if (skillsOf(member).length > 0) continue;
    problems.report(
      "pairing-mentor-without-focus",
      { file: member.file },
      `${member.name} is a mentor but lists no expertise or domain_expertise, so no mentee can share a focus area with them`,
      {
        field: "expertise",
        hint: "add `expertise:` or `domain_expertise:` to the team file, or give focus areas in a mentor applications file (--mentors)",
      },
    );
  }
  diagnostics.push(...problems.diagnostics);
  return { mentors };
}

/** Read the team and the application files, and pair. */
export async function pairFromFiles(options: PairFilesOptions): Promise<PairFilesResult> {
  const cwd = options.cwd ?? process.cwd();
  const date = options.referenceDate ?? REFERENCE_DATE;
  const capacity = options.capacity ?? DEFAULT_CAPACITY;
  // Read every input before the team, so that a missing file is reported before slow work.
  const menteeText = await readText(options.mentees, cwd);
  const mentorText = options.mentors ? await readText(options.mentors, cwd) : undefined;
  const exclusionText = options.exclusions ? await readText(options.exclusions, cwd) : undefined;

  const team = await validateTeam(options.team?.length ? options.team : [DEFAULT_TEAM_FOLDER], { cwd });
  const memberSlugs = new Set(team.members.map((m) => m.slug));
  const index = indexTeam(
    team.members,
    team.files.map(slugOfFile).filter((s) => !memberSlugs.has(s)),
  );
  const directory = buildDirectory(team.members);
  const diagnostics: Diagnostic[] = [];

  const { mentors, counts: mentorCounts } = readMentors(
    mentorText && options.mentors ? { ...mentorText, file: options.mentors } : undefined,
    { index, directory, date, capacity },
    diagnostics,
  );

  const vocabulary = new Set<string>();
  for (const mentor of mentors) for (const area of mentor.focusAreas) vocabulary.add(areaKey(area));
  const menteeRead: ApplicationsRead<MenteeApplication> = readMenteeApplications(menteeText.text, {
    file: options.mentees,
    format: menteeText.format,
    team: index,
    referenceDate: date,
    vocabulary,
  });
  diagnostics.push(...menteeRead.diagnostics);
  const mentees: MenteeEntry[] = menteeRead.rows.map((row) => ({
    ...participant(row.member, row.focusAreas, row.timeZone, row.source, date),
    ...(row.goal !== undefined ? { goal: row.goal } : {}),
  }));
  diagnostics.push(...unofferedAreas(mentees, mentors));

  let exclusionCounts: FileCounts | undefined;
  let exclusions: ApplicationsRead<ExclusionApplication> | undefined;
  if (exclusionText && options.exclusions) {
    exclusions = readExclusions(exclusionText.text, {
      file: options.exclusions,
      format: exclusionText.format,
      team: index,
      referenceDate: date,
    });
    diagnostics.push(...exclusions.diagnostics);
    exclusionCounts = counts(options.exclusions, exclusions);
  }

  const reportsTo = new Map<string, string>();
  for (const member of team.members) if (member.reportsTo) reportsTo.set(member.slug, member.reportsTo);

  const pairing = pair(
    {
      mentees,
      mentors,
      reportsTo,
      exclusions: (exclusions?.rows ?? []).map((row) => ({
        mentee: row.mentee.slug,
        mentor: row.mentor.slug,
        ...(row.reason ? { reason: row.reason } : {}),
      })),
    },
    options.nearMisses !== undefined ? { nearMisses: options.nearMisses } : {},
  );
  const files = {
    mentees: counts(options.mentees, menteeRead),
    ...(mentorCounts ? { mentors: mentorCounts } : {}),
    ...(exclusionCounts ? { exclusions: exclusionCounts } : {}),
  };
  return {
    pairing,
    diagnostics,
    team,
    files,
    rejected: files.mentees.rejected + (mentorCounts?.rejected ?? 0) + (exclusionCounts?.rejected ?? 0),
  };
}
