/**
 * The bad corpus case by case (issue 5): each case alone yields exactly the diagnostics it lists,
 * keeps exactly the members it must keep, and hostile content is defused where it is read.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createContext, runInContext } from "node:vm";
import { load } from "js-yaml";
import { toHtml } from "hast-util-to-html";
import { fragmentText, sanitizeFragment } from "../../plugin/html/sanitize.js";
import { parseExpertise } from "../../plugin/team/model/expertise.js";
import { readEntry } from "../../plugin/team/read/parse-entry.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import type { Member } from "../../plugin/team/entry.js";
import type { TeamReport } from "../../plugin/team/check/team-report.js";
import { parseYaml } from "../../plugin/yaml/parse.js";
import {
  BAD,
  committedCases,
  diagnosticLine,
  generatedCases,
  NO_PLACE,
  ROOT,
  writeCase,
  type GeneratedCase,
} from "../fixtures/bad/generate.js";

function checkShape(report: TeamReport): void {
  const { summary } = report;
  assert.equal(summary.files, report.files.length);
  assert.equal(summary.files, summary.members + summary.rejected, "files found = members + rejected");
  assert.equal(summary.members, report.members.length);
  assert.equal(summary.mentors, report.members.filter((m) => m.mentor).length);
  assert.equal(summary.errors + summary.warnings, report.diagnostics.length);
  for (const d of report.diagnostics) {
    assert.ok(report.files.includes(d.file), `${d.file} is among the files found`);
    assert.match(d.rule, /^[a-z]+(?:-[a-z0-9]+)*$/);
    assert.ok(d.message.length > 10, `message for ${d.rule} says something`);
    assert.doesNotMatch(d.message, /must match pattern|must be equal to one of|should have required|\n\s+at /);
    if (NO_PLACE.has(d.rule)) continue;
    assert.ok(Number.isInteger(d.line) && (d.line as number) >= 1, `${diagnosticLine(d)} has a line`);
    assert.ok(Number.isInteger(d.column) && (d.column as number) >= 1, `${diagnosticLine(d)} has a column`);
  }
}

const member = (report: TeamReport, slug: string): Member => {
  const found = report.members.find((m) => m.slug === slug);
  assert.ok(found, `${slug} is a member`);
  return found;
};

describe("bad corpus: committed cases", () => {
  for (const name of committedCases()) {
    it(name, async () => {
      const dir = path.join(BAD, name);
      const expected = readFileSync(path.join(dir, "expected.txt"), "utf8").split("\n").filter(Boolean).sort();
      const report = await validateTeam(["team_members"], { cwd: dir });
      assert.deepEqual(report.diagnostics.map(diagnosticLine).sort(), expected);
      checkShape(report);
    });
  }

  const run = (name: string): Promise<TeamReport> => validateTeam(["team_members"], { cwd: path.join(BAD, name) });

  it("a byte order mark is not part of the first key, and columns on line 1 ignore it", async () => {
    const report = await run("utf8-bom");
    const bom = member(report, "bom-entry");
    assert.deepEqual(Object.keys(bom.data), ["reports_to", "name", "mentor", "picture"]);
    assert.equal(bom.name, "Bom Entry");
  });

  it("an unclosed quote says where the quote opens", async () => {
    const [d] = (await run("yaml-unclosed-quote")).diagnostics;
    assert.deepEqual([d?.line, d?.column], [1, 7], "the place is where the quote opens");
    assert.match(d?.message ?? "", /quote \(`"`\) opened on line 1 at column 7 is never closed/);
    assert.match(d?.hint ?? "", /with a closing `"`/);
  });

  it("__proto__ and constructor keys are dropped without touching any prototype; the member stays", async () => {
    const report = await run("proto-keys");
    const entry = member(report, "proto-keys");
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(entry.data), Object.prototype);
    assert.equal(Object.hasOwn(entry.data, "__proto__"), false);
    assert.equal(Object.hasOwn(entry.data, "constructor"), false);
    assert.deepEqual(entry.data.prototype, { polluted: "yes" }, "a key named prototype alone is plain data");
    assert.equal(Object.getPrototypeOf(entry.data.projects), Object.prototype);
    assert.equal(entry.mentor, false, "`mentor: true` under __proto__ does not make a mentor");
    assert.equal(entry.name, "Proto Keys");
  });

  it("a naive deep merge of parsed YAML cannot pollute Object.prototype", () => {
    // The merge every data cascade is tempted to write, run in a separate realm so that the
    // control below pollutes only that realm's prototypes.
    const merge = `function merge(target, source) {
      for (const key in source) {
        const value = source[key];
        if (value !== null && typeof value === "object") {
          const into = target[key];
          merge(into !== null && (typeof into === "object" || typeof into === "function") ? into : (target[key] = {}), value);
        } else target[key] = value;
      }
      return target;
    }`;
    const pollutes = (source: unknown): unknown[] =>
      runInContext(`${merge}; merge({}, source); [({}).polluted, ({}).mentor]`, createContext({ source })) as unknown[];
    const text = readFileSync(path.join(BAD, "proto-keys/team_members/person/p/proto-keys.yml"), "utf8");
    // Control: the same text straight from js-yaml pollutes, so the check below means something.
    assert.deepEqual([...pollutes(load(text))], ["yes", true]);
    assert.deepEqual([...pollutes(parseYaml(text).value)], [undefined, undefined]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("wrong types drop the field, not the person; a wrong name drops the person", async () => {
    const wrong = member(await run("wrong-types"), "wrong-types");
    assert.equal(wrong.name, "Wrong Types");
    assert.equal(wrong.role, "");
    assert.equal(wrong.mentor, false);
    assert.deepEqual(wrong.departments, []);
    assert.deepEqual(wrong.expertise, []);
    assert.equal(wrong.reportsTo, undefined);
    assert.equal((await run("wrong-type-name")).members.length, 0);
  });

  it('mentor: yes, "true" and Mentor: true never make a mentor', async () => {
    for (const name of ["mentor-yes", "mentor-quoted-true", "mentor-capitalised"]) {
      const report = await run(name);
      assert.equal(report.members.length, 1, name);
      assert.equal(report.summary.mentors, 0, name);
    }
  });

  it("a duplicate slug keeps the first file, and its mentor flag does not leak from the second", async () => {
    const report = await run("duplicate-slug-across-folders");
    assert.equal(report.members.length, 1);
    assert.equal(report.members[0]?.file, "team_members/person/d/dupe-slug.yml");
    assert.equal(report.members[0].mentor, false);
  });

  it("invisible characters are removed from names, but emoji sequences keep their joiners", async () => {
    const report = await run("hidden-characters-names");
    const names = Object.fromEntries(report.members.map((m) => [m.slug, m.name]));
    assert.deepEqual(names, {
      "arabic-mark-name": "Amal Mark",
      "emoji-name": "Sam Lee \u{1F469}\u200D\u{1F4BB}",
      "isolate-name": "Ann Isolate",
      "rlo-name": "Eve namtrA",
      "zero-width-name": "Zoe Width",
    });
  });

  it("script, event handlers, javascript: and data: URLs and styles in role and expertise reach no member as markup", async () => {
    const report = await run("xss-role-expertise");
    const topics = Object.fromEntries(report.members.map((m) => [m.slug, m.expertise]));
    assert.deepEqual(topics, {
      "xss-data-url": [{ label: "SQL" }],
      "xss-img-onerror": [{ label: "Customer empathy" }],
      "xss-javascript-url": [{ label: "Go" }, { label: "Rust" }],
      "xss-script": [{ label: "Threat modelling" }],
      "xss-style": [{ label: "UX research", href: "/handbook/ux/" }],
      "xss-svg-onload": [],
    });
    const roles = Object.fromEntries(report.members.map((m) => [m.slug, fragmentText(m.role)]));
    assert.deepEqual(roles, {
      "xss-data-url": "Data Engineer",
      "xss-img-onerror": "Support Engineer",
      "xss-javascript-url": "Backend Engineer",
      "xss-script": "Security Engineer",
      "xss-style": "Product Designer",
      "xss-svg-onload": "Frontend Engineer",
    });
    for (const m of report.members) {
      // `role` stays the untrusted fragment (see `Member.role`); what leaves it is sanitized.
      const html = toHtml({ type: "root", children: sanitizeFragment(m.role) });
      assert.doesNotMatch(html, /<(?:script|img|svg|style|iframe)|\son[a-z]+=|javascript:|data:|style=/i, `${m.slug}: ${html}`);
      assert.ok(m.mentor, "hostile markup does not cost a mentor their listing");
    }
  });
});

describe("bad corpus: generated cases", function () {
  let tmp: string;
  let cases: GeneratedCase[];
  const reports = new Map<string, TeamReport>();
  const dirOf = (name: string): string => path.join(tmp, name);

  before(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "md-bad-"));
    cases = generatedCases();
    for (const c of cases) {
      writeCase(dirOf(c.name), c.files);
      if (!c.blocking) reports.set(c.name, await validateTeam(["team_members"], { cwd: dirOf(c.name) }));
    }
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("each case gives exactly its diagnostics and keeps exactly its members", () => {
    for (const c of cases.filter((c) => !c.blocking)) {
      const report = reports.get(c.name) as TeamReport;
      assert.deepEqual(report.diagnostics.map(diagnosticLine).sort(), [...c.expected].sort(), c.name);
      assert.deepEqual(report.members.map((m) => m.slug).sort(), [...c.members].sort(), c.name);
      checkShape(report);
    }
  });

  it("CRLF line ends load with the values and positions of LF", () => {
    const crlf = member(reports.get("crlf-line-ends") as TeamReport, "crlf-entry");
    assert.equal(crlf.name, "Crlf Entry");
    assert.equal(crlf.data.story, "line one line two");
  });

  it("the limits are named in the messages", () => {
    const message = (name: string): string => (reports.get(name) as TeamReport).diagnostics[0]?.message ?? "";
    assert.match(message("file-20mb"), /20971520 bytes; team-member files may be at most 1048576 bytes/);
    assert.match(message("deep-flow"), /nest more than 64 levels/);
    assert.match(message("alias-bomb"), /aliases .* expand this document to [\d,]+ characters, more than the [\d,]+ allowed/);
    assert.match(message("not-utf8"), /not valid UTF-8/);
    assert.match(message("nul-byte"), /NUL/);
    const nesting = (reports.get("html-nesting") as TeamReport).diagnostics.find((d) => d.rule === "html-too-complex");
    assert.match(nesting?.message ?? "", /more than 1000 HTML tags/);
    assert.match(message("control-character"), /invisible control character U\+0001/);
    assert.match((reports.get("control-character") as TeamReport).diagnostics[0]?.hint ?? "", /remove the character/);
  });

  it("a long value is cut in messages", () => {
    for (const d of (reports.get("long-line-reports-to") as TeamReport).diagnostics)
      assert.ok(d.message.length < 500, d.message.slice(0, 80));
  });

  it("markup at the nesting limit is accepted, and every renderer copes with it", () => {
    const atLimit = member(reports.get("html-at-limit") as TeamReport, "html-at-limit");
    assert.deepEqual(atLimit.expertise, [{ label: "Ruby" }]);
    assert.equal(fragmentText(atLimit.role), "Engineer");
    assert.match(toHtml({ type: "root", children: sanitizeFragment(atLimit.role) }), /Engineer/);
    assert.deepEqual(parseExpertise(atLimit.data.expertise), [{ label: "Ruby" }]);
  });

  it("markup over the limit is left out of the member, which stays", () => {
    const nested = member(reports.get("html-nesting") as TeamReport, "html-nested");
    assert.equal(nested.role, "");
    assert.deepEqual(nested.expertise, []);
  });

  it("links are reported and never followed or read", () => {
    const passwd = reports.get("symlink-passwd") as TeamReport;
    assert.deepEqual(passwd.files, ["team_members/person/s/symlink-passwd.yml"]);
    for (const d of passwd.diagnostics) assert.doesNotMatch(`${d.message} ${d.hint ?? ""}`, /root:|\/bin\/(?:ba)?sh/);
    const folder = reports.get("symlink-folder") as TeamReport;
    assert.deepEqual(folder.files, ["team_members/person/etc-link"], "nothing below the linked folder is listed");
    // Handed a link directly (a file swapped for one after listing), the reader still refuses.
    const root = path.join(dirOf("symlink-passwd"), "team_members");
    const link = readEntry(root, path.join(root, "person/s/symlink-passwd.yml"));
    assert.deepEqual(
      link.diagnostics.map((d) => d.rule),
      ["symlink"],
    );
    assert.equal(link.entry, undefined);
  });

  it("pipes, and links to pipes, are refused without blocking (checked in a child process)", () => {
    const fifo = cases.find((c) => c.name === "fifo") as GeneratedCase;
    const root = path.join(dirOf("fifo"), "team_members");
    // Reading a pipe would block the child for good; its time limit turns that into a failure.
    const script = `
      import { readEntry } from "./plugin/team/read/parse-entry.ts";
      import { validateTeam } from "./plugin/team/pipeline/team-store.ts";
      const root = ${JSON.stringify(root)};
      const report = await validateTeam(["team_members"], { cwd: ${JSON.stringify(dirOf("fifo"))} });
      const rules = (file) => readEntry(root, root + "/" + file).diagnostics.map((d) => d.rule);
      console.log(JSON.stringify({ report, pipe: rules("person/f/fifo-entry.yml"), link: rules("person/s/symlink-fifo.yml") }));
    `;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 20_000,
    });
    assert.equal(child.signal, null, "the child finished on its own: nothing blocked");
    assert.equal(child.status, 0, child.stderr);
    const out = JSON.parse(child.stdout) as { report: TeamReport; pipe: string[]; link: string[] };
    assert.deepEqual(out.report.diagnostics.map(diagnosticLine).sort(), [...fifo.expected].sort());
    assert.equal(out.report.summary.rejected, 2);
    assert.deepEqual(out.pipe, ["not-a-file"]);
    assert.deepEqual(out.link, ["symlink"]);
  });

  it("a file far larger than memory is refused from its size alone", async () => {
    const dir = path.join(tmp, "sparse");
    mkdirSync(path.join(dir, "team_members/person/s"), { recursive: true });
    const file = path.join(dir, "team_members/person/s/sparse-file.yml");
    writeFileSync(file, "name: Sparse File\n");
    // Sparse: takes no disk space, but reading it would need 8 GiB, more than a Buffer can hold.
    truncateSync(file, 8 * 1024 ** 3);
    const started = performance.now();
    const report = await validateTeam(["team_members"], { cwd: dir });
    assert.deepEqual(report.diagnostics.map(diagnosticLine), ["team_members/person/s/sparse-file.yml:0:0 error file-too-large"]);
    assert.ok(performance.now() - started < 2_000, "refused without reading");
  });
});
