// Click-to-load video embeds (the `youtube` shortcode's facade).
//
// The page ships a link to the video and, beside it, the player inside an inert <template>, so
// opening the page costs no request to the video host. When the reader asks for the video, the
// link gives way to the player. Without this script the link simply opens the video on its site.
// Any `.embed-facade` link followed by a <template> holding an iframe works the same way.

/**
 * The player's address once the reader has asked for it: a second click to start playback would
 * be a step the reader already took.
 * @param {string} src
 * @returns {string}
 */
export function autoplaySrc(src) {
  const url = new URL(src);
  url.searchParams.set("autoplay", "1");
  return url.href;
}

/**
 * Put the player where the link was and give it focus, so that keyboard and screen reader users
 * land in the player they asked for instead of at the top of the document.
 * @param {HTMLAnchorElement} link an `.embed-facade` (or `data-youtube-id`) link
 * @returns {HTMLIFrameElement | null} the player, or null when the markup is not a facade
 */
export function activate(link) {
  const template = link.nextElementSibling;
  if (!(template instanceof HTMLTemplateElement)) return null;
  const source = template.content.querySelector("iframe");
  if (source === null) return null;
  const frame = /** @type {HTMLIFrameElement} */ (document.importNode(source, true));
  frame.src = autoplaySrc(frame.src);
  link.replaceWith(frame);
  template.remove();
  frame.focus();
  return frame;
}

/** @param {MouseEvent} event */
function onClick(event) {
  // A click with a modifier or another button means "open elsewhere": leave it to the browser.
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const target = event.target instanceof Element ? event.target.closest("a.embed-facade, a[data-youtube-id]") : null;
  if (!(target instanceof HTMLAnchorElement)) return;
  if (activate(target) !== null) event.preventDefault();
}

if (typeof document !== "undefined") {
  // One listener for the whole document also covers embeds added after this script ran.
  document.addEventListener("click", onClick);
}
