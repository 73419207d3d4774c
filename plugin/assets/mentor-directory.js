// Search and topic filter for the mentor directory rendered by the `group-by-expertise` shortcode.
//
// The page works without this script: the topic links lead to a compact index of mentors by
// topic. With it, a search field narrows the cards live to the mentors whose name, role, skills or
// departments contain the words typed, the topic links become toggle buttons that combine with
// the query, a live region says what is shown, and both are kept in the address
// (`?q=ruby&topic=topic-leadership`) so that they survive a reload and can be shared. Loaded as a
// module, so it never blocks rendering and runs once the document is parsed.

import { countOf, SCRIPT_LABELS, readLabels, say } from "./labels.js";
import { debounce, hrefWithParams, matchCard, paramFromSearch, queryPhrase, readCard, showCard } from "./card-search.js";

const QUERY = "q";
const TOPIC = "topic";
const COUNTRY = "country";

/** @typedef {import("./labels.js").LabelTable} LabelTable */
/** @typedef {{ one: string, other: string, zero?: string, two?: string, few?: string, many?: string }} Nouns what is listed */

/**
 * The query in the topic in the country, those given.
 * @param {LabelTable} labels @param {string} [query] @param {(string | undefined)[]} places
 */
function askedFor(labels, query, ...places) {
  const parts = [query ? say(labels, "quoted", { text: query.trim() }) : "", ...places].filter(Boolean);
  return parts.length === 0 ? "" : parts.reduce((what, topic) => say(labels, "queryInTopic", { query: what, topic }));
}

/**
 * The sentence announced after filtering.
 * @param {{ shown: number, total: number, query?: string, label?: string, country?: string } & Nouns} state @param {LabelTable} [labels]
 */
export function statusMessage({ shown, total, query, label, country, ...nouns }, labels = SCRIPT_LABELS) {
  const what = askedFor(labels, query, label, country);
  const things = countOf(labels, nouns, total);
  if (what === "") return say(labels, "directoryStatusAll", { things });
  if (shown === 0) return say(labels, "directoryStatusNone", { nouns: nouns.other, what });
  return say(labels, "directoryStatusSome", { shown, things, what }, total);
}

/**
 * The caption of the cards: how many are listed.
 * @param {{ label: string, shown: number, total: number } & Nouns} state @param {LabelTable} [labels]
 */
export function captionText({ label, shown, total, ...nouns }, labels = SCRIPT_LABELS) {
  const members = countOf(labels, nouns, total);
  return shown === total ? say(labels, "caption", { label, members }) : say(labels, "captionSome", { label, shown, members }, total);
}

/**
 * The line shown when nothing matches.
 * @param {{ query?: string, label?: string, country?: string, other: string }} state @param {LabelTable} [labels]
 */
export function emptyText({ query, label, country, other }, labels = SCRIPT_LABELS) {
  const topic = label ? say(labels, "theTopic", { topic: label }) : undefined;
  return say(labels, "directoryEmpty", { nouns: other, what: askedFor(labels, query, topic, country) });
}

/** What a directory lists, from its `data-noun-<category>` attributes. @param {HTMLElement} root @returns {Nouns} */
function nounsOf(root) {
  /** @type {Record<string, string>} */
  const forms = {};
  for (const [name, value] of Object.entries(root.dataset)) {
    if (name.startsWith("noun") && value !== undefined) forms[name.slice(4).toLowerCase()] = value;
  }
  return { ...forms, one: forms["one"] ?? "", other: forms["other"] ?? "" };
}

/**
 * The topic id asked for in a query string, if the directory has it.
 * @param {string} search `location.search`
 * @param {readonly string[]} known topic ids of one directory
 * @returns {string}
 */
export function topicFromSearch(search, known) {
  const value = paramFromSearch(search, TOPIC);
  return known.includes(value) ? value : "";
}

/**
 * Add search and topic filtering to one directory. Does nothing without its parts, and nothing
 * the second time.
 * @param {HTMLElement} root element with `data-mentor-directory`
 */
