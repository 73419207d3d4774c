// The help and the parser come from one table: every option the help shows is accepted, every
// option accepted is shown, and the process prints exactly the generated text.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  COMMANDS,
  helpText,
  mainHelpText,
  parseCommand,
  parserOptions,
  UsageError,
  type CommandDefinition,
} from "../../plugin/cli/definitions.js";
import { REPORT_FORMATS } from "../../plugin/diagnostics/index.js";
import { PAIRING_FORMATS } from "../../plugin/pairing/format.js";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(root, "dist/plugin/cli/main.js");

/** The options a help text documents, read back from its "Options:" block as a user reads it. */
function documentedOptions(help: string): { long: string; short?: string; takesValue: boolean }[] {
  const block = help.split("\nOptions:\n")[1]?.split("\n\n")[0] ?? "";
  return [...block.matchAll(/^ {2}(?:-([a-zA-Z]), )?--([a-z][a-z-]*)( <[^>]+>)?/gm)].map((m) => ({
    long: m[2]!,
    ...(m[1] ? { short: m[1] } : {}),
    takesValue: m[3] !== undefined,
  }));
}

/** The values of an option's choices, read back from the help lines below it. */
function documentedChoices(help: string, option: string): string[] {
  const lines = help.split("\n");
  const at = lines.findIndex((line) => new RegExp(`^ {2}(?:-[a-zA-Z], )?--${option}\\b`).test(line));
  const values: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line === "" || /^ {2}-/.test(line)) break;
    const m = /^ {4,}(\S+) {2,}\S/.exec(line);
    if (m) values.push(m[1]!);
  }
  return values;
}

function command(name: string): CommandDefinition {
  const found = COMMANDS.find((c) => c.name === name);
  assert.ok(found, name);
  return found;
}

describe("mentor-directory help and options (one definition)", () => {
  for (const definition of COMMANDS) {
    describe(definition.name, () => {
      const help = helpText(definition);
      const documented = documentedOptions(help);

      it("documents exactly the options the parser accepts, with their short forms", () => {
        const parser = parserOptions(definition);
        assert.deepEqual(documented.map((o) => o.long).sort(), Object.keys(parser).sort());
        for (const option of documented) {
          assert.equal(parser[option.long]?.short, option.short, `--${option.long}'s short form`);
          assert.equal(parser[option.long]?.type === "string", option.takesValue, `--${option.long} takes a value`);
        }
      });

      it("accepts every documented option, long and short, and refuses one it does not document", () => {
        for (const option of documented) {
          const value = option.takesValue ? [documentedChoices(help, option.long)[0] ?? "x"] : [];
          for (const spelling of [`--${option.long}`, ...(option.short ? [`-${option.short}`] : [])]) {
            assert.doesNotThrow(() => parseCommand(definition, [spelling, ...value]), `${definition.name} ${spelling}`);
          }
        }
        assert.throws(() => parseCommand(definition, ["--no-such-option"]), UsageError);
      });

      it("lists each command in the main help", () => {
        const escape = (text: string): string => text.replace(/[|.*+?^${}()[\]\\]/g, "\\$&");
        assert.match(
          mainHelpText(),
          new RegExp(`^ {2}${escape(`${definition.name} ${definition.operands}`)} +${escape(definition.summary)}$`, "m"),
        );
      });
    });
  }

  it("offers exactly the report and pairing formats the code writes, and refuses others by name", () => {
    assert.deepEqual(documentedChoices(helpText(command("validate")), "format"), [...REPORT_FORMATS]);
    assert.deepEqual(documentedChoices(helpText(command("pair")), "format"), [...PAIRING_FORMATS]);
    assert.deepEqual(documentedChoices(helpText(command("list")), "format"), ["text", "json"]);
    assert.throws(
      () => parseCommand(command("validate"), ["--format", "xml"]),
      /unknown format "xml"; use one of text, json, junit, codequality/,
    );
  });

  it("words a refused command line for the person who typed it, with the way to the help", () => {
    const cases: [string, string[], RegExp][] = [
      [
        "pair",
        ["m.csv", "--colour"],
        /^unknown option --colour for pair; it takes --team, --mentors, .*\(see mentor-directory pair --help\)$/,
      ],
      ["validate", ["-x"], /^unknown option -x for validate; it takes --format, --output, --cache, --schema, --timings, --help /],
      ["validate", ["--format"], /^--format needs a value: --format <f> \(see mentor-directory validate --help\)$/],
      ["validate", ["-o"], /^--output needs a value: -o, --output <file> /],
      ["list", ["--mentors=yes"], /^--mentors takes no value \(see mentor-directory list --help\)$/],
    ];
    for (const [name, argv, message] of cases) {
      assert.throws(
        () => parseCommand(command(name), argv),
        (error: unknown) => error instanceof UsageError && message.test(error.message),
      );
    }
  });

  it("answers --help before checking the other options, and refuses to read an option the command does not have", () => {
    assert.equal(parseCommand(command("validate"), ["--format", "bogus", "--help"]).flag("help"), true);
    const parsed = parseCommand(command("validate"), ["--format", "json"]);
    assert.equal(parsed.string("format"), "json");
    // A misspelt name in the code would otherwise read as "not given".
    assert.throws(() => parsed.string("fromat"), /--fromat is not an option of this command/);
    assert.throws(() => parsed.flag("mentors"), /--mentors is not an option/);
  });

  it("is what the command prints, for the main help and each command", () => {
    const main = spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" });
    assert.equal(main.status, 0);
    assert.equal(main.stdout, mainHelpText());
    for (const definition of COMMANDS) {
      const r = spawnSync(process.execPath, [cli, definition.name, "--help"], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, helpText(definition));
    }
  });

  it("reads the help the way the checks above need", () => {
    // Made-up help text: the readers must see short forms, values and choices, or the checks are empty.
    const sample =
      "Usage: x\n\nOptions:\n  -o, --output <file>  where\n" +
      "  --format <f>         how:\n" +
      "                         a     one (default)\n" +
      "                         b     two\n" +
      "  --quiet              hush\n\nAfter.";
    assert.deepEqual(documentedOptions(sample), [
      { long: "output", short: "o", takesValue: true },
      { long: "format", takesValue: true },
      { long: "quiet", takesValue: false },
    ]);
    assert.deepEqual(documentedChoices(sample, "format"), ["a", "b"]);
  });
});
