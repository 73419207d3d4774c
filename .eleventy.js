// The handbook site built with the compiled plugin (run `npm run compile` first; `npm run build` does).
// The plugin's defaults are neutral; this site is GitLab's handbook, so it asks for the handbook
// behaviour: Hugo heading ids, a table of contents, links to pages it lacks sent to the upstream
// handbook, fillable goal matrices, and a build that fails on a link to a missing id.
import { mentorDirectory } from "./dist/bundle/index.js";

export default function (eleventyConfig) {
  eleventyConfig.addPlugin(mentorDirectory, {
    dataDir: "data/team_members",
    upstreamUrl: "https://handbook.gitlab.com",
    teamPageUrl: "/company/team/",
    mentoringPageUrl: "/handbook/people-group/learning-and-development/mentor/",
    headingIds: true,
    toc: true,
    fillableTables: true,
    anchorCheck: "error",
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
