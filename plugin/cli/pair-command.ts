/** `mentor-directory pair`. */
import { existsSync } from "node:fs";
import { formatDiagnostic, formatSummary } from "../diagnostics/index.js";
import { MAX_CAPACITY, parseCapacity } from "../pairing/applications.js";
import { formatPairing, type PairingFormat } from "../pairing/format.js";
import { pairFromFiles, PairingFileError } from "../pairing/load.js";
import { DEFAULT_TEAM_FOLDER } from "../team/read/folder.js";
import { plural } from "../text/plural.js";
import { writeOutput } from "./command-input.js";
import { defaultChoice, UsageError, type CommandDefinition, type ParsedCommand } from "./definitions.js";

/** `pair`: mentees paired with mentors, and why the others are not. */
export async function pair(args: ParsedCommand, command: CommandDefinition): Promise<number> {
  if (args.positionals.length !== 1) {
    throw new UsageError(
      args.positionals.length === 0
        ? "pair needs the mentee applications file (see pair --help)"
        : `pair takes one mentee applications file, not ${args.positionals.length}`,
    );
  }
  const format = (args.string("format") ?? defaultChoice(command, "format")) as PairingFormat;
  let capacity: number | undefined;
  const capacityText = args.string("capacity");
  if (capacityText !== undefined) {
    capacity = parseCapacity(capacityText);
    if (capacity === undefined) throw new UsageError(`--capacity must be a whole number from 0 to ${MAX_CAPACITY}, not "${capacityText}"`);
  }
  const team = args.strings("team");
  const mentors = args.string("mentors");
  const exclusions = args.string("exclude");
  const output = args.string("output");
  if (team.length === 0 && !existsSync(DEFAULT_TEAM_FOLDER))
    throw new UsageError(`no --team folder given and ${DEFAULT_TEAM_FOLDER} does not exist here`);
  const result = await pairFromFiles({
    mentees: args.positionals[0] as string,
    team,
    ...(mentors !== undefined ? { mentors } : {}),
    ...(exclusions !== undefined ? { exclusions } : {}),
    ...(capacity !== undefined ? { capacity } : {}),
  }).catch((error: unknown) => {
    // A file that cannot be read or told apart is the user's to fix, as a wrong option is.
    throw error instanceof PairingFileError ? new UsageError(error.message) : error;
  });
  const text = formatPairing(result.pairing, format, { diagnostics: result.diagnostics });
  if (output) await writeOutput(output, text);
  else process.stdout.write(text);
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  const { pairing } = result;
  const mentees = pairing.pairs.length + pairing.unpaired.length;
  let summary =
    `${plural(mentees, "mentee")}, ${plural(pairing.mentors.length, "mentor")}: ` +
    `${pairing.pairs.length} paired, ${pairing.unpaired.length} not paired`;
  if (result.rejected) summary += `; ${plural(result.rejected, "input row")} rejected`;
  process.stderr.write(`${summary}\n`);
  if (result.team.summary.errors > 0)
    process.stderr.write(`team: ${formatSummary(result.team.summary)}; run \`mentor-directory validate\` for details\n`);
  return result.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}
