import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  inspectPage,
  MarkdownRenderError,
  renderMarkdown,
  type RenderedPage,
  type RenderMarkdownOptions,
} from "../../plugin/markdown/index.js";
import type { PageFrameStore } from "../../shortcodes/kept-cards.js";
import { startTimings, stopTimings } from "../../plugin/diagnostics/timings.js";
import { buildDirectory, type Member } from "../../plugin/team/model/directory.js";
import { parseExpertise } from "../../plugin/team/model/expertise.js";
import { resolveLabels } from "../../plugin/text/labels.js";
import { groupByExpertise } from "../../shortcodes/group-by-expertise.js";
import { createShortcodeRegistry } from "../../shortcodes/registry.js";
import { ShortcodeUsageError, type ShortcodeContext, type ShortcodeDefinition } from "../../shortcodes/types.js";
import { youtube } from "../../shortcodes/youtube.js";
import { note } from "../fixtures/markdown/shortcodes.js";

// The reference page: a directory between two videos, a table of contents, headings given ids.
const page = readFileSync(new URL("../fixtures/markdown/reference/mentoring.md", import.meta.url), "utf8");
const pageUrl = "/handbook/people-group/learning-and-development/mentor/";

function member(slug: string, role: string, expertise = "<li>Ruby</li>", name = slug.toUpperCase()): Member {
  return {
    slug,
    type: "person",
    file: `data/team_members/person/${slug[0]}/${slug}.yml`,
    name,
    role,
    mentor: true,
    departments: [],
    expertise: parseExpertise(expertise),
    data: { mentor: true },
  };
}

const TEAM = [member("ada", "Backend Engineer"), member("grace", '<a href="/job-families/engineering/">Staff Engineer</a>', "<li>Go</li>")];

function contextOf(members: readonly Member[], extra: Partial<ShortcodeContext> = {}): ShortcodeContext {
  return { directory: buildDirectory(members), teamPageUrl: "/company/team/", upstreamUrl: "https://handbook.gitlab.com", ...extra };
}

/** A registry of its own, so that no other test's render of the page left a frame in it. */
function freshRegistry(...more: ShortcodeDefinition[]): ReadonlyMap<string, ShortcodeDefinition> {
  return createShortcodeRegistry([groupByExpertise, youtube, ...more]);
}

function options(
  shortcodes: ReadonlyMap<string, ShortcodeDefinition>,
  context: ShortcodeContext,
  extra: Partial<RenderMarkdownOptions> = {},
) {
  return { file: "mentoring.md", shortcodes, context, pageUrl, checkAnchors: false, ...extra };
}

/** The "written anew" part of the timings of `render`, "" when nothing was. */
function writtenBy(render: () => RenderedPage): { page: RenderedPage; written: string } {
  startTimings();
  try {
    const rendered = render();
    return { page: rendered, written: /written anew: (.*)$/.exec(stopTimings()?.format() ?? "")?.[1] ?? "" };
  } finally {
    stopTimings();
  }
}

/**
 * The page rendered with `before`, then with `after` in the same registry (where the frame of the
 * first render is kept), beside a render with `after` alone: the second render must equal it.
 */
function renderAgain(
  before: Partial<RenderMarkdownOptions> & { context: ShortcodeContext },
  after: Partial<RenderMarkdownOptions> & { context: ShortcodeContext },
  text = page,
  more: ShortcodeDefinition[] = [],
): { first: RenderedPage; second: RenderedPage; written: string } {
  const shared = freshRegistry(...more);
  const first = renderMarkdown(text, options(shared, before.context, before));
  const { page: second, written } = writtenBy(() => renderMarkdown(text, options(shared, after.context, after)));
  const alone = renderMarkdown(text, options(freshRegistry(...more), after.context, after));
  assert.deepEqual(second, alone, "the render from the frame differs from a render without it");
  return { first, second, written };
}

