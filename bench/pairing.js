// The pairing benchmark of issue 7: a random program of 1,000 mentees and 300 mentors (goal:
// `pair` under 2 s). Times the pure `pair()` call, and the whole path from a mentee CSV
// (read + pair + Markdown), each as the median of several runs after one warm-up.
//
//   npx tsc -p tsconfig.json && node bench/pairing.js [--mentees 1000] [--mentors 300] [--runs 5] [--seed 1]

import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { mulberry32 } from "./generate.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const GOAL_MS = 2000;

const { values: opts } = parseArgs({
  options: {
    mentees: { type: "string", default: "1000" },
    mentors: { type: "string", default: "300" },
    runs: { type: "string", default: "5" },
    seed: { type: "string", default: "1" },
  },
});
const MENTEES = Number(opts.mentees);
const MENTORS = Number(opts.mentors);
const RUNS = Math.max(1, Number(opts.runs));

let api;
try {
  api = await import(pathToFileURL(path.join(ROOT, "dist/plugin/pairing/index.js")).href);
} catch (error) {
  console.error(
    `bench/pairing: cannot load dist/plugin/pairing/index.js (${error.message.split("\n")[0]}); run \`npx tsc -p tsconfig.json\` first`,
  );
  process.exit(2);
}
const { pair, formatMarkdown, indexTeam, readMenteeApplications, resolveTimeZone, formatCsvTable } = api;

// Seeded, so every run measures the same instance.
const random = mulberry32(Number(opts.seed));
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const sample = (list, n) => {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
};

const TOPICS = Array.from({ length: 40 }, (_, i) => `Topic ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ""}`);
const DEPARTMENTS = ["Engineering", "Product", "Sales", "Marketing", "Finance", "People", "Legal", "Support"];
const ZONES = [
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Kyiv",
  "Africa/Nairobi",
  "Asia/Kolkata",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "UTC+5:45",
  "unknown place",
];

// People 0..MENTORS-1 are mentors, the rest mentees; everyone reports to someone earlier (a tree).
const total = MENTEES + MENTORS;
const slug = (i) => `person${String(i).padStart(5, "0")}`;
const people = Array.from({ length: total }, (_, i) => ({
  slug: slug(i),
  name: `Person ${i}`,
  departments: [pick(DEPARTMENTS)],
  timeZone: resolveTimeZone(pick(ZONES)),
}));
const reportsTo = new Map();
for (let i = 1; i < total; i++) reportsTo.set(slug(i), slug(int(Math.max(0, i - 60), i - 1)));
const mentors = people.slice(0, MENTORS).map((p) => ({ ...p, focusAreas: sample(TOPICS, int(2, 6)), capacity: int(1, 4) }));
const mentees = people.slice(MENTORS).map((p) => ({ ...p, focusAreas: sample(TOPICS, int(1, 3)), goal: "Grow" }));
const exclusions = Array.from({ length: 50 }, () => ({ mentee: slug(int(MENTORS, total - 1)), mentor: slug(int(0, MENTORS - 1)) }));
const input = { mentees, mentors, reportsTo, exclusions };

// The same mentees as a CSV file and team members, for the end-to-end measure.
const members = people.map((p, i) => ({
  slug: p.slug,
  type: "person",
  file: `${p.slug}.yml`,
  name: p.name,
  role: "",
  ...(reportsTo.has(p.slug) ? { reportsTo: reportsTo.get(p.slug) } : {}),
  mentor: i < MENTORS,
  departments: p.departments,
  expertise: [],
  data: {},
}));
const csv = formatCsvTable([
  ["slug", "focus_areas", "time_zone", "goal"],
  ...mentees.map((m) => [m.slug, m.focusAreas.join("; "), m.timeZone.input, m.goal]),
]);
const team = indexTeam(members);
const vocabulary = new Set(TOPICS.map((t) => t.toLowerCase()));

function endToEnd() {
  const read = readMenteeApplications(csv, { file: "mentees.csv", format: "csv", team, vocabulary });
  const fromCsv = read.rows.map((row) => ({
    ...people[Number(row.member.slug.slice(6))],
    focusAreas: row.focusAreas,
    ...(row.timeZone ? { timeZone: row.timeZone } : {}),
  }));
  return formatMarkdown(pair({ mentees: fromCsv, mentors, reportsTo, exclusions })).length;
}

function time(fn) {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const load = os.loadavg()[0];
console.log(
  `pairing benchmark: ${MENTEES} mentees × ${MENTORS} mentors (${mentors.reduce((s, m) => s + m.capacity, 0)} places), ` +
    `seed ${opts.seed}, ${RUNS} runs, Node ${process.version}, load ${load.toFixed(2)} on ${os.cpus().length} cores`,
);
if (load > os.cpus().length * 0.75)
  console.log("warning: other work competes for the cores; times are wall-clock and will be higher than on an idle machine");

const warm = time(() => pair(input));
const result = warm.value;
console.log(`result: ${result.pairs.length} paired, ${result.unpaired.length} not paired; objective ${JSON.stringify(result.objective)}`);
time(endToEnd);

const pairTimes = [];
const e2eTimes = [];
for (let r = 0; r < RUNS; r++) {
  pairTimes.push(time(() => pair(input)).ms);
  e2eTimes.push(time(endToEnd).ms);
}
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`pair():                     median ${fmt(median(pairTimes))}  (runs: ${pairTimes.map(fmt).join(", ")})`);
console.log(`read CSV + pair + Markdown: median ${fmt(median(e2eTimes))}  (runs: ${e2eTimes.map(fmt).join(", ")})`);
const ok = median(pairTimes) < GOAL_MS;
console.log(`goal: pair() under ${GOAL_MS} ms: ${ok ? "met" : "NOT met"}`);
process.exitCode = ok ? 0 : 1;
