// Searching member cards, shared by the mentor directory and the team page: what a card offers to
// search (its visible name, role, skills and departments, and the keys of its domain skills),
// whether a query matches it and how to say where, and the query's place in the address.

import { containsPhrase, matchingForm, searchableForm, skillTextMatches } from "./skill-match.js";

/**
 * @typedef {object} CardText What a card offers to search, as the reader sees it.
 * @property {string} name
 * @property {string} role
 * @property {string} departments
 * @property {{ label: string, key?: string }[]} skills
 */

/**
 * @typedef {object} CardMatch
 * @property {boolean} matched
 * @property {number[]} skills indexes of the skills that match
 * @property {("name" | "role" | "departments")[]} fields other fields that contain the query
 */

/**
 * Where `phrase` (in `matchingForm`) occurs in a card: whole words, in any case, never in markup
 * or a URL, exactly as the build matches topics (`skillTextMatches`).
 * @param {CardText} card
 * @param {string} phrase
 * @returns {CardMatch}
 */
export function matchCard(card, phrase) {
  /** @type {number[]} */
  const skills = [];
  card.skills.forEach((skill, index) => {
    if (skillTextMatches(skill.label, skill.key, phrase)) skills.push(index);
  });
  /** @type {("name" | "role" | "departments")[]} */
  const fields = [];
  for (const field of /** @type {const} */ (["name", "role", "departments"])) {
    if (phrase !== "" && containsPhrase(searchableForm(card[field]), phrase)) fields.push(field);
  }
  return { matched: skills.length > 0 || fields.length > 0, skills, fields };
}

/**
 * The line a matching card shows: the skills matched, or else the field.
 * @param {CardMatch} match
 * @param {CardText} card
 * @param {string} query as typed
 * @returns {string}
 */
export function describeMatch(match, card, query) {
  const quoted = `“${query.trim()}”`;
  if (match.skills.length > 0) {
    const labels = match.skills.map((index) => card.skills[index]?.label.trim() ?? "");
    return `Matches ${quoted}: ${labels.join(", ")}`;
  }
  const where = { name: "name", role: "role", departments: "department" };
  return `Matches ${quoted} in ${match.fields.map((field) => where[field]).join(" and ")}`;
}

/**
 * The text of a card element, read once.
 * @param {Element} element
 * @returns {CardText & { skillNodes: HTMLElement[] }}
 */
export function readCard(element) {
  /** @param {string} selector */
  const textOf = (selector) => element.querySelector(selector)?.textContent ?? "";
  const skillNodes = /** @type {HTMLElement[]} */ (Array.from(element.querySelectorAll(".skills > li")));
  return {
    name: textOf(".member-name"),
    role: textOf(".member-role"),
    departments: textOf(".departments"),
    skills: skillNodes.map((node) => {
      const key = node.dataset.skillKey;
      return key === undefined ? { label: node.textContent ?? "" } : { label: node.textContent ?? "", key };
    }),
    skillNodes,
  };
}

/**
 * Show on a card what matched, or nothing when no query is given.
 * @param {Element} element the card
 * @param {CardText & { skillNodes: HTMLElement[] }} card
 * @param {CardMatch | undefined} match
 * @param {string} query
 */
export function markCard(element, card, match, query) {
  card.skillNodes.forEach((node, index) => node.classList.toggle("is-match", match?.skills.includes(index) ?? false));
  const line = element.querySelector(".member-match");
  if (!(line instanceof HTMLElement)) return;
  line.hidden = match === undefined || !match.matched;
  line.textContent = match !== undefined && match.matched ? describeMatch(match, card, query) : "";
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
