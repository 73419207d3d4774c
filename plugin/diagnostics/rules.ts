/**
 * One shape for every rule, whatever it checks (team files, application files, pages), and the set
 * of one kind's rules: looked up by id, listed by `--help`, tabled in the README. The ids are a
 * type, so a problem reported under a rule its set does not hold does not compile.
 */
import type { Severity } from "./index.js";

interface Rule<Id extends string = string> {
  readonly id: Id;
  /** How a problem is reported unless the place that reports it says otherwise. */
  readonly severity: Severity;
  /** What the rule checks, in a line. */
  readonly summary: string;
  /** A line that breaks the rule, and what to write instead. */
  readonly example: { readonly wrong: string; readonly right: string };
}

/** A rule in one call: its id, severity, what it checks, then a line that breaks it and what to write instead. */
export function rule<Id extends string>(id: Id, severity: Severity, summary: string, wrong: string, right: string): Rule<Id> {
  return Object.freeze({ id, severity, summary, example: Object.freeze({ wrong, right }) });
}

/** A README table cell: pipes escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** A line of a file is shown as code; a description of one, in parentheses, as text. */
function sample(text: string): string {
  return text.startsWith("(") ? cell(text) : `\`${cell(text)}\``;
}

/** The rules of one kind, in the order they are listed; each id once. */
export class RuleSet<Id extends string = string> {
  readonly rules: readonly Rule<Id>[];
  readonly #byId: ReadonlyMap<string, Rule<Id>>;

  constructor(rules: readonly Rule<Id>[]) {
    this.rules = Object.freeze([...rules]);
    this.#byId = new Map(rules.map((r) => [r.id, r]));
    if (this.#byId.size !== rules.length) throw new Error(`a rule id is listed twice: ${rules.map((r) => r.id).join(", ")}`);
  }

  /** The rule of `id`, if it is one of these. */
  get(id: string): Rule<Id> | undefined {
    return this.#byId.get(id);
  }

  /** These rules, then `more`. */
  with<More extends string>(more: readonly Rule<More>[]): RuleSet<Id | More> {
    return new RuleSet<Id | More>([...this.rules, ...more]);
  }

  /** The README's table of these rules, one row per rule. */
  markdown(): string {
    return [
      "| rule | severity | checks | for example |",
      "|---|---|---|---|",
      ...this.rules.map(
        (r) => `| \`${r.id}\` | ${r.severity} | ${cell(r.summary)} | ${sample(r.example.wrong)} → ${sample(r.example.right)} |`,
      ),
    ].join("\n");
  }

  /** The rules as `--help` lists them: id, severity, what each checks. */
  help(): string {
    const width = Math.max(...this.rules.map((r) => r.id.length)) + 2;
    return this.rules.map((r) => `  ${r.id.padEnd(width)}${r.severity.padEnd(9)}${r.summary}`).join("\n");
  }
}

/** The ids of a rule set, as a type. */
export type RuleId<Set> = Set extends RuleSet<infer Id> ? Id : never;
