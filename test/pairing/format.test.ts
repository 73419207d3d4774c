import assert from "node:assert/strict";
import { parseCsv } from "../../plugin/pairing/csv.js";
import { describeObstacle, describeUnpaired, formatCsv, formatJson, formatMarkdown, formatPairing } from "../../plugin/pairing/format.js";
import { pair, type MenteeEntry, type MentorEntry, type Pairing } from "../../plugin/pairing/pair.js";
import { resolveTimeZone } from "../../plugin/pairing/timezones.js";
import type { Nodes, Parent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const mentors: MentorEntry[] = [
  {
    slug: "ava",
    name: "Ava *Stone*",
    handle: "ava.s",
    departments: ["Engineering"],
    focusAreas: ["Go", "Kubernetes"],
    timeZone: resolveTimeZone("Europe/Berlin"),
    capacity: 1,
  },
  {
    slug: "kim",
    name: "Kim | Lee",
    departments: ["Engineering"],
    focusAreas: ["Leadership"],
    timeZone: resolveTimeZone("Asia/Seoul"),
    capacity: 1,
  },
];
const mentees: MenteeEntry[] = [
  {
    slug: "ben",
    name: "Ben <Okafor>",
    departments: ["Finance"],
    focusAreas: ["go", "Leadership"],
    timeZone: resolveTimeZone("UTC+2"),
    goal: "=SUM(A1)",
  },
  { slug: "cleo", name: "Cleo Park", departments: ["Engineering"], focusAreas: ["Kubernetes"], goal: 'Run, "safely"' },
  { slug: "dev", name: "Dev Rao", departments: [], focusAreas: ["Leadership"], timeZone: resolveTimeZone("Asia/Tokyo") },
];

function sample(): Pairing {
  return pair({
    mentees,
    mentors,
    reportsTo: new Map([["dev", "kim"]]),
    exclusions: [{ mentee: "dev", mentor: "ava", reason: "same project" }],
  });
}

describe("pairing: output formats", () => {
  it("writes a Markdown table of pairs with the reasons, escaping names", () => {
    const text = formatMarkdown(sample());
    assert.match(text, /^## Mentorship pairs\n\n2 mentees paired with 2 mentors\. 1 mentee is not paired yet \(see below\)\.\n/);
    assert.match(text, /\| Mentee \| Mentor \| Shared focus areas \| Time zones \| Departments \|/);
    assert.ok(
      text.includes("| Ben \\<Okafor\\> | Kim \\| Lee | Leadership | 7 h apart (UTC+2 / UTC+9) | different (Finance / Engineering) |"),
      text,
    );
    assert.ok(
      text.includes("| Cleo Park | Ava \\*Stone\\* (@ava.s) | Kubernetes | mentee's time zone unknown | same (Engineering) |"),
      text,
    );
    assert.match(
      text,
      /### Not paired yet\n\n- \*\*Dev Rao\*\*: the one mentor sharing a focus area is ruled out \(same reporting line\)\./,
    );
    assert.match(
      text,
      / {2}- Kim \\\| Lee, 1 shared focus area \(Leadership\), same time zone: same reporting line \(is Dev Rao's manager\)/,
    );
    assert.match(text, / {2}- Ava \\\*Stone\\\* \(@ava\.s\), 8 h apart: excluded \(same project\); no shared focus area/);
    assert.doesNotMatch(text, /SUM/, "goals stay out of the announcement");
  });

  it("keeps every table row on one line whatever the names hold", () => {
    const text = formatMarkdown(pair({ mentees: [{ ...mentees[1]!, name: "Line\nbreak" }], mentors }));
    const row = text.split("\n").find((l) => l.startsWith("| Line"));
    assert.equal(row, "| Line break | Ava \\*Stone\\* (@ava.s) | Kubernetes | mentee's time zone unknown | same (Engineering) |");
  });

  it("writes CSV with one row per mentee, formula-safe, that reads back", () => {
    const text = formatCsv(sample());
    assert.ok(text.endsWith("\r\n"));
    const rows = parseCsv(text).records.map((r) => r.fields);
    assert.deepEqual(rows[0]?.slice(0, 5), ["status", "mentee_slug", "mentee_name", "mentor_slug", "mentor_name"]);
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[3], r[5], r[7]]),
      [
        ["paired", "ben", "kim", "Leadership", "7"],
        ["paired", "cleo", "ava", "Kubernetes", ""],
        ["unpaired", "dev", "", "", ""],
      ],
    );
    assert.equal(rows[1]?.[11], "'=SUM(A1)");
    assert.equal(rows[2]?.[11], 'Run, "safely"');
    assert.match(
      rows[3]?.[12] ?? "",
      /^the one mentor sharing a focus area is ruled out \(same reporting line\)\. Closest: Kim \| Lee \(same reporting line/,
    );
  });

  it("writes JSON with the summary, reasons, near misses and diagnostics", () => {
    const diagnostics = [{ file: "m.csv", line: 3, severity: "error" as const, rule: "pairing-unknown-member", message: "row 3: …" }];
    const json = JSON.parse(formatJson(sample(), { diagnostics })) as {
      summary: { mentees: number; paired: number; unpaired: number; places: number; objective: { paired: number } };
      pairs: {
        mentee: { slug: string; timeZone: unknown };
        mentor: { slug: string; capacity: number };
        hoursApart: number | null;
        differentDepartments: boolean | null;
      }[];
      unpaired: {
        reason: { kind: string; text: string };
        nearMisses: { mentor: { slug: string }; obstacles: { kind: string; text: string }[] }[];
      }[];
      diagnostics: unknown[];
    };
    assert.deepEqual(json.summary, { mentees: 3, mentors: 2, places: 2, paired: 2, unpaired: 1, objective: json.summary.objective });
    assert.equal(json.summary.objective.paired, 2);
    assert.deepEqual(
      json.pairs.map((p) => [p.mentee.slug, p.mentor.slug, p.hoursApart, p.differentDepartments]),
      [
        ["ben", "kim", 7, true],
        ["cleo", "ava", null, false],
      ],
    );
    assert.equal(json.pairs[1]?.mentee.timeZone, null);
    assert.equal(json.unpaired[0]?.reason.kind, "ruled-out");
    assert.deepEqual(
      json.unpaired[0].nearMisses[1]?.obstacles.map((o) => o.kind),
      ["excluded", "no-shared-focus"],
    );
    assert.equal(json.unpaired[0].nearMisses[1].obstacles[0]?.text, "excluded (same project)");
    assert.deepEqual(json.diagnostics, diagnostics);
  });

  it("describes every kind of obstacle and unpaired reason", () => {
    const a = mentees[0]!;
    const m = mentors[0]!;
    assert.equal(
      describeObstacle({ kind: "at-capacity", mentees: ["x"] }, a, m, (s) => s.toUpperCase()),
      "at capacity (mentoring X)",
    );
    assert.equal(describeObstacle({ kind: "no-capacity" }, a, m), "takes no mentees this time (capacity 0)");
    assert.equal(describeObstacle({ kind: "self" }, a, m), "is the mentee");
    assert.equal(
      describeObstacle({ kind: "reporting-line", relation: { manager: "ava", report: "ben", levels: 3 } }, a, m),
      "same reporting line (3 levels above Ben <Okafor>)",
    );
    assert.equal(
      describeObstacle({ kind: "reporting-line", relation: { manager: "ben", report: "ava", levels: 1 } }, a, m),
      "same reporting line (reports to Ben <Okafor>)",
    );
    const base = { mentee: a, nearMisses: [] };
    assert.equal(
      describeUnpaired({ ...base, reason: { kind: "no-focus-areas", sharing: 0, ruledOut: 0, ruledOutBy: {} } }),
      "the application names no focus area",
    );
    assert.equal(
      describeUnpaired({ ...base, reason: { kind: "no-shared-focus", sharing: 0, ruledOut: 0, ruledOutBy: {} } }),
      "no mentor lists any of their focus areas (go; Leadership)",
    );
    assert.equal(
      describeUnpaired({
        ...base,
        reason: { kind: "at-capacity", sharing: 5, ruledOut: 2, ruledOutBy: { excluded: 1, "reporting-line": 1 } },
      }),
      "the 3 mentors sharing a focus area who could take them are at capacity; 2 more are ruled out (1 excluded, 1 same reporting line)",
    );
  });

  it("dispatches on the format name", () => {
    const p = sample();
    assert.equal(formatPairing(p, "markdown"), formatMarkdown(p));
    assert.equal(formatPairing(p, "csv"), formatCsv(p));
    assert.equal(formatPairing(p, "json"), formatJson(p));
  });

  it("escapes what JSON carries of the diagnostics, like a report", () => {
    const diagnostics = [{ file: "m\u001B[8m.csv", severity: "error" as const, rule: "r", message: "row\n3" }];
    const json = JSON.parse(formatJson(sample(), { diagnostics })) as { diagnostics: { file: string; message: string }[] };
    assert.deepEqual(
      json.diagnostics.map((d) => [d.file, d.message]),
      [["m\\u001B[8m.csv", "row\\n3"]],
    );
  });
});

/**
 * The mentions GitLab would make of a Markdown text: its user reference filter runs after
 * rendering, on the text of the page outside code and links (adjacent text is one text node in
 * HTML), and takes an `@` not after an ASCII word character, followed by a username's first character.
 */
function liveMentions(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown);
  const found: string[] = [];
  const inert = new Set(["inlineCode", "code", "link", "linkReference", "html"]);
  const visit = (node: Nodes): void => {
    if (inert.has(node.type) || !("children" in node)) return;
    let text = "";
    for (const child of (node as Parent).children) {
      if (child.type === "text") {
        text += child.value;
        continue;
      }
      found.push(...[...text.matchAll(/(?<![A-Za-z0-9_])@[A-Za-z0-9_.][A-Za-z0-9_.-]*/g)].map((m) => m[0]));
      text = "";
      visit(child);
    }
    found.push(...[...text.matchAll(/(?<![A-Za-z0-9_])@[A-Za-z0-9_.][A-Za-z0-9_.-]*/g)].map((m) => m[0]));
  };
  visit(tree);
  return found;
}

