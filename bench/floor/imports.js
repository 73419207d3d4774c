// Floor of the stack the plugin must load: the Markdown pipeline, the HTML parser and sanitizer, and
// ajv with the schema compiled. Nothing is run.
import fs from "node:fs";

await Promise.all(
  [
    "unified",
    "remark-parse",
    "remark-gfm",
    "remark-rehype",
    "rehype-raw",
    "rehype-stringify",
    "hast-util-from-html",
    "hast-util-sanitize",
    "hast-util-to-html",
    "js-yaml",
  ].map((m) => import(m)),
);
const { Ajv2020 } = await import("ajv/dist/2020.js");
const schema = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true, validateSchema: false });
ajv.addFormat("date", { type: "string", validate: () => true }); // the schema's one format; its check is not the cost
ajv.compile(schema);
