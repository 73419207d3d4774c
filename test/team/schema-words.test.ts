// Schema errors in a contributor's words: no "array", "mapping" or `departments[1]`, and always a hint.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dateProblem, isCalendarDate } from "../../plugin/team/check/dates.js";
import { validateTeam } from "../../plugin/team/pipeline/team-store.js";
import { fieldWords, typeWords, valueWords } from "../../plugin/team/check/words.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const validate = path.join(here, "../fixtures/validate");
const bad = path.join(here, "../fixtures/bad");
const JARGON = /\b(?:array|mapping|object|string|instance|schema)\b|`?\w+\[\d+\]`?|must match|must be equal/i;

async function diagnosticsOf(dir: string) {
  return (await validateTeam(["team_members"], { cwd: dir })).diagnostics;
}

describe("schema messages: words", () => {
  it("names items and sub-fields as a reader finds them", () => {
    assert.equal(fieldWords(["expertise", 0]), "the first item of `expertise`");
    assert.equal(fieldWords(["departments", 11]), "item 12 of `departments`");
    assert.equal(fieldWords(["borrow", "end_date"]), "`end_date` under `borrow`");
    assert.equal(fieldWords(["projects", "web", 2]), "the third item of `web` under `projects`");
  });

  it("names types and values without programming words", () => {
    assert.equal(typeWords(["string", "array", "null"], true), "text, a list of words or empty");
    assert.equal(typeWords(["object", "null"], false), "a field with sub-fields or empty");
    assert.equal(valueWords({ name: "Ruby" }), "a field with sub-fields (`name: …`)");
    assert.equal(valueWords(["a"]), "a list");
  });

  for (const [dir, name] of [
    ...readdirSync(validate)
      .filter((n) => n.startsWith("schema-") || n.startsWith("mentor-"))
      .map((n) => [validate, n] as const),
    ...["wrong-types", "wrong-types-nested", "wrong-type-name"].map((n) => [bad, n] as const),
  ]) {
    it(`${name}: every schema error reads plainly and has a hint`, async () => {
      const found = (await diagnosticsOf(path.join(dir, name))).filter(
        (d) => d.rule.startsWith("schema-") || d.rule === "mentor-not-boolean",
      );
      assert.ok(found.length > 0);
      for (const d of found) {
        assert.doesNotMatch(d.message, JARGON, d.message);
        assert.ok(d.hint && d.hint.length > 8, `${d.rule} at ${d.line}:${d.column} has a hint`);
      }
    });
  }

  it("`expertise` written as `- name: Ruby` says which item and shows both forms that work", async () => {
    const [d] = (await diagnosticsOf(path.join(bad, "wrong-types-nested"))).filter((x) => x.field === "expertise[0]");
    assert.equal(d?.message, "The first item of `expertise` must be text, not a field with sub-fields (`topic: …`)");
    assert.match(d.hint ?? "", /without `topic:`/);
    assert.match(d.hint ?? "", /\nexpertise:\n {2}- Ruby on Rails\n {2}- Remote work\n/);
    assert.match(d.hint ?? "", /\nexpertise: \|\n {2}<li>Ruby on Rails<\/li>\n {2}<li>Remote work<\/li>$/);
  });
});

describe("dates are real dates", () => {
  it("tells a wrong form from a day that does not exist", () => {
    assert.equal(dateProblem("03/15/2021"), "form");
    assert.equal(dateProblem("2023-13-45"), "there is no month 13");
    assert.equal(dateProblem("2021-02-30"), "February 2021 has 28 days");
    assert.equal(dateProblem("2023-04-31"), "April 2023 has 30 days");
    assert.equal(dateProblem("2022-04-00"), "there is no day 0");
    assert.equal(dateProblem("2024-02-29"), undefined, "a leap day");
    assert.equal(isCalendarDate("1900-02-29"), false, "1900 was not a leap year");
    assert.equal(isCalendarDate("2000-02-29"), true);
  });

  it("an impossible date in a file is an error at its value, with the expected form", async () => {
    const found = await diagnosticsOf(path.join(validate, "schema-format"));
    const mmonth = found.find((d) => d.file.endsWith("mmonth.yml"));
    assert.deepEqual([mmonth?.rule, mmonth?.line, mmonth?.column], ["schema-format", 3, 13]);
    assert.equal(mmonth?.message, '`start_date` is the text "2023-13-45", which is not a real date: there is no month 13');
    assert.equal(mmonth.hint, "write a date that exists, as year-month-day, e.g. `start_date: 2021-03-15`");
    const leap = found.find((d) => d.file.endsWith("lleap.yml"));
    assert.equal(leap?.field, "borrow.end_date", "a leap day in a leap year is fine; in another year it is not");
    assert.equal(found.filter((d) => d.file.endsWith("lleap.yml")).length, 1);
  });
});
