// The handbook site built with the compiled plugin (run `npm run compile` first; `npm run build` does).
import { mentorDirectory } from "./dist/plugin/index.js";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(mentorDirectory, {
    dataDir: "data/team_members",
  });
  eleventyConfig.addPassthroughCopy({ "site/assets": "assets" });
  // Watch mode: rebuild 30 ms after a saved file stops changing (Eleventy waits 150 ms by default).
  eleventyConfig.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 30, pollInterval: 10 } });
}

export const config = {
  // Output is Eleventy's default, `_site`, so that callers may choose another.
  dir: { input: "site", includes: "_includes" },
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
