/** The package's name and version, read once from its own `package.json`. */
import { createRequire } from "node:module";

export const PACKAGE = "eleventy-plugin-mentor-directory";

const require = createRequire(import.meta.url);
const manifest = require(`${PACKAGE}/package.json`) as { version: string; "11ty": { compatibility: string } };

export const VERSION: string = manifest.version;
/** The Eleventy versions this package works with (`package.json`'s `11ty.compatibility`). */
export const ELEVENTY_COMPATIBILITY: string = manifest["11ty"].compatibility;