describe("markdown: a page rendered once per text, its outputs written into its frame", () => {
  it("a mentor's role edited: the page is written from its frame, as a render through every step writes it", () => {
    const edited = [member("ada", "Principal Engineer"), TEAM[1] as Member];
    const { first, second, written } = renderAgain({ context: contextOf(TEAM) }, { context: contextOf(edited) });
    assert.doesNotMatch(written, /pages/);
    assert.notEqual(first.html, second.html);
    assert.match(second.html, /Principal Engineer/);
  });

  it("a mentor renamed (their card moves in the directory): written from the frame, the page's ids in their new order", () => {
    const team = [...TEAM, member("alan", "Mathematician", "<li>Go</li>")];
    const renamed = [member("ada", "Backend Engineer", "<li>Ruby</li>", "Zelda Ada"), ...team.slice(1)];
    const plain = { toc: false, headingIds: false };
    const { first, second, written } = renderAgain({ context: contextOf(team), ...plain }, { context: contextOf(renamed), ...plain });
    assert.doesNotMatch(written, /pages/);
    assert.notDeepEqual(first.ids, second.ids, "the ids moved with the card");
    // With heading ids, the page gives the card's heading (the name) an id: rendered again.
    assert.match(renderAgain({ context: contextOf(team) }, { context: contextOf(renamed) }).written, /pages 1$/);
  });

  it("renders the page through every step the first time", () => {
    const { written } = writtenBy(() => renderMarkdown(page, options(freshRegistry(), contextOf(TEAM))));
    assert.match(written, /pages 1$/);
  });

  it("a mentor added (new ids in the directory): rendered through every step", () => {
    const { second, written } = renderAgain(
      { context: contextOf(TEAM) },
      { context: contextOf([...TEAM, member("linus", "Kernel Hacker")]) },
    );
    assert.match(written, /pages 1$/);
    assert.match(second.html, /Kernel Hacker/);
  });

  it("a skill renamed (another heading in the directory): rendered through every step", () => {
    const renamed = [TEAM[0] as Member, member("grace", "Staff Engineer", "<li>Rust</li>")];
    const { written } = renderAgain({ context: contextOf(TEAM) }, { context: contextOf(renamed) });
    assert.match(written, /pages 1$/);
  });

  it("the site answering otherwise about a path it links to: rendered again, the link rewritten", () => {
    const local = (answer: boolean) => (pathname: string) => pathname === pageUrl || (answer && pathname.startsWith("/handbook/"));
    const { first, second, written } = renderAgain(
      { context: contextOf(TEAM), isLocalPath: local(false) },
      { context: contextOf(TEAM), isLocalPath: local(true) },
    );
    assert.match(written, /pages 1$/);
    assert.notEqual(first.html, second.html);
  });

  it("other settings (no table of contents, other words): rendered again", () => {
    const team = contextOf(TEAM);
    assert.match(renderAgain({ context: team }, { context: team, toc: false }).written, /pages 1$/);
    // The videos' titles are the page's words: written into the frame, not into its outputs.
    const words = contextOf(TEAM, { labels: resolveLabels({ videoTitle: "Vidéo YouTube" }) });
    const { first, second, written } = renderAgain({ context: team }, { context: words });
    assert.match(written, /pages 1/);
    assert.notEqual(first.html, second.html);
  });

  it("never replays a page with a paired shortcode, whose content renders before it", () => {
    const text = `${page}\n\n{{< note >}}\nA note.\n{{< /note >}}\n`;
    const edited = [member("ada", "Principal Engineer"), TEAM[1] as Member];
    const { written } = renderAgain({ context: contextOf(TEAM) }, { context: contextOf(edited) }, text, [note]);
    assert.match(written, /pages 1$/);
  });

  it("a shortcode failing on the second render fails the render, frame or not", () => {
    const picky: ShortcodeDefinition = {
      name: "picky",
      templateName: "picky",
      paired: false,
      usage: "{{< picky >}}",
      render(_args, context) {
        if (context.teamPageUrl === "") throw new ShortcodeUsageError("needs a team page", "Set teamPageUrl.");
        return [];
      },
    };
    const text = `${page}\n\n{{< picky >}}\n`;
    const shared = freshRegistry(picky);
    renderMarkdown(text, options(shared, contextOf(TEAM)));
    assert.throws(
      () => renderMarkdown(text, options(shared, contextOf(TEAM, { teamPageUrl: "" }))),
      (error: unknown) => error instanceof MarkdownRenderError && /needs a team page/.test(error.message),
    );
  });

  describe("kept between processes", () => {
    /** A store that gives back what it was given, as the signed cards file does. */
    function memoryStore(): PageFrameStore & { texts: Map<string, string> } {
      const texts = new Map<string, string>();
      return { texts, frame: (key) => texts.get(key), keepFrame: (key, text) => texts.set(key, text) };
    }

    it("a later process writes the page from the kept frame, as a render through every step writes it", () => {
      const frames = memoryStore();
      renderMarkdown(page, { ...options(freshRegistry(), contextOf(TEAM)), frames });
      assert.equal(frames.texts.size, 1);
      // Another process: another registry, nothing in memory; a role edited meanwhile.
      const later = freshRegistry();
      const edited = [member("ada", "Principal Engineer"), TEAM[1] as Member];
      const { page: again, written } = writtenBy(() => {
        assert.deepEqual(inspectPage(page, later, false, frames), { callsShortcode: true, templateSyntax: undefined });
        return renderMarkdown(page, { ...options(later, contextOf(edited)), frames });
      });
      assert.doesNotMatch(written, /pages/);
      assert.deepEqual(again, renderMarkdown(page, options(freshRegistry(), contextOf(edited))));
    });

    it("renders after the first in a later process compare with the kept frame as in the process that made it", () => {
      const frames = memoryStore();
      renderMarkdown(page, { ...options(freshRegistry(), contextOf(TEAM)), frames });
      const later = freshRegistry();
      const render = (team: readonly Member[]): { page: RenderedPage; written: string } =>
        writtenBy(() => renderMarkdown(page, { ...options(later, contextOf(team)), frames }));
      // From the kept frame; then, in the same process (watch mode), an edit and a mentor added.
      const edited = [member("ada", "Principal Engineer"), TEAM[1] as Member];
      assert.doesNotMatch(render(edited).written, /pages/);
      const editedAgain = [member("ada", "Distinguished Engineer"), TEAM[1] as Member];
      const again = render(editedAgain);
      assert.doesNotMatch(again.written, /pages/);
      assert.deepEqual(again.page, renderMarkdown(page, options(freshRegistry(), contextOf(editedAgain))));
      const grown = [...editedAgain, member("alan", "Mathematician", "<li>Go</li>")];
      const added = render(grown);
      assert.match(added.written, /pages 1$/);
      assert.deepEqual(added.page, renderMarkdown(page, options(freshRegistry(), contextOf(grown))));
    });

    it("a member renamed between processes (the output's ids in another order): rendered through every step", () => {
      const frames = memoryStore();
      const plain = { toc: false, headingIds: false, frames };
      const team = [...TEAM, member("alan", "Mathematician", "<li>Go</li>")];
      renderMarkdown(page, { ...options(freshRegistry(), contextOf(team)), ...plain });
      const renamed = [member("ada", "Backend Engineer", "<li>Ruby</li>", "Zelda Ada"), ...team.slice(1)];
      const { page: again, written } = writtenBy(() => renderMarkdown(page, { ...options(freshRegistry(), contextOf(renamed)), ...plain }));
      assert.match(written, /pages 1$/);
      assert.deepEqual(again, renderMarkdown(page, { ...options(freshRegistry(), contextOf(renamed)), toc: false, headingIds: false }));
    });

    it("a frame of another shape in the store: the page is parsed and rendered as if none were kept", () => {
      const frames = memoryStore();
      renderMarkdown(page, { ...options(freshRegistry(), contextOf(TEAM)), frames });
      const [key] = [...frames.texts.keys()];
      for (const text of ["not json", "[]", JSON.stringify({ calls: [], shapes: [1], paths: [], pieces: [] })]) {
        frames.texts.set(key as string, text);
        const { page: again, written } = writtenBy(() => renderMarkdown(page, { ...options(freshRegistry(), contextOf(TEAM)), frames }));
        assert.match(written, /pages 1$/, text);
        assert.deepEqual(again, renderMarkdown(page, options(freshRegistry(), contextOf(TEAM))));
      }
    });
  });
});
