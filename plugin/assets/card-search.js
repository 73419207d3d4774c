// Searching member cards, shared by the mentor directory and the team page: what a card offers to
// search (its visible name, role, skills and departments, and the keys of its domain skills),
// whether a query matches it and how to say where, and the query's place in the address.

import { SCRIPT_LABELS, say } from "./labels.js";
import { containsPhrase, matchingForm, searchableForm } from "./skill-match.js";

/**
 * @typedef {object} CardText What a card offers to search, as the reader sees it.
 * @property {string} name
 * @property {string} role
 * @property {string} departments
 * @property {string} [location] where the member works from
 * @property {{ label: string, key?: string }[]} skills
 */

/**
 * @typedef {object} SearchableCard A card's text in `searchableForm`, worked out once when the
 *   page loads: a keystroke then only looks for the query in it, over every card.
 * @property {string} name
 * @property {string} role
 * @property {string} departments
 * @property {string} location
 * @property {{ label: string, key: string }[]} skills `key` is "" for a skill without a domain key
 */

/**
 * @typedef {object} CardMatch
 * @property {boolean} matched
 * @property {readonly number[]} skills indexes of the skills that match
 * @property {readonly ("name" | "role" | "departments" | "location")[]} fields other fields that contain the query
 */

/**
 * The text of a card as it is searched: the same forms `skillTextMatches` compares in the build.
 * @param {CardText} card
 * @returns {SearchableCard}
 */
export function searchableCard(card) {
  return {
    name: searchableForm(card.name),
    role: searchableForm(card.role),
    departments: searchableForm(card.departments),
    location: searchableForm(card.location ?? ""),
    skills: card.skills.map((skill) => ({ label: searchableForm(skill.label), key: searchableForm(skill.key ?? "") })),
  };
}

/** @type {CardMatch} */
const NO_MATCH = Object.freeze({ matched: false, skills: Object.freeze([]), fields: Object.freeze([]) });

const FIELDS = /** @type {const} */ (["name", "role", "departments", "location"]);

/**
 * Where `phrase` (in `matchingForm`) occurs in a card: whole words, in any case, never in markup
 * or a URL, exactly as the build matches topics (`skillTextMatches`). Most cards match nothing,
 * and then nothing is allocated: a keystroke asks every card.
 * @param {SearchableCard} card
 * @param {string} phrase
 * @returns {CardMatch}
 */
export function matchCard(card, phrase) {
  if (phrase === "") return NO_MATCH;
  /** @type {number[] | undefined} */
  let skills;
  for (let index = 0; index < card.skills.length; index++) {
    const skill = /** @type {{ label: string, key: string }} */ (card.skills[index]);
    if (containsPhrase(skill.label, phrase) || containsPhrase(skill.key, phrase)) (skills ??= []).push(index);
  }
  /** @type {("name" | "role" | "departments" | "location")[] | undefined} */
  let fields;
  for (const field of FIELDS) {
    if (containsPhrase(card[field], phrase)) (fields ??= []).push(field);
  }
  if (skills === undefined && fields === undefined) return NO_MATCH;
  return { matched: true, skills: skills ?? [], fields: fields ?? [] };
}

/** The label of each field's name, as a card says where a query matched. */
const FIELD_LABELS = /** @type {const} */ ({
  name: "fieldName",
  role: "fieldRole",
  departments: "fieldDepartments",
  location: "fieldLocation",
});

/**
 * The line a matching card shows: the skills matched, or else the field.
 * @param {CardMatch} match
 * @param {CardText} card
 * @param {string} query as typed
 * @param {import("./labels.js").LabelTable} [labels]
 * @returns {string}
 */
export function describeMatch(match, card, query, labels = SCRIPT_LABELS) {
  const quoted = say(labels, "quoted", { text: query.trim() });
  if (match.skills.length > 0) {
    const skills = match.skills.map((index) => card.skills[index]?.label.trim() ?? "");
    return say(labels, "matchSkills", { query: quoted, skills: skills.join(", ") });
  }
  const fields = match.fields.map((field) => say(labels, FIELD_LABELS[field])).join(say(labels, "fieldSeparator"));
  return say(labels, "matchFields", { query: quoted, fields });
}

