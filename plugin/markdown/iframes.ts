/**
 * Embeds pasted into the page as raw HTML (Google Slides and the like) come with attributes from
 * another era. Keep the embed, but make it valid, accessible and cheap to load.
 */
import type { Element, Parents, Root } from "hast";
import { h } from "hastscript";
import { toText } from "hast-util-to-text";
import { SKIP, visit } from "unist-util-visit";
import { headingRank } from "hast-util-heading-rank";
import { isSealedOutput } from "./walk.js";
import { ENGLISH, say, type LabelKey, type Labels } from "../text/labels.js";

/** Attributes that are obsolete or vendor-prefixed on `<iframe>`; CSS does their job. */
const droppedAttributes = new Set([
  "frameborder",
  "mozallowfullscreen",
  "webkitallowfullscreen",
  "msallowfullscreen",
  "scrolling",
  "marginwidth",
  "marginheight",
  "align",
  "longdesc",
]);

/** Elements whose content must be phrasing: a `<div>` wrapper is not allowed inside them. */
const phrasingParents = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "cite",
  "code",
  "data",
  "del",
  "dfn",
  "em",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "i",
  "ins",
  "kbd",
  "label",
  "mark",
  "p",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "time",
  "u",
  "var",
]);

/**
 * What the embed shows, for its accessible name. Screen reader users hear the title before
 * deciding to enter the frame, so it must say what is inside.
 */
function kindOf(src: string): LabelKey {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return "embedContent";
  }
  const host = url.hostname.replace(/^www\./, "");
  if (host === "docs.google.com") {
    if (url.pathname.startsWith("/presentation/")) return "embedSlides";
    if (url.pathname.startsWith("/document/")) return "embedDocument";
    if (url.pathname.startsWith("/spreadsheets/")) return "embedSpreadsheet";
    if (url.pathname.startsWith("/forms/")) return "embedForm";
  }
  if (/(?:^|\.)youtube(?:-nocookie)?\.com$/.test(host) || host === "youtu.be") return "embedVideo";
  if (host === "player.vimeo.com") return "embedVideo";
  return "embedContent";
}

/**
 * Normalise every `<iframe>` of the page: a `title` (from the nearest heading before it when the
 * author gave none, e.g. "Slides: Results"), `loading="lazy"`, no obsolete attributes,
 * `allowfullscreen` as a boolean, and a `.embed` wrapper that CSS sizes to 16:9.
 */
export function normalizeIframes(tree: Root, labels: Labels = ENGLISH): void {
  let lastHeading = "";

  visit(tree, (node, index, parent) => {
    // Output that holds iframes is never sealed; its headings still name the iframes after it.
    const sealed = node as { type: string };
    if (isSealedOutput(sealed)) {
      const last = sealed.data.sealed.fragment.lastHeading;
      if (last !== undefined) lastHeading = last;
      return;
    }
    if (node.type !== "element") return;
    if (headingRank(node) !== undefined) {
      lastHeading = toText(node).trim();
      return SKIP;
    }
    if (!parent || index === undefined) return;

    // An iframe alone in a paragraph (raw HTML written inline) replaces the paragraph: a `<div>`
    // may not sit inside `<p>`.
    if (node.tagName === "p") {
      const iframe = loneIframe(node);
      if (!iframe) return;
      normalizeAttributes(iframe, lastHeading, labels);
      parent.children[index] = h("div", { className: ["embed"] }, [iframe]);
      return SKIP;
    }

    if (node.tagName !== "iframe") return;
    normalizeAttributes(node, lastHeading, labels);
    if (isEmbedWrapper(parent)) return SKIP;
    const inPhrasing = parent.type === "element" && phrasingParents.has(parent.tagName);
    parent.children[index] = h(inPhrasing ? "span" : "div", { className: ["embed"] }, [node]);
    return SKIP;
  });
}

function normalizeAttributes(node: Element, heading: string, labels: Labels): void {
  const properties = Object.fromEntries(Object.entries(node.properties).filter(([key]) => !droppedAttributes.has(key.toLowerCase())));
  node.properties = properties;
  // Any value means "allowed" in HTML (`"true"`, `"false"` alike); write it as the boolean it is.
  if ("allowFullScreen" in properties || "allowfullscreen" in properties) {
    delete properties.allowfullscreen;
    properties.allowFullScreen = true;
  }
  const title = properties.title;
  if (typeof title !== "string" || title.trim() === "") {
    const src = properties.src;
    const kind = say(labels, kindOf(typeof src === "string" ? src : ""));
    properties.title = heading ? say(labels, "embedTitle", { kind, heading }) : kind;
  }
  if (properties.loading === undefined) properties.loading = "lazy";
}

function isEmbedWrapper(node: Parents): boolean {
  if (node.type !== "element") return false;
  const className = node.properties.className;
  return Array.isArray(className) && className.includes("embed");
}

function loneIframe(paragraph: Element): Element | undefined {
  let found: Element | undefined;
  for (const child of paragraph.children) {
    if (child.type === "text" && child.value.trim() === "") continue;
    if (child.type !== "element" || child.tagName !== "iframe" || found) return undefined;
    found = child;
  }
  return found;
}
