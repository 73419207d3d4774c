/**
 * `{{< youtube "VIDEO_ID" >}}`, `{{< youtube id="VIDEO_ID" title="…" >}}`.
 *
 * Renders a click-to-load facade instead of the player, so that opening the page makes no
 * request to YouTube (no cookies, no 1 MB of player script) until the reader asks for the video:
 *
 * ```html
 * <div class="embed embed-youtube">
 *   <a class="embed-facade" href="https://www.youtube.com/watch?v=ID" data-youtube-id="ID">Play video: TITLE</a>
 *   <template><iframe src="https://www.youtube-nocookie.com/embed/ID" title="TITLE" loading="lazy"
 *     allow="…" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe></template>
 * </div>
 * ```
 *
 * Contract with the page script: on a click on `a[data-youtube-id]`, replace the link with the
 * content of the `<template>` next to it (it may add `?autoplay=1` to the iframe's `src`, since the
 * reader already clicked). Without JavaScript the link opens the video on YouTube. The iframe is
 * kept as markup in the `<template>` rather than rebuilt from data attributes so that its
 * attributes live in one place, here.
 */
import type { ElementContent } from "hast";
import { h } from "hastscript";
import { labelsOf, say } from "./labels.js";
import { ShortcodeUsageError, type ShortcodeArguments, type ShortcodeDefinition } from "./types.js";

const videoId = /^[\w-]{11}$/;
const allow = "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share";
const acceptedNames = ["id", "title"];

/** The id inside a pasted video URL, to suggest the right call. */
function idFromUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^(?:www|m)\./, "");
  let candidate: string | undefined;
  if (host === "youtu.be") candidate = url.pathname.slice(1);
  else if (host === "youtube.com" || host === "youtube-nocookie.com") {
    candidate = url.searchParams.get("v") ?? /^\/(?:embed|shorts|live)\/([^/]+)/.exec(url.pathname)?.[1];
  }
  return candidate && videoId.test(candidate) ? candidate : undefined;
}

/** The video id and the title given, if any. */
function readArguments(args: ShortcodeArguments): { id: string; title: string | undefined } {
  const unknown = Object.keys(args.named).filter((name) => !acceptedNames.includes(name));
  if (unknown.length > 0) {
    throw new ShortcodeUsageError(
      `unknown argument ${unknown.map((name) => `"${name}"`).join(", ")}`,
      `youtube accepts ${acceptedNames.map((name) => `${name}="…"`).join(" and ")}.`,
    );
  }
  if (args.positional.length > 1) {
    throw new ShortcodeUsageError(
      `expected one video id, got ${args.positional.length} arguments`,
      'Give the title as a named argument: {{< youtube id="VIDEO_ID" title="What the video shows" >}}',
    );
  }

  const named = args.named.id;
  const positional = args.positional[0];
  if (named !== undefined && positional !== undefined && named !== positional) {
    throw new ShortcodeUsageError(`the video id is given twice ("${positional}" and id="${named}")`, "Keep one of them.");
  }
  const id = (named ?? positional ?? "").trim();
  if (id === "") {
    throw new ShortcodeUsageError(
      "missing the video id",
      'Write {{< youtube "0W3d-PJ4-FM" >}}: the 11 characters after "v=" in the video\'s address.',
    );
  }
  if (!videoId.test(id)) {
    const fromUrl = idFromUrl(id);
    throw new ShortcodeUsageError(
      `"${id}" is not a YouTube video id (11 letters, digits, "-" or "_")`,
      fromUrl
        ? `Give the id, not the address: {{< youtube "${fromUrl}" >}}`
        : 'Copy the 11 characters after "v=" in the video\'s address, e.g. {{< youtube "0W3d-PJ4-FM" >}}',
    );
  }

  const title = args.named.title?.trim();
  return { id, title: title ? title : undefined };
}

export const youtube: ShortcodeDefinition = {
  name: "youtube",
  templateName: "youtube",
  paired: false,
  usage: '{{< youtube "VIDEO_ID" >}} or {{< youtube id="VIDEO_ID" title="What the video shows" >}}',

  render(args, context): ElementContent[] {
    const labels = labelsOf(context);
    const { id, title: given } = readArguments(args);
    const title = given ?? say(labels, "videoTitle");
    return [
      h("div", { className: ["embed", "embed-youtube"] }, [
        h(
          "a",
          {
            className: ["embed-facade"],
            href: `https://www.youtube.com/watch?v=${id}`,
            dataYoutubeId: id,
          },
          say(labels, "playVideo", { title }),
        ),
        h("template", [
          h("iframe", {
            src: `https://www.youtube-nocookie.com/embed/${id}`,
            title,
            loading: "lazy",
            allow,
            referrerPolicy: "strict-origin-when-cross-origin",
            allowFullScreen: true,
          }),
        ]),
      ]),
    ];
  },
};