/**
 * @typedef {object} CardView A card element with what searching needs of it, read once when the
 *   page loads; `shown` is what the page shows now, so that a keystroke changes only what differs.
 * @property {HTMLElement} element
 * @property {CardText} text
 * @property {SearchableCard} searchable
 * @property {HTMLElement[]} skillNodes
 * @property {HTMLElement | null} line where the card says what matched
 * @property {{ hidden: boolean, skills: string, line: string }} shown
 */

/**
 * Read a card element once: its text, its text in searchable form and the nodes a search marks.
 * @param {HTMLElement} element
 * @returns {CardView}
 */
export function readCard(element) {
  /** @param {string} selector */
  const textOf = (selector) => element.querySelector(selector)?.textContent ?? "";
  const skillNodes = /** @type {HTMLElement[]} */ (Array.from(element.querySelectorAll(".skills > li")));
  /** @type {CardText} */
  const text = {
    name: textOf(".member-name"),
    role: textOf(".member-role"),
    departments: textOf(".departments"),
    location: textOf(".location"),
    skills: skillNodes.map((node) => {
      const key = node.dataset.skillKey;
      return key === undefined ? { label: node.textContent ?? "" } : { label: node.textContent ?? "", key };
    }),
  };
  const line = element.querySelector(".member-match");
  return {
    element,
    text,
    searchable: searchableCard(text),
    skillNodes,
    line: line instanceof HTMLElement ? line : null,
    shown: { hidden: element.hidden, skills: "", line: "" },
  };
}

/**
 * Show a card or hide it, and show on it what matched (nothing when no query is given). Writes
 * to the page only what changed since the last call: most cards stay as they are from one
 * keystroke to the next.
 * @param {CardView} card
 * @param {boolean} visible
 * @param {CardMatch | undefined} match
 * @param {string} query as typed
 * @param {import("./labels.js").LabelTable} [labels] the page's words
 */
export function showCard(card, visible, match, query, labels = SCRIPT_LABELS) {
  const { shown } = card;
  if (shown.hidden !== !visible) {
    card.element.hidden = !visible;
    shown.hidden = !visible;
  }
  const marked = visible && match !== undefined ? match : undefined;
  const skills = marked === undefined ? "" : marked.skills.join(" ");
  if (skills !== shown.skills) {
    card.skillNodes.forEach((node, index) => node.classList.toggle("is-match", marked?.skills.includes(index) ?? false));
    shown.skills = skills;
  }
  const line = marked !== undefined && marked.matched ? describeMatch(marked, card.text, query, labels) : "";
  if (line !== shown.line && card.line !== null) {
    card.line.hidden = line === "";
    card.line.textContent = line;
    shown.line = line;
  }
}

/**
 * The query in matching form; "" when it has nothing to match.
 * @param {string} query
 * @returns {string}
 */
export function queryPhrase(query) {
  return matchingForm(query);
}

/**
 * A parameter of the address, "" when absent.
 * @param {string} search `location.search`
 * @param {string} name
 * @returns {string}
 */
export function paramFromSearch(search, name) {
  return new URLSearchParams(search).get(name) ?? "";
}

/**
 * The address with parameters set (or removed, for ""), everything else kept.
 * @param {string} href
 * @param {Record<string, string>} params
 * @returns {string}
 */
export function hrefWithParams(href, params) {
  const url = new URL(href);
  for (const [name, value] of Object.entries(params)) {
    if (value === "") url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return url.href;
}

/**
 * Call `action` once typing pauses, so a screen reader hears the final count, not every step.
 * @param {() => void} action
 * @param {number} wait milliseconds
 * @returns {() => void}
 */
export function debounce(action, wait) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, wait);
  };
}
