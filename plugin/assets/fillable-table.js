// Fill-in tables: a Markdown table with a row of empty cells (the goal matrix of the mentoring
// page) becomes a small form. Each empty cell gets a text area labelled by its column; the draft is
// kept in this browser only (localStorage, nothing is sent anywhere) and can be copied as a
// Markdown table, ready for an issue template. Without this script the table is unchanged.

import { readLabels, say } from "./labels.js";

const PREFIX = "fillable-table:";

/**
 * A Markdown table from a header row and body rows; pipes and line breaks inside cells escaped.
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 * @returns {string}
 */
export function toMarkdownTable(header, rows) {
  const cell = (text) => text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>").trim();
  const line = (cells) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n") + "\n";
}

function storageKey(table, index) {
  return `${PREFIX}${location.pathname}#${index}`;
}

function load(key) {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? "{}");
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be full or disabled; the form still works for this visit.
  }
}

/**
 * Turn one table into a form.
 * @param {HTMLTableElement} table
 * @param {number} index position among the page's fillable tables (part of the storage key)
 */
export function enhance(table, index) {
  if (table.dataset.fillableReady) return;
  table.dataset.fillableReady = "true";
  // The page's words: the first block any of the plugin's output carries (they are all the same).
  const labels = readLabels(document);
  const key = storageKey(table, index);
  const draft = load(key);
  const header = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  const bodyRows = [...table.querySelectorAll("tbody tr")];
  const fields = [];
  bodyRows.forEach((row, r) => {
    [...row.cells].forEach((cell, c) => {
      if (cell.textContent.trim() !== "" || cell.querySelector("textarea")) return;
      const area = document.createElement("textarea");
      const id = `${r}:${c}`;
      area.rows = 3;
      area.className = "fillable-cell";
      const column = header[c] ?? say(labels, "fillColumn", { number: c + 1 });
      area.setAttribute("aria-label", bodyRows.length > 1 ? say(labels, "fillCell", { column, row: r + 1 }) : column);
      area.value = typeof draft[id] === "string" ? draft[id] : "";
      area.addEventListener("input", () => {
        draft[id] = area.value;
        save(key, draft);
      });
      cell.append(area);
      fields.push(area);
    });
  });
  if (fields.length === 0) return;

  const tools = document.createElement("div");
  tools.className = "fillable-tools";
  const copy = document.createElement("button");
  copy.type = "button";
  copy.textContent = say(labels, "fillCopy");
  const clear = document.createElement("button");
  clear.type = "button";
  clear.textContent = say(labels, "fillClear");
  const status = document.createElement("p");
  status.className = "fillable-status";
  status.setAttribute("role", "status");
  const note = document.createElement("p");
  note.className = "fillable-note";
  note.textContent = say(labels, "fillNote");

  const markdown = () =>
    toMarkdownTable(
      header,
      bodyRows.map((row) => [...row.cells].map((cell) => cell.querySelector("textarea")?.value ?? cell.textContent ?? "")),
    );
  copy.addEventListener("click", async () => {
    const text = markdown();
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = say(labels, "fillCopied");
    } catch {
      // Clipboard access can be refused; show the text so it can be copied by hand.
      let fallback = tools.querySelector("textarea.fillable-markdown");
      if (!fallback) {
        fallback = document.createElement("textarea");
        fallback.className = "fillable-markdown";
        fallback.readOnly = true;
        fallback.rows = 4;
        fallback.setAttribute("aria-label", say(labels, "fillMarkdown"));
        tools.append(fallback);
      }
      fallback.value = text;
      fallback.select();
      status.textContent = say(labels, "fillSelect");
    }
    table.dataset.lastCopy = text;
  });
  clear.addEventListener("click", () => {
    for (const area of fields) area.value = "";
    for (const id of Object.keys(draft)) delete draft[id];
    save(key, draft);
    status.textContent = say(labels, "fillCleared");
    fields[0]?.focus();
  });
  tools.append(copy, clear, note, status);
  (table.closest(".table-scroll") ?? table).after(tools);
}

export function enhanceAll(root = document) {
  root.querySelectorAll("table[data-fillable]").forEach((table, index) => enhance(table, index));
}

if (typeof document !== "undefined") enhanceAll();
