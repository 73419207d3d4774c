// Synthetic team data for the benchmark: N members in the shapes and proportions of the real
// handbook data (DESIGN §2), written both as one file per person (what the plugin reads) and as
// one combined slug-sorted list (what the Hugo handbook reads). Deterministic for a seed, so two
// machines benchmark the same bytes.
//
//   node bench/generate.js --n 2000 --out bench/work/2000 [--seed 1] [--check]

import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

// Bump when the output changes, so that cached work directories are regenerated.
export const GENERATOR_VERSION = 4;

// Proportions from a 1,336-entry snapshot: 1,178 without expertise, 131 `<li>` strings, 23 plain
// text, 2 lists; 33 mentors, 18 of them without expertise. Mentors get their own mix, and the rest
// is solved so the overall proportions match the snapshot.
const MENTOR_RATE = 0.025;
const EXPERTISE_MIX = {
  mentor: { none: 0.55, li: 0.38, text: 0.06, list: 0.01 },
  other: { none: 0.8905, li: 0.0908, text: 0.0161, list: 0.0026 },
};
// 7.6% of real files hold a single-quoted scalar continued at column 1, which stricter YAML
// parsers reject; the loader must cope with them at scale, so they appear at the same rate.
const COLUMN_ONE_STORY_RATE = 0.076;

