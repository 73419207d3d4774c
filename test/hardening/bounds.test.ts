/**
 * Guarantee 4 of issue 5: time and memory stay bounded on hostile files. The limits below are
 * generous safety bounds, several times what the runs take, so that only a blow-up fails them;
 * they are not performance goals (see `bench/` for those).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { parseYaml, YamlLimitError } from "../../plugin/yaml/parse.js";
import { generatedCases, MB, ROOT, writeCase, writeMixedCorpus } from "../fixtures/bad/generate.js";

const CORPUS_MS = 10_000;
const CASE_MS = 5_000;
/** 2,000 files take a second or two; without the guards, the long values alone took minutes. */
const BIG_TEAM_MS = 20_000;
const HEAP_GROWTH = 200 * 1024 * 1024;

/**
 * Run `work` while sampling the heap; resolves to its duration and the largest growth of the heap
 * seen. The loader reads synchronously, so samples land only where it yields and at the end: this
 * bounds what a run keeps. Its peak is bounded by the command run with a capped heap, below.
 */
async function measure(work: () => Promise<unknown>): Promise<{ ms: number; heapGrowth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  sample();
  return { ms, heapGrowth: peak - base };
}

describe("bounded cost on hostile input", function () {
  let tmp: string;

  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), "md-bounds-"));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it(`the whole hostile corpus with the sample team: under ${CORPUS_MS / 1000} s and ${HEAP_GROWTH / 1024 / 1024} MB of heap`, async () => {
    const dir = path.join(tmp, "mixed");
    writeMixedCorpus(dir);
    let members = 0;
    const { ms, heapGrowth } = await measure(async () => {
      members = (await validateTeam(["team_members"], { cwd: dir })).members.length;
    });
    assert.ok(members > 40);
    assert.ok(ms < CORPUS_MS, `${Math.round(ms)} ms`);
    assert.ok(heapGrowth < HEAP_GROWTH, `${Math.round(heapGrowth / 1024 / 1024)} MB`);
  });

  it(`each hostile case alone: under ${CASE_MS / 1000} s`, async () => {
    for (const c of generatedCases().filter((c) => !c.blocking)) {
      const dir = path.join(tmp, `case-${c.name}`);
      writeCase(dir, c.files);
      const started = performance.now();
      await validateTeam(["team_members"], { cwd: dir });
      const ms = performance.now() - started;
      assert.ok(ms < CASE_MS, `${c.name}: ${Math.round(ms)} ms`);
    }
  });

  it("the command, with its heap capped at 256 MB, validates the corpus to the end", () => {
    const dir = path.join(tmp, "mixed");
    const r = spawnSync(
      process.execPath,
      ["--max-old-space-size=256", path.join(ROOT, "dist/plugin/cli/main.js"), "validate", "team_members", "--format", "json"],
      {
        cwd: dir,
        encoding: "utf8",
        timeout: 30_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    assert.equal(r.signal, null, "finished within 30 s");
    assert.doesNotMatch(r.stderr, /heap out of memory|Allocation failed/);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { summary: { files: number; members: number } };
    assert.ok(report.summary.members > 40, "the report is complete");
  });

  it("a team of real size with 1 MB values in reports_to, a key and an enum stays linear", async () => {
    // Suggestions ("did you mean …") compare strings pairwise; a long value against 2,000 slugs
    // must not cost 2,000 full comparisons.
    const dir = path.join(tmp, "big-team");
    mkdirSync(path.join(dir, "team_members/person/m"), { recursive: true });
    for (let i = 0; i < 2_000; i += 1) {
      const slug = `member${String(i).padStart(4, "0")}`;
      const manager = i === 0 ? "" : "reports_to: member0000\n";
      writeFileSync(path.join(dir, `team_members/person/m/${slug}.yml`), `name: Member ${i}\npicture: ${slug}.jpg\n${manager}`);
    }
    const big = "m".repeat(MB);
    const hostile = { "mallory-a": `reports_to: ${big}`, "mallory-b": `work_priorities: [${big}]`, "mallory-c": `${big}: 1` };
    for (const [slug, line] of Object.entries(hostile)) {
      writeFileSync(path.join(dir, `team_members/person/m/${slug}.yml`), `name: Mallory\npicture: m.jpg\n${line}\n`);
    }
    const { ms } = await measure(async () => {
      const report = await validateTeam(["team_members"], { cwd: dir });
      assert.equal(report.summary.members, 2_003);
      assert.deepEqual(
        report.diagnostics
          .filter((d) => d.file.includes("mallory"))
          .map((d) => d.rule)
          .sort(),
        ["reports-to-unknown", "schema-enum"],
      );
    });
    assert.ok(ms < BIG_TEAM_MS, `${Math.round(ms)} ms`);
  });

  it("aliases: a bomb of 10^12 nodes is refused at once; modest reuse still loads", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i += 1)
      lines.push(
        `l${i}: &l${i} [${Array(10)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    const started = performance.now();
    assert.throws(
      () => parseYaml(lines.join("\n")),
      (error: unknown) => error instanceof YamlLimitError && error.limit === "aliases" && error.point?.line === 12,
    );
    assert.ok(performance.now() - started < 1_000);

    const reuse = parseYaml("base: &base [Ruby, Go]\nexpertise: *base\nspecialty: *base\n").value as Record<string, unknown>;
    assert.deepEqual(reuse.expertise, ["Ruby", "Go"]);
    // Just under and just over the limit, measured on the expanded value.
    const text = `s: &s "${"x".repeat(998)}"\nl: [${Array(60).fill("*s").join(", ")}]\n`;
    assert.doesNotThrow(() => parseYaml(text, { maxExpandedSize: 70_000 }));
    assert.throws(() => parseYaml(text, { maxExpandedSize: 50_000 }), YamlLimitError);
  });

  it("nesting: refused past the depth limit, in flow and block style, whatever the depth", () => {
    for (const depth of [65, 1_000, 100_000]) {
      for (const text of [
        `x: ${"[".repeat(depth)}${"]".repeat(depth)}`,
        `x:\n  ${"- ".repeat(depth)}y`,
        `x: ${"{a: ".repeat(depth)}b${"}".repeat(depth)}`,
      ]) {
        assert.throws(
          () => parseYaml(text),
          (error: unknown) => error instanceof YamlLimitError && error.limit === "depth",
        );
      }
    }
    assert.doesNotThrow(() => parseYaml(`x: ${"[".repeat(60)}${"]".repeat(60)}`));
  });
});
