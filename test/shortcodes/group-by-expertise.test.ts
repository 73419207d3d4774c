import assert from "node:assert/strict";
import type { Element, ElementContent, Root } from "hast";
import fc from "fast-check";
import { fromHtml } from "hast-util-from-html";
import { toHtml } from "hast-util-to-html";
import { toText } from "hast-util-to-text";
import { HtmlValidate } from "html-validate";
import { visit } from "unist-util-visit";
import { buildDirectory, selectMembers, type Member } from "../../plugin/team/model/directory.js";
import { parseExpertise } from "../../plugin/team/model/expertise.js";
import { groupByExpertise, idSafe } from "../../shortcodes/group-by-expertise.js";
import { ShortcodeUsageError, type ShortcodeContext } from "../../shortcodes/types.js";
import { outputTree } from "../../shortcodes/output.js";

interface MemberInit {
  name?: string;
  role?: string;
  mentor?: boolean;
  expertise?: unknown;
  data?: Record<string, unknown>;
}

function member(slug: string, init: MemberInit = {}): Member {
  const mentor = init.mentor ?? false;
  return {
    slug,
    type: "person",
    file: `data/team_members/person/${slug[0]}/${slug}.yml`,
    name: init.name ?? slug,
    role: init.role ?? '<a href="/job-families/engineering/backend-engineer/">Senior Backend Engineer</a>',
    mentor,
    departments: [],
    expertise: parseExpertise(init.expertise),
    data: { mentor, ...init.data },
  };
}

const TEAM = [
  member("jdoe", {
    name: "Jane Doe",
    mentor: true,
    expertise: '<li><a href="/handbook/engineering/">Engineering management</a></li>\n<li>Ruby</li>',
  }),
  member("emile", { name: "Émile Zola", mentor: true }),
  member("remote", { name: "Remy Worker", expertise: "Mentor - Remote Work\nruby" }),
  member("mentoring", { name: "Fan Of Mentoring", expertise: "Mentoring" }),
  member("dots.in.slug", { name: "Dot Slug", mentor: true, expertise: ["Go", "<li>Ruby</li>"] }),
  member("nobody", { name: "Not Listed" }),
  member("dib", {
    name: "Dib Person",
    expertise: "<li>GitLab Diversity, Inclusion &amp; Belonging Advisory Group member</li>",
  }),
];

function contextFor(members: readonly Member[]): ShortcodeContext {
  return {
    directory: buildDirectory(members),
    teamPageUrl: "/company/team/",
    upstreamUrl: "https://handbook.gitlab.com",
  };
}

const CONTEXT = contextFor(TEAM);

function render(argument: string | undefined, context = CONTEXT, named: Record<string, string> = {}): Root {
  const positional = argument === undefined ? [] : [argument];
  return { type: "root", children: outputTree(groupByExpertise.render({ positional, named }, context)) };
}

function all(tree: Root | Element, test: (node: Element) => boolean): Element[] {
  const found: Element[] = [];
  visit(tree, "element", (node) => {
    if (test(node)) found.push(node);
  });
  return found;
}

const byTag = (tree: Root | Element, tagName: string): Element[] => all(tree, (node) => node.tagName === tagName);
const hasClass = (node: Element, name: string): boolean => ([] as unknown[]).concat(node.properties["className"] ?? []).includes(name);
const text = (node: Root | Element | ElementContent): string => toText(node).replace(/\s+/g, " ").trim();

function page(body: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    "<title>Mentoring at GitLab</title>",
    "</head>",
    "<body>",
    "<main>",
    "<h1>Mentoring at GitLab</h1>",
    "<h2>Find a mentor</h2>",
    body,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });

async function assertValid(body: string): Promise<void> {
  const report = await validator.validateString(page(body), "directory.html");
  const messages = report.results.flatMap((result) =>
    result.messages.map((message) => `${message.ruleId}: ${message.message} (line ${message.line})`),
  );
  assert.deepEqual(messages, [], body);
}

