// Floor of a warm load: list the letter folders, lstat every file, deserialize the cache file. Nothing else.
import fs from "node:fs";
import path from "node:path";
import { deserialize } from "node:v8";

const [team, cacheFile] = process.argv.slice(2);
const root = path.join(team, "person");
let stats = 0;
for (const letter of fs.readdirSync(root)) {
  for (const name of fs.readdirSync(path.join(root, letter))) stats += fs.lstatSync(path.join(root, letter, name)).isFile() ? 1 : 0;
}
deserialize(fs.readFileSync(cacheFile));
process.stdout.write(String(stats));
