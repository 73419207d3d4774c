// Floor of loading a team: list the letter folders, read every file, parse it with js-yaml. Nothing else.
import fs from "node:fs";
import path from "node:path";
import { CORE_SCHEMA, load } from "js-yaml";

const root = path.join(process.argv[2], "person");
let parsed = 0;
for (const letter of fs.readdirSync(root)) {
  for (const name of fs.readdirSync(path.join(root, letter))) {
    load(fs.readFileSync(path.join(root, letter, name), "utf8"), { schema: CORE_SCHEMA });
    parsed += 1;
  }
}
process.stdout.write(String(parsed));
