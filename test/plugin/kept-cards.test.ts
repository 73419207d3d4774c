import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createHmac } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import { requireBuiltCli, root, twoPageProject } from "../faults/helpers.js";
import { readFrame, writeFrame } from "../../plugin/team/cache/frame-file.js";
import { packFragments, unpackFragments, type PackedFragments } from "../../shortcodes/packed-fragments.js";

const eleventyCli = path.join(root, "node_modules/@11ty/eleventy/cmd.cjs");
const SECRET = "a protected variable of at least 32 characters";

/**
 * Members' cards kept in the cache folder between builds, signed with `cacheSecret`: a build with
 * the secret puts the kept cards in place; a card whose signature does not match (a cache written
 * by a job without the secret) or whose member changed is written again, never used.
 */
/** The cards file's body, as `KeptCards` writes it. */
interface StoredCards {
  keys: string[];
  cards: PackedFragments;
}

describe("kept cards: signed, reused across builds, never forged", function () {
  let project: string;

  const cacheDir = (): string => path.join(project, ".cache/mentor-directory");
  const cardsFile = (): string => {
    const file = readdirSync(cacheDir()).find((name) => name.startsWith("cards-"));
    assert.ok(file, `no cards file in ${readdirSync(cacheDir()).join(", ")}`);
    return path.join(cacheDir(), file);
  };
  const page = (name: string): string => readFileSync(path.join(project, "_site", name), "utf8");

  /** One `eleventy` run; its timings line (the `timings` option's) and whole log. */
  const build = (secret: string | undefined): { timings: string; log: string } => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Eleventy leaves out its usual log (the warnings this test reads) when DEBUG is set.
    delete env["DEBUG"];
    delete env["MENTOR_DIRECTORY_CACHE_SECRET"];
    if (secret !== undefined) env["MENTOR_DIRECTORY_CACHE_SECRET"] = secret;
    const run = spawnSync(process.execPath, [eleventyCli, "--config=eleventy.config.mjs", "--input=src"], {
      cwd: project,
      env,
      encoding: "utf8",
    });
    const log = `${run.stdout}${run.stderr}`;
    assert.equal(run.status, 0, log);
    return { timings: /\[mentor-directory\] timings \(ms\):[^\n]*/.exec(log)?.[0] ?? "", log };
  };

  /**
   * Rewrite the cards file's body with `change`, signed with `secret` (or with the old signature
   * kept). The body is the length of the serialized lists, the lists, and the cards' text; the
   * signature follows it.
   */
  const tamper = (change: (stored: StoredCards) => void, secret?: string): void => {
    const read = readFrame(cardsFile(), "cards");
    assert.ok("payload" in read);
    const signed = read.payload.subarray(0, read.payload.length - 32);
    const length = signed.readUInt32LE(0);
    const lists = deserialize(signed.subarray(4, 4 + length)) as StoredCards;
    const stored: StoredCards = { ...lists, cards: { ...lists.cards, text: signed.subarray(4 + length) } };
    change(stored);
    const { text, ...cards } = stored.cards;
    const body = serialize({ ...stored, cards });
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32LE(body.length);
    const parts = [prefix, body, text];
    const mac = secret === undefined ? read.payload.subarray(-32) : createHmac("sha256", secret).update(Buffer.concat(parts)).digest();
    assert.equal(writeFrame(cardsFile(), "cards", [...parts, mac]), undefined);
  };
  const inject = (stored: StoredCards): void => {
    const card = unpackFragments(stored.cards);
    assert.ok(card, "the cards file unpacks");
    const forged = stored.keys.map((_, at) => {
      const fragment = card(at);
      assert.ok(fragment);
      return { ...fragment, chunks: fragment.chunks.map((chunk) => `<script>alert(1)</script>${chunk}`) };
    });
    stored.cards = packFragments(forged);
  };

  let fresh: { team: string; directory: string; records: string; members: number };

  before(function () {
    requireBuiltCli();
    project = twoPageProject("mentor-kept-cards-", { dataDir: "team_members", showWarnings: false, teamPageUrl: "/team/", timings: true });
    const first = build(SECRET);
    const members = [...page("team/index.html").matchAll(/class="team-member member-card"/g)].length;
    assert.ok(members > 20, `${members} cards`);
    assert.match(first.timings, new RegExp(`team cards ${members}, team sections \\d+, directory cards \\d+`));
    fresh = { team: page("team/index.html"), directory: page("index.html"), records: page("mentors.json"), members };
  });

  after(() => rmSync(project, { recursive: true, force: true }));

  it("a build with the secret puts every kept card and record in place: the same pages and /mentors.json, nothing written", () => {
    const { timings } = build(SECRET);
    // The pages too are written from their kept frames: nothing is rendered anew. The team page's
    // letter sections are put together again from the kept cards, as in any new process.
    assert.match(timings, /written anew: team sections \d+$/);
    assert.equal(page("team/index.html"), fresh.team);
    assert.equal(page("index.html"), fresh.directory);
    assert.equal(page("mentors.json"), fresh.records);
  });

  it("a changed member file: that member's cards are written again, the others kept", () => {
    const file = path.join(project, "team_members/person/b/bmwangi.yml");
    const original = readFileSync(file, "utf8");
    try {
      writeFileSync(file, original.replace(/^role: .*$/m, "role: Chief Listener"));
      const { timings } = build(SECRET);
      assert.match(timings, /team cards 1, team sections \d+, directory cards 1,/);
      assert.match(page("team/index.html"), /Chief Listener/);
    } finally {
      writeFileSync(file, original);
    }
    build(SECRET);
    assert.equal(page("team/index.html"), fresh.team);
  });

  for (const [name, secret] of [
    ["with the old signature kept", undefined],
    ["signed with another secret", "another secret, of at least 32 characters"],
  ] as const) {
    it(`a forged cards file (HTML changed, ${name}) is ignored with a warning, and every card written again`, () => {
      tamper(inject, secret);
      const { timings, log } = build(SECRET);
      assert.match(
        log,
        /the members' kept cards in \.cache\/mentor-directory\/cards-[0-9a-f]+\.v8 are not signed with this build's secret/,
      );
      assert.match(timings, new RegExp(`team cards ${fresh.members}, team sections \\d+, directory cards`));
      assert.doesNotMatch(page("team/index.html"), /<script>alert/);
      assert.equal(page("team/index.html"), fresh.team);
      assert.equal(page("index.html"), fresh.directory);
    });
  }

  it("a damaged cards file is named as such, ignored, and written again", () => {
    const bytes = readFileSync(cardsFile());
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    writeFileSync(cardsFile(), bytes);
    const { timings, log } = build(SECRET);
    assert.match(log, /the members' kept cards \.cache\/mentor-directory\/cards-[0-9a-f]+\.v8 is damaged/);
    assert.match(timings, new RegExp(`team cards ${fresh.members}, team sections \\d+, directory cards`));
    assert.equal(page("team/index.html"), fresh.team);
    assert.doesNotMatch(build(SECRET).log, /damaged/);
  });

  it("without the secret, no card is kept on disk or read from it", () => {
    rmSync(cacheDir(), { recursive: true, force: true });
    const { timings } = build(undefined);
    assert.ok(!readdirSync(cacheDir()).some((name) => name.startsWith("cards-")), "no cards file written");
    assert.match(timings, /team cards \d+/);
    build(SECRET);
    tamper(inject, SECRET);
    // A build without the secret does not read the cards, even a forged one signed correctly.
    build(undefined);
    assert.doesNotMatch(page("team/index.html"), /<script>alert/);
    assert.equal(page("team/index.html"), fresh.team);
    // The signature is all that guards the cards: whoever holds the secret can write any card.
    build(SECRET);
    assert.match(page("team/index.html"), /<script>alert/);
  });
});
