/**
 * `validate` as pre-commit hooks call it, in a real git repository: the files each hook tool takes
 * from git, passed to the package's bin (the compiled bundle) the way the tool passes them.
 * pre-commit itself is a Python tool that no registry here installs: its documented invocation is
 * used (the hook's `entry` with the staged files that match its `files` pattern appended), the
 * pattern read from the shipped `.pre-commit-hooks.yaml`.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bin = path.join(root, "dist/bundle/cli.js");

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const GOOD = (name: string, extra = ""): string => `name: ${name}\nrole: Engineer\nmentor: true\npicture: x.jpg\n${extra}`;

class Repo {
  readonly dir = mkdtempSync(path.join(tmpdir(), "mentor-hooks-"));

  constructor() {
    this.git("init", "-q");
    this.git("config", "user.email", "dev@example.com");
    this.git("config", "user.name", "Dev");
    this.git("config", "commit.gpgsign", "false");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8" });
  }

  write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
    writeFileSync(path.join(this.dir, file), text);
  }

  /** The staged files as a hook tool lists them (`git diff --cached --name-only` with its filter). */
  staged(filter: string): string[] {
    return this.git("diff", "--cached", "--name-only", "-z", `--diff-filter=${filter}`)
      .split("\0")
      .filter((f) => f !== "");
  }

  /** The bin with `args`, from the repository's top, as hook tools run their commands. */
  run(args: readonly string[]): Result {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: this.dir, encoding: "utf8" });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

interface PreCommitHook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
}

const hooks = yaml.load(readFileSync(path.join(root, ".pre-commit-hooks.yaml"), "utf8")) as PreCommitHook[];
const hook = hooks.find((h) => h.id === "mentor-directory") as PreCommitHook;

/** The three hook tools, each with the command line it runs for the staged files. */
const TOOLS: readonly { readonly name: string; readonly command: (repo: Repo) => string[] }[] = [
  {
    // pre-commit: `entry` split into words, then the staged files its `files` pattern matches.
    name: "pre-commit",
    command: (repo) => {
      const pattern = new RegExp(hook.files);
      const [, ...args] = hook.entry.split(" ");
      return [...args, ...repo.staged("ACMRTUXB").filter((f) => pattern.test(f))];
    },
  },
  {
    // lefthook, `run: npx mentor-directory validate {staged_files}` with `glob: "data/team_members/**/*.{yml,yaml}"`.
    name: "lefthook",
    command: (repo) => ["validate", ...repo.staged("ACMR").filter((f) => /^data\/team_members\/.*\.ya?ml$/.test(f))],
  },
  {
    // lint-staged appends absolute paths of the staged files its glob matches.
    name: "lint-staged",
    command: (repo) => [
      "validate",
      ...repo
        .staged("ACMR")
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => path.join(repo.dir, f)),
    ],
  },
];