describe("pairing: the Markdown mentions no one the data did not name as a person", () => {
  const crowd: MentorEntry[] = [
    { slug: "ana", name: "Ana @all Rivera", handle: "all", departments: ["@here"], focusAreas: ["Go"], capacity: 1 },
    { slug: "bo", name: "Bo x@@channel", handle: "Here", departments: [], focusAreas: ["@everyone help", "Go"], capacity: 1 },
    { slug: "cy", name: "Cy é@everyone a`@b \\@all &#64;all", handle: "EVERYONE", departments: [], focusAreas: ["Rust"], capacity: 0 },
    { slug: "dee", name: "Dee Ok", handle: "dee.ok", departments: [], focusAreas: ["Go"], capacity: 1 },
  ];
  const people: MenteeEntry[] = [
    { slug: "m1", name: "@all", departments: ["@here"], focusAreas: ["Go", "@everyone help"] },
    { slug: "m2", name: "Mo", departments: [], focusAreas: ["Go"] },
    { slug: "m3", name: "Mia", departments: [], focusAreas: ["Go"] },
    { slug: "m4", name: "Max", departments: [], focusAreas: ["Rust", "@channel"] },
  ];
  const pairing = (): Pairing =>
    pair({ mentees: people, mentors: crowd, exclusions: [{ mentee: "m4", mentor: "cy", reason: "@all said so" }] });

  it("keeps a person's handle a live mention, and every other @ inert", () => {
    const text = formatMarkdown(pairing(), { title: "Pairs for @all" });
    assert.match(text, /@all|@here|@everyone|@channel/, "the data is still shown");
    assert.deepEqual(liveMentions(text), ["@dee.ok"]);
  });

  it("shows a handle that would notify a crowd in code, whatever its case", () => {
    const text = formatMarkdown(pairing());
    assert.ok(text.includes("Ana `@`all Rivera (`@all`)"), text);
    assert.ok(text.includes("Bo x`@@`channel (`@Here`)"), text);
    assert.ok(text.includes("(`@EVERYONE`)"), text);
    assert.ok(text.includes("Dee Ok (@dee.ok)"), text);
  });

  it("the check above finds a mention written any other way", () => {
    assert.deepEqual(liveMentions("Hi @all, \\@here and &#64;everyone; not `@x`, [@y](https://e.com), a@b, _@z_"), [
      "@all",
      "@here",
      "@everyone",
      "@z",
    ]);
  });
});
