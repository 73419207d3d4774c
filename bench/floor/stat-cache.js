// Floor of a warm load: list the letter folders, lstat every file, deserialize the cache file. Nothing else.
// The file is framed (an 8-byte tag, the payload's 64-bit length, its CRC-32); the payload is the
// index's 32-bit length, the index, then the entries' data, each a V8 serialization.
import fs from "node:fs";
import path from "node:path";
import { deserialize } from "node:v8";

const [team, cacheFile] = process.argv.slice(2);
const root = path.join(team, "person");
let stats = 0;
for (const letter of fs.readdirSync(root)) {
  for (const name of fs.readdirSync(path.join(root, letter))) stats += fs.lstatSync(path.join(root, letter, name)).isFile() ? 1 : 0;
}
const FRAME_HEADER_BYTES = 8 + 8 + 4;
const payload = fs.readFileSync(cacheFile).subarray(FRAME_HEADER_BYTES);
const indexEnd = 4 + payload.readUInt32LE(0);
deserialize(payload.subarray(4, indexEnd));
deserialize(payload.subarray(indexEnd));
process.stdout.write(String(stats));