/** mulberry32: a small seeded generator, so every run builds the same data. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRandom(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    some: (list, lo, hi) => {
      const pool = [...list];
      const count = Math.min(pool.length, r.int(lo, hi));
      const out = [];
      for (let i = 0; i < count; i++) out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]);
      return out;
    },
    weighted: (weights) => {
      let x = next();
      const entries = Object.entries(weights);
      for (const [key, w] of entries) {
        if (x < w) return key;
        x -= w;
      }
      return entries[entries.length - 1][0];
    },
  };
  return r;
}

// [as written, ASCII form for the slug]. Non-Latin scripts carry their romanisation because
// real slugs are ASCII whatever the name.
const FIRST = [
  ["Amara", "amara"],
  ["Bjørn", "bjorn"],
  ["Chloé", "chloe"],
  ["Dmitri", "dmitri"],
  ["Elif", "elif"],
  ["Fatima", "fatima"],
  ["Gustavo", "gustavo"],
  ["Hana", "hana"],
  ["Ingrid", "ingrid"],
  ["João", "joao"],
  ["Kwame", "kwame"],
  ["Łukasz", "lukasz"],
  ["Mei", "mei"],
  ["Nadia", "nadia"],
  ["Oisín", "oisin"],
  ["Priya", "priya"],
  ["Quentin", "quentin"],
  ["Renée", "renee"],
  ["Søren", "soren"],
  ["Tomás", "tomas"],
  ["Uriel", "uriel"],
  ["Valentina", "valentina"],
  ["Wanjiru", "wanjiru"],
  ["Xiadani", "xiadani"],
  ["Yusuf", "yusuf"],
  ["Zoë", "zoe"],
  ["Aleksandr", "aleksandr"],
  ["Beatriz", "beatriz"],
  ["Chidi", "chidi"],
  ["Dagný", "dagny"],
  ["Emeka", "emeka"],
  ["François", "francois"],
  ["Grace", "grace"],
  ["Hiroshi", "hiroshi"],
  ["Ines", "ines"],
  ["Jae-won", "jaewon"],
  ["Katarzyna", "katarzyna"],
  ["Leilani", "leilani"],
  ["Matías", "matias"],
  ["Nguyễn", "nguyen"],
  ["Olga", "olga"],
  ["Pedro", "pedro"],
  ["Radhika", "radhika"],
  ["Siobhán", "siobhan"],
  ["Tariq", "tariq"],
  ["Ülkü", "ulku"],
  ["Vikram", "vikram"],
  ["William", "william"],
  ["Ximena", "ximena"],
  ["Yara", "yara"],
  ["Zsófia", "zsofia"],
  ["Sam", "sam"],
  ["Алексей", "aleksei"],
  ["さくら", "sakura"],
  ["민준", "minjun"],
  ["Άννα", "anna"],
];
const LAST = [
  ["Adeyemi", "adeyemi"],
  ["Bergström", "bergstrom"],
  ["Castillo", "castillo"],
  ["Dubois", "dubois"],
  ["Eriksen", "eriksen"],
  ["Fernández", "fernandez"],
  ["García", "garcia"],
  ["Horvát", "horvat"],
  ["Ivanova", "ivanova"],
  ["Jovanović", "jovanovic"],
  ["Kowalski", "kowalski"],
  ["Lindqvist", "lindqvist"],
  ["Müller", "muller"],
  ["Nakamura", "nakamura"],
  ["O'Brien", "obrien"],
  ["Papadopoulos", "papadopoulos"],
  ["Quispe", "quispe"],
  ["Rossi", "rossi"],
  ["Sørensen", "sorensen"],
  ["Takahashi", "takahashi"],
  ["Uçar", "ucar"],
  ["van der Berg", "vanderberg"],
  ["Wójcik", "wojcik"],
  ["Xu", "xu"],
  ["Yılmaz", "yilmaz"],
  ["Zhang", "zhang"],
  ["Okonkwo", "okonkwo"],
  ["Smith", "smith"],
  ["Johnson", "johnson"],
  ["da Silva", "dasilva"],
  ["Nguyen", "nguyen"],
  ["Patel", "patel"],
  ["Kim", "kim"],
  ["Schmidt", "schmidt"],
  ["Novák", "novak"],
  ["Mbeki", "mbeki"],
  ["Hernández", "hernandez"],
  ["Lefèvre", "lefevre"],
  ["Kaur", "kaur"],
  ["Brown", "brown"],
  ["Петров", "petrov"],
  ["田中", "tanaka"],
  ["김", "kim"],
  ["Παπαδάκη", "papadaki"],
];
const NICK = ["Bob", "Liz", "Jay", "Kat", "Max", "Tony", "Sasha", "Ed"];
const EMOJI = ["🌱", "🦊", "🚀", "☕"];

// [job family path, titles]; hrefs point into /job-families/ as real roles do.
const FAMILIES = [
  [
    "engineering/development/backend-engineer",
    ["Backend Engineer", "Senior Backend Engineer", "Staff Backend Engineer", "Principal Backend Engineer"],
  ],
  ["engineering/development/frontend-engineer", ["Frontend Engineer", "Senior Frontend Engineer", "Staff Frontend Engineer"]],
  ["engineering/development/engineering-management", ["Engineering Manager", "Senior Engineering Manager", "Director of Engineering"]],
  ["engineering/infrastructure/site-reliability-engineer", ["Site Reliability Engineer", "Senior Site Reliability Engineer"]],
  ["engineering/support-engineer", ["Support Engineer", "Senior Support Engineer", "Support Engineering Manager"]],
  ["engineering/security-engineer", ["Security Engineer", "Senior Security Engineer"]],
  ["product/product-manager", ["Product Manager", "Senior Product Manager", "Group Manager, Product"]],
  ["product/product-designer", ["Product Designer", "Senior Product Designer", "Staff Product Designer"]],
  ["sales/account-executive", ["Account Executive", "Strategic Account Leader", "Enterprise Account Executive"]],
  ["sales/solutions-architect", ["Solutions Architect", "Senior Solutions Architect"]],
  ["marketing/content-marketing", ["Content Marketing Manager", "Senior Content Marketing Manager"]],
  ["people-group/people-business-partner", ["People Business Partner", "Senior People Business Partner"]],
  ["finance/accountant", ["Accountant", "Senior Accountant", "Accounting Manager"]],
  ["legal/legal-counsel", ["Legal Counsel", "Senior Legal Counsel"]],
];
const GROUPS = [
  ["create-stage", "Create:Source Code"],
  ["plan-stage", "Plan:Project Management"],
  ["verify-stage", "Verify:Pipeline Execution"],
  ["package-stage", "Package:Container Registry"],
  ["secure-stage", "Secure:Static Analysis"],
  ["monitor-stage", "Monitor:Observability"],
  ["govern-stage", "Govern:Compliance"],
  ["data-stores", "Data Stores:Database"],
];
const DEPARTMENTS = [
  "Engineering Function",
  "Development Department",
  "Infrastructure Department",
  "Customer Support Department",
  "Security Department",
  "Product Management",
  "UX Department",
  "Sales",
  "Enterprise Sales",
  "Marketing",
  "People Group",
  "Finance",
  "Legal and Corporate Affairs",
  "Create Section",
  "Plan Section",
  "Verify Section",
  "Secure Section",
  "Core Platform Section",
];
// Kept free of the word the benchmark's shortcode argument names: the upstream template matches
// that argument as a substring of the raw HTML, and Hugo's row count must equal the mentors.
const TOPICS = [
  ["Remote work", "/handbook/company/culture/all-remote/"],
  ["Kubernetes", "/handbook/engineering/infrastructure/"],
  ["Ruby on Rails", "/handbook/engineering/development/"],
  ["Go", null],
  ["PostgreSQL", "/handbook/engineering/infrastructure/database/"],
  ["Career development", "/handbook/people-group/learning-and-development/career-development/"],
  ["Diversity, Inclusion & Belonging Advisory Group", "/handbook/company/culture/inclusion/"],
  ["Public speaking", null],
  ["Technical writing", "/handbook/product/ux/technical-writing/"],
  ["Accessibility", "/handbook/product/ux/"],
  ["Negotiation", null],
  ["Leadership", "/handbook/leadership/"],
  ["Incident management", "/handbook/engineering/infrastructure/incident-management/"],
  ["GraphQL", null],
  ["Vue.js", "/handbook/engineering/development/fe/"],
  ["Data analysis", "/handbook/business-technology/data-team/"],
  ["Working parent", null],
  ["Coaching", "/handbook/leadership/coaching/"],
  ["Sales enablement", "/handbook/sales/"],
  ["Security compliance", "/handbook/security/"],
];
const COUNTRIES = [
  "USA",
  "US",
  "United States",
  "Germany",
  "Brazil",
  "India",
  "Nigeria",
  "Japan",
  "United Kingdom",
  "Netherlands",
  "Poland",
  "Kenya",
  "Canada",
  "Australia",
  "Mexico",
  "Ireland",
  "Türkiye",
  "South Korea",
  "Spain",
  "France",
];
const CITIES = [
  "Berlin",
  "São Paulo",
  "Bengaluru",
  "Lagos",
  "Kyōto",
  "Leeds",
  "Utrecht",
  "Kraków",
  "Nairobi",
  "Toronto",
  "Perth",
  "Guadalajara",
  "Cork",
  "İzmir",
  "Seoul",
  "Sevilla",
  "Lyon",
  "Austin",
  "Portland",
  "Raleigh",
];
const PRONOUNS = ["she/her", "he/him", "they/them", "she/they", "he/they"];
const SPECIALTIES = [
  "Gitaly",
  "Pipeline Authoring",
  "Runner",
  "Code Review",
  "Geo",
  "Fulfillment",
  "Search",
  "Import",
  "Web IDE",
  "Billing",
];
const WORDS = [
  "team",
  "remote",
  "open",
  "source",
  "build",
  "ship",
  "learn",
  "coffee",
  "garden",
  "music",
  "family",
  "travel",
  "mountains",
  "bicycle",
  "community",
  "kindness",
  "curious",
  "iteration",
  "customers",
  "small",
  "steps",
  "writing",
  "reading",
  "cooking",
  "dog",
  "cat",
  "ocean",
  "friends",
  "teaching",
  "growth",
  "always",
  "enjoy",
  "every",
  "day",
  "years",
  "city",
];

function sentence(rnd, min = 6, max = 16) {
  const words = [];
  const count = rnd.int(min, max);
  for (let i = 0; i < count; i++) words.push(rnd.pick(WORDS));
  const s = words.join(" ");
  return s[0].toUpperCase() + s.slice(1) + ".";
}

const YAML_WORDS = /^(?:true|false|yes|no|on|off|[yn~]|null)$/i;
const PLAIN_SAFE = /^[^\s\-?:,[\]{}#&*!|>'"%@`<=][^\n]*$/u;

/** A scalar on one line: plain when unambiguous, else single-quoted. */
function scalar(value) {
  const s = String(value);
  const plain = PLAIN_SAFE.test(s) && !/[:#]\s|\s#|:$|\s$/.test(s) && !YAML_WORDS.test(s) && !/^[-+.\d]/.test(s);
  return plain ? s : `'${s.replaceAll("'", "''")}'`;
}

/** Folded block lines: every break falls on one space, so the value is the words joined by spaces. */
function folded(text, width = 90) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function anchorFor(title) {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function makeRole(rnd) {
  const [family, titles] = rnd.pick(FAMILIES);
  const title = rnd.pick(titles);
  const link = `<a href="/job-families/${family}/#${anchorFor(title)}">${title}</a>`;
  const kind = rnd.weighted({ long: 0.7, short: 0.2, text: 0.1 });
  if (kind === "text") return { family, value: title, style: "plain" };
  if (kind === "short") return { family, value: link, style: "plain" };
  const [stage, group] = rnd.pick(GROUPS);
  let value = `${link}, <a href="/handbook/product/categories/#${stage}">${group}</a>`;
  if (rnd.chance(0.3)) value += ` and <a href="/handbook/engineering/#${stage}">${rnd.pick(GROUPS)[1]}</a> (interim)`;
  return { family, value, style: "folded" };
}

function liItem(rnd, topic, href) {
  const quirk = rnd.weighted({ clean: 0.9, curly: 0.03, unclosed: 0.03, trailing: 0.04 });
  if (!href) return quirk === "unclosed" ? `<li>${topic}` : `<li>${topic}</li>`;
  if (quirk === "curly") return `<li><a href=“${href}”>${topic}</a></li>`;
  if (quirk === "unclosed") return `<li><a href="${href}">${topic}</a>`;
  if (quirk === "trailing") return `<li><a href="${href}">${topic}</a> - ${sentence(rnd, 3, 6)}</li>`;
  return `<li><a href="${href}">${topic}</a></li>`;
}

function makeExpertise(rnd, mentor) {
  const kind = rnd.weighted(mentor ? EXPERTISE_MIX.mentor : EXPERTISE_MIX.other);
  const topics = rnd.some(TOPICS, 1, 4);
  if (kind === "none") return { kind, value: rnd.chance(0.25) ? null : undefined };
  if (kind === "list") return { kind, value: topics.map(([t]) => t) };
  if (kind === "text") return { kind, value: topics.map(([t]) => t).join(", ") };
  const lines = topics.map(([t, href]) => liItem(rnd, t, href));
  // A few real strings are wrapped in stray quotes that survived an edit.
  const stray = rnd.chance(0.02);
  return { kind, value: lines.join("\n") + "\n", stray };
}

/**
 * One member: `fields` keeps YAML text lines per key (order as people write them) and `data` the
 * value a YAML 1.1/1.2 core loader yields, for the self-check.
 */
function makeMember(rnd, index, slug, display, reportsTo, mentor) {
  const lines = [];
  const data = {};
  const put = (key, value, text) => {
    data[key] = value;
    lines.push(...text);
  };
  put("name", display, [`name: ${scalar(display)}`]);
  const year = rnd.int(2012, 2025);
  const date = `${year}-${String(rnd.int(1, 12)).padStart(2, "0")}-${String(rnd.int(1, 28)).padStart(2, "0")}`;
  // Quoted: an unquoted date loads as a Date in YAML 1.1 loaders, which a string schema rejects.
  put("start_date", date, [`start_date: '${date}'`]);
  const locality = rnd.pick(CITIES);
  put("locality", locality, [`locality: ${scalar(locality)}`]);
  const country = rnd.pick(COUNTRIES);
  put("country", country, [`country: ${scalar(country)}`]);
  const role = makeRole(rnd);
  if (role.style === "folded") put("role", role.value, ["role: >-", ...folded(role.value).map((l) => `  ${l}`)]);
  else put("role", role.value, [`role: ${scalar(role.value)}`]);
  if (reportsTo) put("reports_to", reportsTo, [`reports_to: ${reportsTo}`]);
  const picture = `${slug}.${rnd.chance(0.8) ? "jpg" : "png"}`;
  put("picture", picture, [`picture: ${picture}`]);
  if (rnd.chance(0.3)) {
    const pronouns = rnd.pick(PRONOUNS);
    put("pronouns", pronouns, [`pronouns: ${pronouns}`]);
  }
  if (rnd.chance(0.3)) {
    const twitter = slug.replace(/[.-]/g, "_");
    put("twitter", twitter, [`twitter: ${twitter}`]);
  }
  const handle = slug.replace(/\./g, "-");
  put("gitlab", handle, [`gitlab: ${handle}`]);
  if (rnd.chance(0.4)) put("linkedin", `${handle}-${index}`, [`linkedin: ${handle}-${index}`]);
  const departments = rnd.some(DEPARTMENTS, 1, 4);
  put("departments", departments, ["departments:", ...departments.map((d) => `  - ${scalar(d)}`)]);
  if (rnd.chance(0.3)) {
    const kind = rnd.weighted({ string: 0.6, list: 0.3, null: 0.1 });
    if (kind === "string") {
      const s = rnd.pick(SPECIALTIES);
      put("specialty", s, [`specialty: ${scalar(s)}`]);
    } else if (kind === "list") {
      const l = rnd.some(SPECIALTIES, 2, 3);
      put("specialty", l, ["specialty:", ...l.map((s) => `  - ${scalar(s)}`)]);
    } else put("specialty", null, ["specialty:"]);
  }
  if (rnd.chance(0.15)) {
    const level = rnd.pick(["reviewer", "maintainer", "trainee_maintainer"]);
    const project = rnd.pick(["gitlab", "gitaly", "gitlab-runner", "gitlab-ui"]);
    const what = `${level} ${rnd.pick(["backend", "frontend", "database"])}`;
    put("projects", { [project]: what }, ["projects:", `  ${project}: ${what}`]);
  }
  if (rnd.chance(0.1)) {
    const keys = rnd.some(["ci_cd", "security", "devops", "kubernetes", "observability"], 1, 3);
    put("domain_expertise", keys, ["domain_expertise:", ...keys.map((k) => `  - ${k}`)]);
  }
  const exp = makeExpertise(rnd, mentor);
  if (exp.kind === "none") {
    if (exp.value === null) put("expertise", null, ["expertise:"]);
  } else if (exp.kind === "list") {
    put("expertise", exp.value, ["expertise:", ...exp.value.map((t) => `  - ${scalar(t)}`)]);
  } else if (exp.kind === "text") {
    put("expertise", exp.value, [`expertise: ${scalar(exp.value)}`]);
  } else if (exp.stray) {
    const v = `"${exp.value.trimEnd().replaceAll("\n", " ")}"`;
    put("expertise", v, [`expertise: ${scalar(v)}`]);
  } else {
    put("expertise", exp.value, [
      "expertise: |",
      ...exp.value
        .trimEnd()
        .split("\n")
        .map((l) => `  ${l}`),
    ]);
  }
  const storyKind = rnd.chance(COLUMN_ONE_STORY_RATE) ? "columnOne" : rnd.weighted({ none: 0.55, line: 0.35, block: 0.1 });
  if (storyKind === "columnOne") {
    // Continuation lines start at column 1, as in real files; in a quoted scalar each line break
    // folds to one space and an empty line to a newline.
    const parts = [];
    for (let i = rnd.int(2, 4); i > 0; i--) parts.push(sentence(rnd) + (rnd.chance(0.2) ? " It's true." : ""));
    const paragraphBreak = rnd.chance(0.3);
    const text = paragraphBreak ? `${parts[0]}\n${parts.slice(1).join(" ")}` : parts.join(" ");
    const quoted = parts.map((p) => p.replaceAll("'", "''"));
    const body = paragraphBreak ? [quoted[0], "", ...quoted.slice(1)] : quoted;
    put("story", text, [`story: '${body[0]}`, ...body.slice(1, -1), `${body[body.length - 1]}'`]);
  } else if (storyKind === "line") {
    const s = sentence(rnd, 8, 25);
    put("story", s, [`story: ${scalar(s)}`]);
  } else if (storyKind === "block") {
    const paras = [sentence(rnd), sentence(rnd)];
    const html = `<p>${paras[0]}</p>\n<p>${paras[1]}</p>\n`;
    put("story", html, ["story: |", `  <p>${paras[0]}</p>`, `  <p>${paras[1]}</p>`]);
  }
  if (mentor) put("mentor", true, ["mentor: true"]);
  else if (rnd.chance(0.3)) put("mentor", false, ["mentor: false"]);
  return { slug, lines, data };
}

function makeName(rnd) {
  const [first, firstAscii] = rnd.pick(FIRST);
  const [last, lastAscii] = rnd.pick(LAST);
  let display = `${first} ${last}`;
  if (rnd.chance(0.03)) display = `${first} (${rnd.pick(NICK)}) ${last}`;
  if (rnd.chance(0.005)) display += ` ${rnd.pick(EMOJI)}`;
  return { display, firstAscii, lastAscii };
}

function makeSlug(rnd, { firstAscii, lastAscii }, taken) {
  const style = rnd.weighted({ initial: 0.4, joined: 0.2, hyphen: 0.15, short: 0.13, dotted: 0.02, dot: 0.1 });
  let base =
    style === "initial"
      ? `${firstAscii[0]}${lastAscii}`
      : style === "joined"
        ? `${firstAscii}${lastAscii}`
        : style === "hyphen"
          ? `${firstAscii}-${lastAscii}`
          : style === "short"
            ? `${firstAscii}${lastAscii[0]}`
            : style === "dotted"
              ? `${firstAscii[0]}${lastAscii}.gitlab`
              : `${firstAscii}.${lastAscii}`;
  if (base.length < 2) base += "x";
  let slug = base;
  for (let k = 2; taken.has(slug); k++) slug = base.endsWith(".gitlab") ? base.replace(".gitlab", `${k}.gitlab`) : `${base}${k}`;
  taken.add(slug);
  return slug;
}

/** The members, in generation order; the reporting tree always points to an earlier member. */
export function buildMembers({ n, seed = 1 }) {
  const rnd = makeRandom(seed * 7919 + n);
  const taken = new Set();
  const slugs = [];
  const names = [];
  for (let i = 0; i < n; i++) {
    const name = makeName(rnd);
    names.push(name);
    slugs.push(makeSlug(rnd, name, taken));
  }
  const managers = Math.max(1, Math.ceil(n * 0.12));
  const members = [];
  for (let i = 0; i < n; i++) {
    const reportsTo = i === 0 ? undefined : slugs[rnd.int(0, Math.min(i, managers) - 1)];
    const mentor = rnd.chance(MENTOR_RATE);
    members.push(makeMember(rnd, i, slugs[i], names[i].display, reportsTo, mentor));
  }
  return members;
}

function fileText(member) {
  return `---\n${member.lines.join("\n")}\n`;
}

/** The combined list: continuation lines are indented with the entry, which leaves values unchanged. */
function combinedText(members) {
  const sorted = [...members].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const out = ["---"];
  for (const m of sorted) {
    out.push(`- slug: ${scalar(m.slug)}`);
    for (const line of m.lines) out.push(line === "" ? "" : `  ${line}`);
  }
  return out.join("\n") + "\n";
}

/**
 * Write N members under `outDir`: `data/team_members/person/<c>/<slug>.yml` and
 * `hugo/data/team.yml`. Returns the expected mentor slugs (sorted) and counts.
 */
export function generate({ n, outDir, seed = 1 }) {
  const members = buildMembers({ n, seed });
  const personDir = path.join(outDir, "data", "team_members", "person");
  fs.rmSync(path.join(outDir, "data"), { recursive: true, force: true });
  const made = new Set();
  let bytes = 0;
  for (const m of members) {
    const dir = path.join(personDir, m.slug[0]);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    const text = fileText(m);
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(dir, `${m.slug}.yml`), text);
  }
  const hugoData = path.join(outDir, "hugo", "data");
  fs.mkdirSync(hugoData, { recursive: true });
  const combined = combinedText(members);
  fs.writeFileSync(path.join(hugoData, "team.yml"), combined);
  const summary = summarize(members, n, seed);
  summary.stats.bytes = { perPersonFiles: bytes, combinedFile: Buffer.byteLength(combined) };
  return summary;
}

function summarize(members, n, seed) {
  const count = (pred) => members.filter(pred).length;
  const kindOf = (d) => (d.expertise == null ? "none" : Array.isArray(d.expertise) ? "list" : /<li>/.test(d.expertise) ? "li" : "text");
  return {
    n,
    seed,
    generatorVersion: GENERATOR_VERSION,
    mentors: members
      .filter((m) => m.data.mentor === true)
      .map((m) => m.slug)
      .sort(),
    stats: {
      expertise: {
        none: count((m) => kindOf(m.data) === "none"),
        li: count((m) => kindOf(m.data) === "li"),
        text: count((m) => kindOf(m.data) === "text"),
        list: count((m) => kindOf(m.data) === "list"),
      },
      columnOneStories: count((m) => m.lines.some((l, i) => i > 0 && l !== "" && !/^[ a-z_]+:|^ {2}/.test(l))),
      foldedRoles: count((m) => m.lines.includes("role: >-")),
    },
  };
}

/** Parse every written file back and compare with the model; throws on the first difference. */
export async function check({ n, outDir, seed = 1 }) {
  const { load } = await import("js-yaml");
  const { deepStrictEqual } = await import("node:assert");
  const members = buildMembers({ n, seed });
  const bySlug = new Map(members.map((m) => [m.slug, m]));
  for (const m of members) {
    const file = path.join(outDir, "data", "team_members", "person", m.slug[0], `${m.slug}.yml`);
    deepStrictEqual(load(fs.readFileSync(file, "utf8")), m.data, file);
  }
  const combined = load(fs.readFileSync(path.join(outDir, "hugo", "data", "team.yml"), "utf8"));
  for (const entry of combined) {
    const { slug, ...rest } = entry;
    deepStrictEqual(rest, bySlug.get(slug).data, `team.yml: ${slug}`);
  }
  for (const m of members) {
    const boss = m.data.reports_to;
    if (boss !== undefined && !bySlug.has(boss)) throw new Error(`${m.slug}: reports_to ${boss} is missing`);
  }
  return members.length;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "2000" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      check: { type: "boolean", default: false },
    },
  });
  const n = Number(values.n);
  const seed = Number(values.seed);
  const outDir = path.resolve(values.out ?? `bench/work/${n}`);
  const result = generate({ n, outDir, seed });
  console.log(JSON.stringify({ ...result, mentors: undefined, mentorCount: result.mentors.length }));
  console.log(result.mentors.join("\n"));
  if (values.check) console.error(`checked ${await check({ n, outDir, seed })} members`);
}