describe("group-by-expertise", () => {
  it("is declared for Hugo syntax and templates", () => {
    assert.equal(groupByExpertise.name, "group-by-expertise");
    assert.equal(groupByExpertise.templateName, "groupByExpertise");
    assert.equal(groupByExpertise.paired, false);
    assert.match(groupByExpertise.usage, /\{\{< group-by-expertise "mentor" >\}\}/);
  });

  describe("arguments", () => {
    const usageError = (call: () => unknown, pattern: RegExp, hint?: RegExp): void => {
      assert.throws(call, (error: unknown) => {
        assert.ok(error instanceof ShortcodeUsageError, String(error));
        assert.match(error.message, pattern);
        if (hint) assert.match(error.hint ?? "", hint);
        return true;
      });
    };

    it("requires one argument, with a hint", () => {
      for (const positional of [[], [""], ["   "]]) {
        usageError(
          () => groupByExpertise.render({ positional, named: {} }, CONTEXT),
          /needs one argument/,
          /^\{\{< group-by-expertise "mentor" >\}\}$/,
        );
      }
    });

    it("refuses a second argument", () => {
      usageError(
        () => groupByExpertise.render({ positional: ["Diversity,", "Inclusion"], named: {} }, CONTEXT),
        /one argument, got 2/,
        /"Diversity, Inclusion & Belonging Advisory Group"/,
      );
    });

    it("refuses unknown options and bad ids", () => {
      usageError(() => render("mentor", CONTEXT, { sort: "slug" }), /"sort"/);
      usageError(() => render("mentor", CONTEXT, { id: "1st list" }), /must start with a letter/);
    });
  });

  describe('"mentor"', () => {
    const tree = render("mentor");
    const cards = all(tree, (node) => hasClass(node, "mentor-card"));
    const selected = selectMembers(CONTEXT.directory, "mentor");
    const cardOf = (id: string): Element => cards.find((card) => card.properties["id"] === id)!;

    it("renders one element, the directory, marked for its script", () => {
      assert.equal(tree.children.length, 1);
      const root = tree.children[0] as Element;
      assert.equal(root.tagName, "div");
      assert.deepEqual(root.properties["className"], ["mentor-directory"]);
      // A bare attribute: parsed back from the fragment's HTML, its value is empty.
      assert.equal(root.properties["dataMentorDirectory"], "");
    });

    it("has one card per selected member, in name order", () => {
      assert.equal(cards.length, selected.length);
      assert.deepEqual(
        cards.map((card) => text(byTag(card, "h4")[0]!)),
        selected.map((m) => m.name),
      );
      assert.deepEqual(
        cards.map((card) => text(byTag(card, "h4")[0]!)),
        ["Dot Slug", "Émile Zola", "Jane Doe", "Remy Worker"],
      );
      assert.ok(!cards.some((card) => /Mentoring|Not Listed|Dib/.test(text(card))));
    });

    it("says what matched and how many", () => {
      const summary = text(byTag(tree, "p")[0]!);
      assert.equal(
        summary,
        "4 team members match “mentor”: 3 with mentor: true in their team entry, and 1 more whose expertise mentions “mentor”.",
      );
    });

    it("heads the cards with the count, and labels their region by it", () => {
      const [caption] = all(tree, (node) => hasClass(node, "directory-caption"));
      assert.equal(text(caption!), "Mentors: 4 team members");
      assert.equal(caption!.properties["dataCaptionLabel"], "Mentors");
      const [region] = all(tree, (node) => hasClass(node, "directory-list"));
      assert.deepEqual(region!.properties["ariaLabelledBy"], [caption!.properties["id"]]);
      assert.equal(byTag(tree, "table").length, 0, "no table to scroll sideways");
    });

    it("links names to the team page, resolves roles upstream, lists skills", () => {
      const jane = cardOf("mentor-jdoe");
      const links = byTag(jane, "a").map((a) => [a.properties["href"], text(a)]);
      assert.deepEqual(links, [
        ["/company/team/#jdoe", "Jane Doe"],
        ["https://handbook.gitlab.com/job-families/engineering/backend-engineer/", "Senior Backend Engineer"],
        ["https://handbook.gitlab.com/handbook/engineering/", "Engineering management"],
      ]);
      assert.deepEqual(
        byTag(all(jane, (node) => hasClass(node, "skills"))[0]!, "li").map((li) => text(li)),
        ["Engineering management", "Ruby"],
      );
      assert.equal(jane.properties["dataTopics"], "topic-engineering-management topic-ruby");
    });

    it("shows no skills line for mentors without skills", () => {
      const emile = cardOf("mentor-emile");
      assert.deepEqual(
        all(emile, (node) => hasClass(node, "member-skills") || hasClass(node, "not-listed")),
        [],
      );
      assert.doesNotMatch(text(emile), /Skills:|Not listed/);
      assert.equal(emile.properties["dataTopics"], undefined);
    });

    it("gives valid ids to slugs with dots", () => {
      assert.equal(idSafe("dots.in.slug"), "dots_2e_in_2e_slug");
      assert.notEqual(idSafe("a_b"), idSafe("a.b"));
      const dots = cardOf("mentor-dots_2e_in_2e_slug");
      assert.ok(dots);
      assert.equal(byTag(dots, "a")[0]!.properties["href"], "/company/team/#dots.in.slug");
    });

    it("has topic chips linking to one line of the index per topic, with counts", () => {
      const [nav] = byTag(tree, "nav");
      assert.equal(nav!.properties["ariaLabel"], "Mentor topics");
      const entries = byTag(nav!, "a").map((a) => [a.properties["href"], text(a)]);
      assert.deepEqual(entries, [
        ["#topic-ruby", "Ruby (3)"],
        ["#topic-engineering-management", "Engineering management (1)"],
        ["#topic-go", "Go (1)"],
        ["#topic-remote-work", "Remote Work (1)"],
        ["#Mentors-without-expertise", "No expertise listed (1)"],
      ]);
      for (const [href] of entries) {
        const id = String(href).slice(1);
        const [line] = all(tree, (node) => node.properties["id"] === id);
        assert.ok(line, id);
        assert.equal(byTag(line, "dt").length, 1);
      }
    });

    it("lists the members of each topic once, by name, linking to their card", () => {
      const [ruby] = all(tree, (node) => node.properties["id"] === "topic-ruby");
      assert.equal(text(byTag(ruby!, "dt")[0]!), "Ruby");
      assert.deepEqual(
        byTag(ruby!, "a").map((a) => a.properties["href"]),
        ["#mentor-dots_2e_in_2e_slug", "#mentor-jdoe", "#mentor-remote"],
      );
      const [none] = all(tree, (node) => node.properties["id"] === "Mentors-without-expertise");
      assert.deepEqual(
        byTag(none!, "a").map((a) => text(a)),
        ["Émile Zola"],
      );
    });

    it("has the hooks for the search script", () => {
      const [search] = all(tree, (node) => hasClass(node, "directory-search"));
      assert.equal(search!.properties["hidden"], true, "hidden until the script can make it work");
      const [input] = byTag(search!, "input");
      assert.equal(input!.properties["type"], "search");
      const [label] = byTag(search!, "label");
      assert.deepEqual(label!.properties["htmlFor"], [input!.properties["id"]]);
      const [status] = all(tree, (node) => node.properties["role"] === "status");
      assert.equal(status!.properties["ariaLive"], "polite");
      const [empty] = all(tree, (node) => hasClass(node, "directory-empty"));
      assert.equal(empty!.properties["hidden"], true);
      assert.equal(byTag(empty!, "button").length, 1);
    });

    it("has unique ids, and every fragment link has a target", () => {
      const ids = all(tree, (node) => node.properties["id"] !== undefined).map((node) => String(node.properties["id"]));
      assert.equal(new Set(ids).size, ids.length);
      for (const a of byTag(tree, "a")) {
        const href = String(a.properties["href"]);
        if (href.startsWith("#")) assert.ok(ids.includes(href.slice(1)), href);
      }
    });

    it("is valid under html-validate:recommended", async () => {
      await assertValid(toHtml(tree));
    });
  });

  describe("an expertise topic", () => {
    it("lists members whose expertise contains the phrase", async () => {
      const tree = render("Diversity, Inclusion & Belonging Advisory Group");
      const cards = all(tree, (node) => hasClass(node, "mentor-card"));
      assert.deepEqual(
        cards.map((card) => card.properties["id"]),
        ["mentor-dib"],
      );
      assert.equal(
        text(byTag(tree, "p")[0]!),
        "1 team member lists expertise that mentions “Diversity, Inclusion & Belonging Advisory Group”.",
      );
      assert.equal(
        text(all(tree, (node) => hasClass(node, "directory-caption"))[0]!),
        "Team members matching “Diversity, Inclusion & Belonging Advisory Group”: 1 team member",
      );
      await assertValid(toHtml(tree));
    });

    it("can share a page with the mentor directory when given an id", async () => {
      const mentors = toHtml(render("mentor"));
      const dib = toHtml(render("Diversity, Inclusion & Belonging Advisory Group", CONTEXT, { id: "dib" }));
      assert.match(dib, /id="dib-mentor-dib"/);
      await assertValid(`${mentors}\n${dib}`);
    });
  });

  describe("an empty result", () => {
    it("explains how to become a mentor, without a table", async () => {
      const tree = render("mentor", contextFor([member("a", { name: "A" })]));
      assert.equal(byTag(tree, "table").length, 0);
      assert.equal(byTag(tree, "nav").length, 0);
      assert.match(text(tree), /No team members are available as mentors yet\. To become one, set mentor: true in your team member entry/);
      await assertValid(toHtml(tree));
    });

    it("explains how to be listed for a topic", async () => {
      const tree = render("Kubernetes", contextFor([]));
      assert.equal(byTag(tree, "table").length, 0);
      assert.match(text(tree), /No team members match “Kubernetes” yet\. To be listed here, add it to the expertise/);
      await assertValid(toHtml(tree));
    });

    it("lists mentors without any expertise, without a topic index", async () => {
      const tree = render("mentor", contextFor([member("a", { name: "A", mentor: true })]));
      assert.equal(byTag(tree, "nav").length, 0);
      assert.equal(all(tree, (node) => hasClass(node, "directory-index")).length, 0);
      assert.equal(all(tree, (node) => hasClass(node, "mentor-card")).length, 1);
      assert.equal(text(all(tree, (node) => hasClass(node, "directory-caption"))[0]!), "Mentors: 1 team member");
      await assertValid(toHtml(tree));
    });
  });

  describe("hostile data", () => {
    const hostile = contextFor([
      member("evil", {
        name: '<script>alert("name")</script><img src=x onerror=alert(1)>',
        mentor: true,
        role:
          '<a href="javascript:alert(1)" onclick="alert(2)">Engineer</a><script>alert(3)</script>' +
          '<svg onload=alert(4)></svg><p style="x">Manager</p>',
        expertise:
          '<li><a href="javascript:alert(5)">JS</a></li><li><a href="data:text/html,x">Data</a></li>' +
          "<li><img src=x onerror=alert(6)>Images</li><li><a href=”https://example.com/ok”>Curly</a></li>",
      }),
      member("bidi", { name: "\u202Eevil\u202C Bidi", mentor: true, role: "" }),
      member("blank", { name: "  \u200B ", mentor: true }),
    ]);
    const tree = render("mentor", hostile);
    const html = toHtml(tree);
    const reparsed = fromHtml(html, { fragment: true });

    it("escapes names and keeps roles and expertise to safe markup", () => {
      const forbidden = all(
        reparsed,
        (node) =>
          ["script", "img", "svg", "style", "iframe"].includes(node.tagName) ||
          (node.tagName === "p" && node.properties["className"] === undefined),
      );
      assert.deepEqual(
        forbidden.map((node) => node.tagName),
        [],
      );
      visit(reparsed, "element", (node) => {
        for (const name of Object.keys(node.properties)) assert.doesNotMatch(name, /^on|^style$/i);
        const href = node.properties["href"];
        if (typeof href === "string") assert.doesNotMatch(href, /^(javascript|data|vbscript):/i);
      });
      assert.match(html, /&#x3C;script>alert\("name"\)&#x3C;\/script>/);
      const card = all(reparsed, (node) => node.properties["id"] === "mentor-evil")[0]!;
      assert.equal(text(all(card, (node) => hasClass(node, "member-role"))[0]!), "Engineer Manager");
      const skills = all(card, (node) => hasClass(node, "skills"))[0]!;
      assert.deepEqual(
        byTag(skills, "li").map((li) => text(li)),
        ["JS", "Data", "Images", "Curly"],
      );
      assert.deepEqual(
        byTag(skills, "a").map((a) => a.properties["href"]),
        ["https://example.com/ok"],
      );
    });

    it("removes direction-changing characters and never renders an empty name", () => {
      const names = byTag(reparsed, "h4").map((h4) => text(h4));
      assert.ok(names.includes("evil Bidi"), names.join(" | "));
      assert.ok(names.includes("blank"), names.join(" | "));
    });

    it("is still valid HTML", async () => {
      await assertValid(html);
    });
  });

  describe("properties", () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="/job-families/x">Role</a>',
        "<li><a href=”https://x.example/”>Topic</a>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "Mentor - Remote Work",
        "mentoring",
        "\u202E\u200B",
        "a\n\nb  ",
      ),
    );
    const arbitraryMember = fc.record({
      slug: fc.stringMatching(/^[a-z][a-z0-9.-]{1,12}$/),
      name: anyText,
      role: anyText,
      mentor: fc.boolean(),
      expertise: fc.oneof(anyText, fc.array(anyText, { maxLength: 3 }), fc.constant(null)),
    });
    const arbitraryTeam = fc
      .uniqueArray(arbitraryMember, { selector: (m) => m.slug, maxLength: 8 })
      .map((records) => records.map((record) => member(record.slug, record)));

    it("never throws and never renders unsafe markup", () => {
      fc.assert(
        fc.property(arbitraryTeam, fc.constantFrom("mentor", "ruby", "Remote Work"), (team, argument) => {
          const html = toHtml(render(argument, contextFor(team)));
          const reparsed = fromHtml(html, { fragment: true });
          visit(reparsed, "element", (node) => {
            assert.ok(!["script", "iframe", "style", "svg", "img", "object", "embed"].includes(node.tagName), node.tagName);
            for (const name of Object.keys(node.properties)) assert.doesNotMatch(name, /^on|^style$/i);
            const href = node.properties["href"];
            if (typeof href === "string") {
              const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
              assert.ok(scheme === undefined || ["http", "https", "mailto"].includes(scheme), href);
            }
          });
        }),
        { numRuns: 200, seed: 20251125 },
      );
    });

    it("renders valid HTML for any team", async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryTeam, async (team) => {
          await assertValid(toHtml(render("mentor", contextFor(team))));
        }),
        { numRuns: 60, seed: 20251125 },
      );
    });
  });
});
