/** `mentor-directory list`. */
import { formatSummary } from "../diagnostics/index.js";
import { printable } from "../diagnostics/printable.js";
import { fragmentText } from "../html/sanitize.js";
import { buildDirectory, selectMembers } from "../team/model/directory.js";
import { exportedFields } from "../team/model/export.js";
import { skillsOf } from "../team/model/skills.js";
import { validateTeam } from "../team/pipeline/team-store.js";
import { cacheOptions, folders, schemaOptions } from "./command-input.js";
import { defaultChoice, type CommandDefinition, type ParsedCommand } from "./definitions.js";

/** `list`: the directory's members (or mentors) as the site shows them. */
export async function list(args: ParsedCommand, command: CommandDefinition): Promise<number> {
  const format = args.string("format") ?? defaultChoice(command, "format");
  const report = await validateTeam(folders(args.positionals), { ...cacheOptions(args.string("cache")), ...(await schemaOptions(args)) });
  const fields = args.strings("field");
  const directory = buildDirectory(report.members);
  const members = args.flag("mentors") ? selectMembers(directory, "mentor") : directory.members;
  const rows = members.map((m) => ({
    slug: m.slug,
    name: m.name,
    role: fragmentText(m.role),
    mentor: m.mentor,
    expertise: m.expertise.map((e) => e.label),
    skills: skillsOf(m).map((skill) =>
      skill.domainKey === undefined ? { label: skill.label } : { label: skill.label, domainKey: skill.domainKey },
    ),
    ...(fields.length ? { fields: exportedFields(m, fields) } : {}),
  }));
  if (format === "json") process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  else {
    // A terminal runs the escape sequences it prints: a slug is a file name, which can hold one.
    for (const r of rows) {
      const topics = r.skills.length ? ` — ${r.skills.map((skill) => skill.label).join("; ")}` : "";
      const columns = [r.slug, r.name, r.role, ...(r.mentor ? ["(mentor)"] : [])].map((column) => printable(column));
      process.stdout.write(`${columns.join("\t")}${printable(topics)}\n`);
    }
  }
  if (report.summary.errors > 0) process.stderr.write(`${formatSummary(report.summary)}; run \`mentor-directory validate\` for details\n`);
  return 0;
}