describe("validate in pre-commit hooks (real git repository, the bundled bin)", function () {
  this.timeout(60_000);
  let repo: Repo;

  before(function () {
    try {
      readFileSync(bin);
    } catch {
      throw new Error("dist/bundle/cli.js is missing: run `npm run compile`");
    }
  });

  beforeEach(() => {
    repo = new Repo();
    repo.write("data/team_members/person/j/jdoe.yml", GOOD("Jane Doe"));
    repo.write("data/team_members/person/m/mlee.yml", GOOD("Min Lee", "reports_to: jdoe\n"));
    // A problem already committed, in a file the commits below leave alone.
    repo.write("data/team_members/person/o/old.yml", GOOD("Old Entry").replace("mentor: true", "mentor: yes"));
    repo.write("README.md", "# Handbook\n");
    repo.git("add", "-A");
    repo.git("commit", "-qm", "team");
  });

  afterEach(() => repo.remove());

  it("ships a pre-commit hook that passes the file names to validate", () => {
    assert.equal(hook.entry, "mentor-directory validate");
    assert.equal(hook.language, "node");
    assert.equal(hook.pass_filenames, true);
    const pattern = new RegExp(hook.files);
    assert.ok(pattern.test("data/team_members/person/j/jdoe.yml"));
    assert.ok(pattern.test("data/team_members/person/j/jdoe.yaml"));
    assert.ok(!pattern.test("README.md"));
    assert.ok(!pattern.test("site/data/team_members.json"));
  });

  for (const tool of TOOLS) {
    describe(tool.name, () => {
      it("passes a good commit (exit 0) without reporting the committed problem elsewhere", () => {
        repo.write("data/team_members/person/a/akim.yml", GOOD("Ana Kim", "reports_to: jdoe\n"));
        repo.write("README.md", "# Handbook, edited\n");
        repo.git("add", "-A");
        const r = repo.run(tool.command(repo));
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, /^1 file read: 1 member loaded, 0 rejected; 1 mentor; 0 errors, 0 warnings$/m);
        assert.doesNotMatch(r.stdout, /old\.yml/);
      });

      it("fails a commit with a bad file (exit 1), naming the file and the line", () => {
        repo.write("data/team_members/person/j/jdoe.yml", GOOD("Jane Doe").replace("mentor: true", "mentor: yes"));
        repo.git("add", "-A");
        const r = repo.run(tool.command(repo));
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, /^data\/team_members\/person\/j\/jdoe\.yml:3:9: error mentor-not-boolean:/m);
        assert.doesNotMatch(r.stdout, /old\.yml/);
        assert.match(r.stdout, /^1 file read: 1 member loaded, 0 rejected; 0 mentors; 1 error, 0 warnings$/m);
      });

      it("reports a duplicate slug between a staged file and a committed one it did not touch", () => {
        // Listed before person/, so the staged file is the one kept and the committed one is refused.
        repo.write("data/team_members/bot/j/jdoe.yml", GOOD("Jane Doe Bot"));
        repo.git("add", "-A");
        const r = repo.run(tool.command(repo));
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(
          r.stdout,
          /^data\/team_members\/person\/j\/jdoe\.yml:1:1: error duplicate-slug: .*data\/team_members\/bot\/j\/jdoe\.yml/m,
        );
        assert.doesNotMatch(r.stdout, /old\.yml/);
      });
    });
  }

  it("reports a file whose reports_to names a slug a staged rename removed", () => {
    repo.git("mv", "data/team_members/person/j/jdoe.yml", "data/team_members/person/j/jdoe2.yml");
    const r = repo.run(["validate", ...repo.staged("ACMRTUXB")]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^data\/team_members\/person\/m\/mlee\.yml:5:13: error reports-to-unknown: .*`jdoe`/m);
    assert.match(r.stdout, /did you mean `reports_to: jdoe2`/);
  });

  it("reports every member of a reporting cycle that a staged file closes", () => {
    repo.write("data/team_members/person/j/jdoe.yml", GOOD("Jane Doe", "reports_to: mlee\n"));
    repo.git("add", "-A");
    const r = repo.run(["validate", ...repo.staged("ACMR"), "--format", "json"]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as { summary: { files: number; errors: number }; diagnostics: { file: string; rule: string }[] };
    assert.deepEqual(
      report.diagnostics.map((d) => [d.file, d.rule]),
      [
        ["data/team_members/person/j/jdoe.yml", "reports-to-cycle"],
        ["data/team_members/person/m/mlee.yml", "reports-to-cycle"],
      ],
    );
    assert.equal(report.summary.files, 2);
  });

  it("skips other files with a note, ignores removed files, and refuses a YAML file outside the team folder", () => {
    repo.git("rm", "-q", "data/team_members/person/o/old.yml");
    repo.write("notes.yml", "a: 1\n");
    const skipped = repo.run(["validate", "README.md", "data/team_members/person/o/old.yml"]);
    assert.equal(skipped.code, 0, skipped.stdout + skipped.stderr);
    assert.match(skipped.stderr, /note: skipped README\.md: not a \.yml or \.yaml file/);
    assert.match(skipped.stderr, /note: skipped data\/team_members\/person\/o\/old\.yml: no such file/);
    assert.match(skipped.stdout, /^0 files read/m);
    const outside = repo.run(["validate", "notes.yml"]);
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /^mentor-directory: notes\.yml is not in a team folder/m);
    assert.equal(outside.stdout, "");
  });

  it("keeps every report format for files, and folders as before when mixed with files", () => {
    repo.write("data/team_members/person/j/jdoe.yml", GOOD("Jane Doe").replace("mentor: true", "mentor: yes"));
    repo.write("other/team_members/person/z/zed.yml", GOOD("Zed"));
    const files = ["data/team_members/person/j/jdoe.yml"];
    const junit = repo.run(["validate", ...files, "--format", "junit"]);
    assert.equal(junit.code, 1);
    assert.match(junit.stdout, /<testsuite [^>]*tests="1" failures="1"/);
    const quality = repo.run(["validate", ...files, "--format", "codequality"]);
    const issues = JSON.parse(quality.stdout) as { location: { path: string; lines: { begin: number } } }[];
    assert.deepEqual(
      issues.map((i) => [i.location.path, i.location.lines.begin]),
      [["data/team_members/person/j/jdoe.yml", 3]],
    );
    const mixed = repo.run(["validate", "other/team_members", ...files]);
    assert.equal(mixed.code, 1);
    assert.match(mixed.stdout, /^2 files read: 2 members loaded, 0 rejected; 1 mentor; 1 error, 0 warnings$/m);
    const folder = repo.run(["validate", "data/team_members"]);
    assert.match(folder.stdout, /old\.yml:3:9: error mentor-not-boolean/);
    assert.match(folder.stdout, /^3 files read/m);
  });
});