export function enhance(root) {
  if (root.dataset.enhanced === "true") return;
  const searchBox = root.querySelector(".directory-search");
  const input = searchBox?.querySelector("input[type=search]");
  const status = root.querySelector(".directory-status");
  const caption = root.querySelector(".directory-caption");
  const empty = root.querySelector(".directory-empty");
  const emptyMessage = empty?.querySelector(".directory-empty-message");
  const clear = empty?.querySelector(".directory-clear");
  const cardElements = Array.from(root.querySelectorAll(".mentor-card"));
  if (
    !(searchBox instanceof HTMLElement) ||
    !(input instanceof HTMLInputElement) ||
    !status ||
    !caption ||
    !(empty instanceof HTMLElement) ||
    !emptyMessage ||
    !(clear instanceof HTMLButtonElement) ||
    cardElements.length === 0
  )
    return;
  root.dataset.enhanced = "true";

  const labels = readLabels(root);
  const nouns = nounsOf(root);
  const memberNoun = /** @type {Nouns} */ (labels["memberNoun"]);
  const captionLabel = caption.getAttribute("data-caption-label") ?? "";
  const cards = cardElements.map((node) => {
    const element = /** @type {HTMLElement} */ (node);
    return { view: readCard(element), topics: (element.dataset.topics ?? "").split(" ").filter(Boolean), country: element.dataset.country };
  });

  // Topic links become toggle buttons that filter in place; the index they led to is not needed.
  /** @type {{ id: string, label: string, none: boolean, button: HTMLButtonElement }[]} */
  const topics = [];
  /** @type {typeof topics} */
  const countries = [];
  for (const link of root.querySelectorAll(".directory-topics a, .directory-countries a")) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    const id = link.dataset.topic ?? link.dataset.country ?? link.hash.slice(1);
    const button = document.createElement("button");
    button.type = "button";
    button.className = link.dataset.country === undefined ? "topic-chip" : "country-chip";
    button.setAttribute("aria-pressed", "false");
    button.append(...link.childNodes);
    link.replaceWith(button);
    const label = link.dataset.topicLabel ?? say(labels, "noExpertise");
    const chip = { id, label, none: link.dataset.topic === undefined, button };
    (link.dataset.country === undefined ? topics : countries).push(chip);
  }
  // On a narrow screen a long row of chips would push the cards far down: fold it, unless a topic
  // is already chosen.
  const chipsBox = root.querySelector(".directory-topics-box");
  const narrow = typeof matchMedia === "function" && matchMedia("(max-width: 40rem)").matches;
  for (const index of root.querySelectorAll(".directory-index")) if (index instanceof HTMLElement) index.hidden = true;
  searchBox.hidden = false;

  const state = { query: "", topic: "", country: "" };

  let message = "";
  const announce = () => {
    status.textContent = message;
  };
  const remember = () => {
    history.replaceState(
      history.state,
      "",
      hrefWithParams(location.href, { [QUERY]: state.query.trim(), [TOPIC]: state.topic, [COUNTRY]: state.country }),
    );
  };
  // While the reader types, the count is announced and the address written once typing pauses: a
  // screen reader hears the final count, and a keystroke costs no write to the browser's history.
  const settleLater = debounce(() => {
    announce();
    remember();
  }, 400);
  const isFiltered = () => queryPhrase(state.query) !== "" || state.topic !== "" || state.country !== "";

  /** @param {"now" | "later" | "quiet"} when */
  const apply = (when) => {
    const phrase = queryPhrase(state.query);
    const chosen = topics.find((topic) => topic.id === state.topic);
    const place = countries.find((country) => country.id === state.country);
    let shown = 0;
    for (const card of cards) {
      const inTopic =
        (chosen === undefined || (chosen.none ? card.topics.length === 0 : card.topics.includes(chosen.id))) &&
        (place === undefined || card.country === place.id);
      const match = phrase === "" ? undefined : matchCard(card.view.searchable, phrase);
      const visible = inTopic && (match === undefined || match.matched);
      showCard(card.view, visible, match, state.query, labels);
      if (visible) shown += 1;
    }
    for (const topic of topics) topic.button.setAttribute("aria-pressed", String(topic.id === state.topic));
    for (const country of countries) country.button.setAttribute("aria-pressed", String(country.id === state.country));
    caption.textContent = captionText({ label: captionLabel, shown, total: cards.length, ...memberNoun }, labels);
    const query = phrase === "" ? undefined : state.query;
    message = statusMessage({ shown, total: cards.length, query, label: chosen?.label, country: place?.label, ...nouns }, labels);
    empty.hidden = shown > 0;
    emptyMessage.textContent =
      shown > 0 ? "" : emptyText({ query, label: chosen?.label, country: place?.label, other: nouns.other }, labels);
    if (when === "now") announce();
    else if (when === "later") settleLater();
  };

  input.addEventListener("input", () => {
    state.query = input.value;
    apply("later");
  });
  // Enter in a search field would submit nothing: the results are already there.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });
  for (const topic of topics) {
    topic.button.addEventListener("click", () => {
      state.topic = state.topic === topic.id ? "" : topic.id;
      apply("now");
      remember();
    });
  }
  for (const country of countries) {
    country.button.addEventListener("click", () => {
      state.country = state.country === country.id ? "" : country.id;
      apply("now");
      remember();
    });
  }
  clear.addEventListener("click", () => {
    state.query = "";
    state.topic = "";
    state.country = "";
    input.value = "";
    apply("now");
    remember();
    input.focus();
  });

  // A link from elsewhere to a topic of the index (`#topic-ruby`) still shows that topic.
  const known = topics.map((topic) => topic.id);
  const hash = location.hash.slice(1);
  const knownCountries = countries.map((country) => country.id);
  state.query = paramFromSearch(location.search, QUERY);
  state.topic = topicFromSearch(location.search, known) || (known.includes(hash) ? hash : "");
  const country = paramFromSearch(location.search, COUNTRY) || hash;
  state.country = knownCountries.includes(country) ? country : "";
  input.value = state.query;
  if (chipsBox instanceof HTMLDetailsElement && narrow && state.topic === "") chipsBox.open = false;
  // Announcing "all" on page load would only add noise before the reader has done anything.
  apply(isFiltered() ? "now" : "quiet");
}

/** Enhance every directory in the document. */
export function enhanceAll(doc = document) {
  for (const root of doc.querySelectorAll("[data-mentor-directory]")) {
    if (root instanceof HTMLElement) enhance(root);
  }
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => enhanceAll(), { once: true });
  } else {
    enhanceAll();
  }
}
