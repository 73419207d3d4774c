// Writes data/schema/team-member.validator.cjs from the schema (see plugin/team/check/schema-code.ts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { VALIDATOR_FILE, validatorSource } from "../plugin/team/check/schema-code.js";
import { schemaPath } from "../plugin/team/read/schema-file.js";

const target = path.join(path.dirname(schemaPath), VALIDATOR_FILE);
writeFileSync(target, validatorSource(readFileSync(schemaPath, "utf8")));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
