/**
 * A build that never stops writing its cache, to be killed by the test at a random moment:
 * `node --import tsx test/faults/cache-writer.ts <folder>`. Each round changes one member file,
 * loads the team with the cache in `<folder>/.cache` and writes it, then prints `saved`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { setImmediate as tick } from "node:timers/promises";
import { TeamStore } from "../../plugin/team/pipeline/team-store.js";

const dir = process.argv[2] as string;
for (let round = 0; ; round += 1) {
  writeFileSync(path.join(dir, "team_members/person/w/writer.yml"), `name: Round ${round}\npicture: w.jpg\nmentor: ${round % 2 === 0}\n`);
  await new TeamStore(["team_members"], { cwd: dir, cacheDir: ".cache" }).load();
  await tick();
  process.stdout.write("saved\n");
}
