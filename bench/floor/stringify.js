// Floor of writing a page: hast-util-to-html over the tree of a built page (the tree comes from
// parsing the page; only serializing it is timed). Prints the median of five, in ms.
import fs from "node:fs";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";

const tree = fromHtml(fs.readFileSync(process.argv[2], "utf8"));
const ms = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  toHtml(tree);
  ms.push(performance.now() - start);
}
process.stdout.write(String(ms.sort((a, b) => a - b)[2]));
