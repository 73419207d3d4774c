// A strict TypeScript consumer of the package: no Node types, no skipLibCheck.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const tsc = path.join(path.dirname(fileURLToPath(import.meta.url)), "../node_modules/typescript/bin/tsc");

/** Write `source` as `consumer.ts` in `project` with a strict config, and type-check it (throws on errors). */
export function typeCheckConsumer(project: string, source: string): void {
  writeFileSync(path.join(project, "consumer.ts"), source);
  writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2022",
        types: [],
        skipLibCheck: false,
      },
      files: ["consumer.ts"],
    }),
  );
  execFileSync(process.execPath, [tsc, "-p", project], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}
