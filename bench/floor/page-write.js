// Floor of writing the team page as Eleventy writes any page: a string made from the page's parts
// (here its cards, cut at each `</li>`), then `fs.writeFileSync`. Prints the median of five, in ms.
import fs from "node:fs";

const [page, out] = process.argv.slice(2);
const parts = fs.readFileSync(page, "utf8").split("</li>");
const ms = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  fs.writeFileSync(out, parts.join("</li>"));
  ms.push(performance.now() - start);
}
process.stdout.write(String(ms.sort((a, b) => a - b)[2]));
