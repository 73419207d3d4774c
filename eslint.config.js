// Lint: typescript-eslint's strict, type-checked rules over the TypeScript (sources, tests and
// scripts, through tsconfig.check.json), and ESLint's recommended rules over the plain JavaScript.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import regexp from "eslint-plugin-regexp";

export default tseslint.config(
  {
    ignores: ["dist/", "_site/", "node_modules/", ".cache/", "bench/work/", "bench/results/", "test/fixtures/", "test/artifacts/", "data/"],
  },
  js.configs.recommended,
  {
    // Team files are untrusted: a pattern that backtracks on them stalls the gate and every reader's search.
    files: ["plugin/**/*.{ts,js}", "shortcodes/**/*.ts", "bench/**/*.js", "scripts/**/*.ts"],
    ...regexp.configs["flat/recommended"],
  },
  {
    files: ["plugin/**/*.{ts,js}", "shortcodes/**/*.ts", "bench/**/*.js", "scripts/**/*.ts"],
    rules: {
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
    },
  },
  {
    files: ["**/*.ts"],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { project: "./tsconfig.check.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers belong in messages ("line 3", "2 mentors"); objects, undefined and null still do not.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `() => run()` in a callback is not read as a value.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
    },
  },
  {
    // A function longer than a screen mixes jobs: split it into named pieces.
    files: ["plugin/**/*.ts", "shortcodes/**/*.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // A test indexes what it has just asserted; a wrong `!` fails the test that made it.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    files: ["plugin/assets/**/*.js"],
    languageOptions: { globals: globals.browser, sourceType: "module" },
  },
  {
    files: ["bench/**/*.js", ".eleventy.js", "eslint.config.js"],
    languageOptions: { globals: globals.node, sourceType: "module" },
  },
);
