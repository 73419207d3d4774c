/**
 * Pairing suggestions for organized mentorship programs: read applications, respect the rules a
 * pair never breaks, find an optimal assignment, and explain it. Pure functions (`pair`, the
 * readers, the formatters) for tools; `pairFromFiles` for the command line.
 */
export { APPLICATION_RULES } from "./application-rules.js";
export { columnKey } from "./columns.js";
export { indexTeam, type TeamIndex } from "./member-lookup.js";
export {
  MAX_CAPACITY,
  parseCapacity,
  readExclusions,
  readMenteeApplications,
  readMentorApplications,
  splitFocusAreas,
  type ApplicationsRead,
  type ExclusionApplication,
  type MenteeApplication,
  type MentorApplication,
  type ReadOptions,
} from "./applications.js";
export { tableFormatOf, type TableFormat } from "./table.js";
export { AssignmentInputError, solveAssignment, type Assignment, type AssignmentEdge, type AssignmentProblem } from "./assign.js";
export {
  differentDepartments,
  ExclusionList,
  FocusAreas,
  obstaclesOf,
  ReportingLines,
  type ConstraintContext,
  type ConstraintParty,
  type Exclusion,
  type Obstacle,
  type ObstacleKind,
  type ReportingRelation,
} from "./constraints.js";
export {
  csvField,
  detectDelimiter,
  formatCsvTable,
  parseCsv,
  type CsvDelimiter,
  type CsvPoint,
  type CsvRecord,
  type CsvTable,
} from "./csv.js";
export {
  describeObstacle,
  describeUnpaired,
  formatCsv,
  formatJson,
  formatMarkdown,
  formatPairing,
  PAIRING_FORMATS,
  type FormatOptions,
  type PairingFormat,
} from "./format.js";
export { DEFAULT_CAPACITY, PAIRING_RULES } from "./pairing-rules.js";
export {
  DEFAULT_TEAM_FOLDER,
  pairFromFiles,
  PairingFileError,
  type FileCounts,
  type PairFilesOptions,
  type PairFilesResult,
} from "./load.js";
export {
  objectiveWeights,
  pair,
  quarterHoursApart,
  UNKNOWN_QUARTER_HOURS,
  type MenteeEntry,
  type MentorEntry,
  type MentorLoad,
  type NearMiss,
  type ObjectiveWeights,
  type Pair,
  type Pairing,
  type PairingInput,
  type PairingObjective,
  type PairingOptions,
  type Participant,
  type RowSource,
  type Unpaired,
  type UnpairedReason,
} from "./pair.js";
export {
  describeTimeZone,
  formatHoursApart,
  formatOffset,
  minutesApart,
  parseOffset,
  REFERENCE_DATE,
  resolveLocation,
  resolveTeamLocation,
  resolveTimeZone,
  zoneOffset,
  type ResolvedTimeZone,
  type TimeZoneSource,
} from "./timezones.js";
