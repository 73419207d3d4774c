// Correctness inside the benchmark: a fast wrong build is not a result.

import { fromHtml } from "hast-util-from-html";

function* elements(node) {
  if (node.type === "element") yield node;
  for (const child of node.children ?? []) yield* elements(child);
}

const hasClass = (node, name) => (node.properties?.className ?? []).includes(name);

/**
 * The slug in a row id. Ids keep letters, digits and `-`, and write any other character as `_`,
 * its hexadecimal code point, `_` (`jdoe.gitlab` → `jdoe_2e_gitlab`), so the mapping reverses.
 */
export function slugFromId(id) {
  return id.replace(/_([0-9a-f]+)_/g, (_, hex) => String.fromCodePoint(parseInt(hex, 16)));
}

/** Slugs of the `.mentor-card[id^="mentor-"]` cards inside `.mentor-directory`, in page order. */
export function directoryRows(html) {
  const seen = new Set();
  const slugs = [];
  for (const dir of elements(fromHtml(html))) {
    if (!hasClass(dir, "mentor-directory")) continue;
    for (const card of elements(dir)) {
      const id = card.properties?.id;
      if (hasClass(card, "mentor-card") && typeof id === "string" && id.startsWith("mentor-") && !seen.has(card)) {
        seen.add(card);
        slugs.push(slugFromId(id.slice("mentor-".length)));
      }
    }
  }
  return slugs;
}

/** Anchors (`id`) of the `li.team-member` entries of the team page, in page order. */
export function teamEntries(html) {
  const ids = [];
  for (const li of elements(fromHtml(html))) {
    if (li.tagName === "li" && hasClass(li, "team-member") && typeof li.properties?.id === "string") ids.push(li.properties.id);
  }
  return ids;
}

/** Body rows of the table the benchmark's Hugo shortcode emits. */
export function hugoRows(html) {
  let count = 0;
  for (const table of elements(fromHtml(html))) {
    if (table.tagName !== "table" || !hasClass(table, "group-by-expertise")) continue;
    for (const body of elements(table)) {
      if (body.tagName !== "tbody") continue;
      for (const tr of elements(body)) if (tr.tagName === "tr") count++;
    }
  }
  return count;
}

/** Compare found rows with the expected slugs; order is the plugin's business, not checked. */
export function compareRows(found, expected) {
  const want = new Set(expected);
  const got = new Set(found);
  const missing = expected.filter((s) => !got.has(s));
  const extra = [...got].filter((s) => !want.has(s));
  const duplicates = found.length - got.size;
  return {
    ok: missing.length === 0 && extra.length === 0 && duplicates === 0,
    rows: found.length,
    expected: expected.length,
    missing: missing.slice(0, 10),
    extra: extra.slice(0, 10),
    duplicates,
  };
}
