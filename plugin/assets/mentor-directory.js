// Topic filter for the mentor directory rendered by the `group-by-expertise` shortcode.
//
// The page works without this script: the topic index links to one section per topic. With it,
// a labelled <select> narrows the table to one topic, a live region says what is shown, and the
// choice is kept in the address (`?topic=topic-ruby`) so that it survives a reload and can be
// shared. Loaded as a module, so it never blocks rendering and runs once the document is parsed.

const PARAM = "topic";

/**
 * The sentence announced after filtering.
 * @param {{ shown: number, total: number, label?: string, one: string, other: string }} state
 * @returns {string}
 */
export function statusMessage({ shown, total, label, one, other }) {
  const noun = total === 1 ? one : other;
  if (label === undefined) return `Showing all ${total} ${noun}`;
  return `Showing ${shown} of ${total} ${noun} for ${label}`;
}

/**
 * The topic id asked for in a query string, if the directory has it.
 * @param {string} search `location.search`
 * @param {readonly string[]} known topic ids of one directory
 * @returns {string}
 */
export function topicFromSearch(search, known) {
  const value = new URLSearchParams(search).get(PARAM);
  return value !== null && known.includes(value) ? value : "";
}

/**
 * The address with the topic set (or removed, for ""), everything else kept.
 * @param {string} href
 * @param {string} topic
 * @returns {string}
 */
export function hrefWithTopic(href, topic) {
  const url = new URL(href);
  if (topic === "") url.searchParams.delete(PARAM);
  else url.searchParams.set(PARAM, topic);
  return url.href;
}

let instances = 0;

/**
 * Add the filter to one directory. Does nothing without a table, topics or filter placeholder,
 * and nothing the second time.
 * @param {HTMLElement} root element with `data-mentor-directory`
 */
export function enhance(root) {
  if (root.dataset.enhanced === "true") return;
  const placeholder = root.querySelector(".directory-filter");
  const status = root.querySelector(".directory-status");
  const table = root.querySelector("table");
  const links = Array.from(root.querySelectorAll("a[data-topic]"));
  if (!placeholder || !status || !table || links.length === 0) return;
  root.dataset.enhanced = "true";

  const topics = links.map((link) => ({
    id: link.dataset.topic ?? "",
    label: link.dataset.topicLabel ?? link.textContent ?? "",
    count: link.dataset.topicCount ?? "",
  }));
  const rows = Array.from(table.tBodies).flatMap((body) => Array.from(body.rows));
  const sections = Array.from(root.querySelectorAll("[data-topic-section]"));
  const one = root.dataset.nounOne ?? "mentor";
  const other = root.dataset.nounOther ?? "mentors";

  instances += 1;
  const selectId = `mentor-directory-filter-${instances}`;
  const label = document.createElement("label");
  label.htmlFor = selectId;
  label.textContent = one === "mentor" ? "Show mentors for topic" : "Show team members for topic";
  const select = document.createElement("select");
  select.id = selectId;
  select.name = PARAM;
  select.append(new Option(`All topics (${rows.length})`, ""));
  for (const topic of topics) {
    select.append(new Option(`${topic.label} (${topic.count})`, topic.id));
  }
  placeholder.replaceChildren(label, select);
  placeholder.hidden = false;

  /** @param {string} topic @param {boolean} announce */
  const apply = (topic, announce) => {
    let shown = 0;
    for (const row of rows) {
      const match = topic === "" || (row.dataset.topics ?? "").split(" ").includes(topic);
      row.hidden = !match;
      if (match) shown += 1;
    }
    for (const section of sections) {
      section.hidden = topic !== "" && section.getAttribute("data-topic-section") !== topic;
    }
    const current = topics.find((candidate) => candidate.id === topic);
    // Announcing "all" on page load would only add noise before the reader has done anything.
    status.textContent = announce || topic !== ""
      ? statusMessage({ shown, total: rows.length, label: current?.label, one, other })
      : "";
  };

  /** @param {string} topic */
  const choose = (topic) => {
    select.value = topic;
    apply(topic, true);
    history.replaceState(history.state, "", hrefWithTopic(location.href, topic));
  };

  select.addEventListener("change", () => choose(select.value));

  // The topic index jumps to a section; the table and sections follow, so the section it jumps to
  // is never one the filter has hidden.
  for (const link of root.querySelectorAll(".directory-topics a")) {
    if (!(link instanceof HTMLAnchorElement)) continue;
    link.addEventListener("click", () => {
      const topic = link.dataset.topic ?? "";
      if (topic !== select.value) choose(topic);
    });
  }

  const initial = topicFromSearch(location.search, topics.map((topic) => topic.id));
  select.value = initial;
  apply(initial, false);
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
