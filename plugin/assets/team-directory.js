// Search and a "mentors only" toggle for the team page rendered by the `team-members` shortcode.
//
// Without this script the page lists every member under an A–Z index, and `#<slug>` links work.
// With it, the search field narrows the cards live (name, role, skills, departments: the matching
// of the mentor directory), the toggle keeps only mentors, letters without a shown member are
// hidden, a live region says how many are shown, and both are kept in the address
// (`?q=ruby&mentors=1`).

import { countOf, SCRIPT_LABELS, readLabels, say } from "./labels.js";
import { debounce, hrefWithParams, matchCard, paramFromSearch, queryPhrase, readCard, showCard } from "./card-search.js";

/**
 * The sentence announced after filtering.
 * @param {{ shown: number, total: number, query?: string, mentorsOnly: boolean }} state
 * @param {import("./labels.js").LabelTable} [labels]
 * @returns {string}
 */
export function teamStatus({ shown, total, query, mentorsOnly }, labels = SCRIPT_LABELS) {
  const members = countOf(labels, labels["memberNoun"] ?? "", total);
  const mentors = countOf(labels, labels["mentorNoun"] ?? "", shown);
  const quoted = query ? say(labels, "quoted", { text: query.trim() }) : "";
  if (!mentorsOnly && !quoted) return say(labels, "teamStatusAll", { members }, total);
  if (!mentorsOnly)
    return shown === 0
      ? say(labels, "teamStatusNone", { query: quoted })
      : say(labels, "teamStatusSome", { shown, members, query: quoted }, total);
  if (shown === 0) return quoted ? say(labels, "teamStatusNoMentorsFor", { query: quoted }) : say(labels, "teamStatusNoMentors");
  return quoted
    ? say(labels, "teamStatusMentorsFor", { mentors, members, query: quoted }, shown)
    : say(labels, "teamStatusMentors", { mentors, members }, shown);
}

/**
 * Add search and the toggle to the team page. Does nothing without its parts, and nothing the
 * second time.
 * @param {HTMLElement} root element with `data-team-directory`
 */
export function enhance(root) {
  if (root.dataset.enhanced === "true") return;
  const box = root.querySelector(".team-search");
  const input = box?.querySelector("input[type=search]");
  const toggle = box?.querySelector("input[type=checkbox]");
  const status = root.querySelector(".team-status");
  if (!(box instanceof HTMLElement) || !(input instanceof HTMLInputElement) || !(toggle instanceof HTMLInputElement) || !status) return;
  root.dataset.enhanced = "true";

  const sections = Array.from(root.querySelectorAll(".team-letter")).map((section) => ({
    section: /** @type {HTMLElement} */ (section),
    link: root.querySelector(`.team-letters a[href="#${section.id}"]`)?.closest("li") ?? null,
    cards: Array.from(section.querySelectorAll(".member-card")).map((node) => {
      const element = /** @type {HTMLElement} */ (node);
      return { view: readCard(element), mentor: element.dataset.mentor === "true" };
    }),
  }));
  const total = sections.reduce((sum, { cards }) => sum + cards.length, 0);
  const labels = readLabels(root);
  box.hidden = false;

  let message = "";
  const announce = () => {
    status.textContent = message;
  };
  const remember = () => {
    history.replaceState(history.state, "", hrefWithParams(location.href, { q: input.value.trim(), mentors: toggle.checked ? "1" : "" }));
  };
  // While the reader types, the count is announced and the address written once typing pauses: a
  // screen reader hears the final count, and a keystroke costs no write to the browser's history.
  const settleLater = debounce(() => {
    announce();
    remember();
  }, 400);

  /** @param {"now" | "later" | "quiet"} when */
  const apply = (when) => {
    const phrase = queryPhrase(input.value);
    const mentorsOnly = toggle.checked;
    let shown = 0;
    for (const { section, link, cards } of sections) {
      let inSection = 0;
      for (const card of cards) {
        const match = phrase === "" ? undefined : matchCard(card.view.searchable, phrase);
        const visible = (!mentorsOnly || card.mentor) && (match === undefined || match.matched);
        showCard(card.view, visible, match, input.value, labels);
        if (visible) inSection += 1;
      }
      section.hidden = inSection === 0;
      if (link instanceof HTMLElement) link.hidden = inSection === 0;
      shown += inSection;
    }
    message = teamStatus({ shown, total, query: phrase === "" ? undefined : input.value, mentorsOnly }, labels);
    if (when === "now") announce();
    else if (when === "later") settleLater();
  };

  input.addEventListener("input", () => {
    apply("later");
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });
  toggle.addEventListener("change", () => {
    apply("now");
    remember();
  });

  input.value = paramFromSearch(location.search, "q");
  toggle.checked = paramFromSearch(location.search, "mentors") === "1";
  const filtered = queryPhrase(input.value) !== "" || toggle.checked;
  apply(filtered ? "now" : "quiet");
}

if (typeof document !== "undefined") {
  const start = () => {
    for (const root of document.querySelectorAll("[data-team-directory]")) {
      if (root instanceof HTMLElement) enhance(root);
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
}
