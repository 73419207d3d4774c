/**
 * Members' cards kept between builds, in the cache folder, signed, and with them the frames of the
 * pages that show them (the HTML around the cards, see `page-frame.ts`).
 *
 * The parse cache holds data, which the plugin checks and escapes again when it renders; a card is
 * HTML, which goes into the page as it is. So a card is only read back when it carries the
 * signature of a secret the site's build was given (the `cacheSecret` option): whoever can write
 * the cache folder but does not have the secret (a merge request's job restoring or saving the
 * cache) cannot make a card the build will use. A file whose signature does not match is ignored
 * as a whole, with one warning, and the cards are written again.
 *
 * A card is found under what it was written from: the member's whole content (the bytes of its
 * file, and what the checks left out of it), the options it shows, the code that wrote it and the
 * Node.js (its time-zone and region data). So a kept card is never stale: a member whose file
 * changed, a new version of the plugin or other options look for a card that is not there.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { codeHash } from "../plugin/team/cache/code-hash.js";
import { readFrame, releaseFrame, writeFrame, type FrameKind } from "../plugin/team/cache/frame-file.js";
import { displayPath, type Member } from "../plugin/team/entry.js";
import type { KeptRecordTexts } from "../plugin/team/model/export.js";
import { VERSION } from "../plugin/package.js";
import { digest } from "../plugin/text/hash.js";
import { isStringList } from "../plugin/team/cache/stored-check.js";
import { oneChunkFragment, type HtmlFragment } from "./html-writer.js";
import { packLists, unpackFragments, writeText, type PackedLists } from "./packed-fragments.js";

/** Cards kept under a key: the one seam between a card's writer and the store. */
export interface CardStore {
  /**
   * The cards of one `kind` shown with the options `key` stands for: a member's kept card, or the
   * one `write` makes now (and keeps for the next build). `also` is what else the card shows
   * besides its member and those options (the ids of its topics).
   */
  under(kind: string, key: string): (member: Member, write: () => HtmlFragment, also?: string) => HtmlFragment;
}

/** Pages' frames kept between processes by key, as text (see `plugin/markdown/page-frame.ts`). */
export interface PageFrameStore {
  /** The frame kept under `key`, if any. */
  frame(key: string): string | undefined;
  /** Keep `text` under `key` for later processes. */
  keepFrame(key: string, text: string): void;
}

const FORMAT = 5;
const KEPT_CARDS: FrameKind = { what: "the members' kept cards", lost: "the next build writes every card again" };
const MAC_BYTES = 32;

/**
 * The file's body, before the signature: the length of `Stored` serialized, `Stored` serialized,
 * and the cards' text (`PackedFragments.text`) as it is, which `v8.serialize` would copy whole
 * again. The signature comes last, so that the text is signed and written in pieces as it is
 * encoded, never whole in memory.
 */
interface Stored {
  readonly salt: string;
  /** Each card's key, in the order of `cards`. */
  readonly keys: string[];
  readonly cards: PackedLists;
  /** Pages' frames (see `page-frame.ts`) by key: the key, then the frame, for each. */
  readonly frames: string[];
}

const LENGTH_BYTES = 4;

/** What invalidates every card: the format, the version and code that wrote them, and Node.js's Intl data. */
function cardSalt(): string {
  const v = process.versions;
  return digest([String(FORMAT), VERSION, codeHash(), v.node, v.icu ?? "", v.tz ?? "", v.unicode ?? ""]);
}

/** Cards by key (none where the file's lists did not make one), and pages' frames by key. */
interface StoredCards {
  readonly cards: ReadonlyMap<string, HtmlFragment | undefined>;
  readonly frames: ReadonlyMap<string, string>;
}
const NONE: StoredCards = { cards: new Map(), frames: new Map() };

interface KeptCardsOptions {
  /** Told, at most once per build, that the file was ignored or could not be written. */
  readonly warn?: (message: string) => void;
  /** Base of the file's path in those messages. Default `process.cwd()`. */
  readonly cwd?: string;
  /**
   * What a member's content is known by: the key of the bytes its file held (the parse cache's);
   * a member without one has its cards written on every build.
   */
  readonly contentKey: (member: Member) => string | undefined;
}

export class KeptCards implements CardStore, PageFrameStore {
  readonly #file: string;
  readonly #shown: string;
  readonly #secret: string;
  readonly #warn: ((message: string) => void) | undefined;
  readonly #salt = cardSalt();
  /** The file's cards by key, read on first use. */
  #stored: StoredCards | undefined;
  /** The cards this build used, by key: what `save` writes. */
  #used = new Map<string, HtmlFragment>();
  /** The frames this build used, by key: what `save` writes with the cards. */
  #usedFrames = new Map<string, string>();
  #written = false;
  readonly #contentKey: (member: Member) => string | undefined;

  /** `dir` holds one file per team folder set (`folders` tells them apart), signed with `secret`. */
  constructor(dir: string, folders: string, secret: string, options: KeptCardsOptions) {
    this.#file = path.join(dir, `cards-${digest([folders]).slice(0, 16)}.v8`);
    this.#shown = displayPath(options.cwd ?? process.cwd(), this.#file);
    this.#secret = secret;
    this.#warn = options.warn;
    this.#contentKey = options.contentKey;
  }

  #mac(signed: Uint8Array): Buffer {
    return createHmac("sha256", this.#secret).update(signed).digest();
  }

  /** The file's cards and frames, read on first use (which marks the build as one that keeps them). */
  #kept(): StoredCards {
    return (this.#stored ??= this.#read());
  }

  #read(): StoredCards {
    const read = readFrame(this.#file, this.#shown, KEPT_CARDS);
    if ("problem" in read) this.#warn?.(read.problem);
    if (!("payload" in read)) return NONE;
    try {
      return this.#unpack(read.payload);
    } finally {
      // Every card is out of the bytes by now (or none is used).
      releaseFrame(read.payload);
    }
  }

  #unpack(payload: Buffer): StoredCards {
    const signed = payload.subarray(0, Math.max(0, payload.length - MAC_BYTES));
    const mac = payload.subarray(signed.length);
    if (mac.length !== MAC_BYTES || !timingSafeEqual(mac, this.#mac(signed))) {
      this.#warn?.(
        `the members' kept cards in ${this.#shown} are not signed with this build's secret (the \`cacheSecret\` option or ` +
          `MENTOR_DIRECTORY_CACHE_SECRET): a build without it, or with another one, wrote them; they are ignored and written again`,
      );
      return NONE;
    }
    const length = signed.length >= LENGTH_BYTES ? signed.readUInt32LE(0) : Infinity;
    if (LENGTH_BYTES + length > signed.length) return NONE;
    let stored: Partial<Stored>;
    try {
      stored = deserialize(signed.subarray(LENGTH_BYTES, LENGTH_BYTES + length)) as Partial<Stored>;
    } catch {
      return NONE; // signed by us, but by another Node.js
    }
    const { salt, keys, cards, frames } = stored;
    const text = signed.subarray(LENGTH_BYTES + length);
    const fits = salt === this.#salt && isStringList(keys) && isStringList(frames) && frames.length % 2 === 0 && typeof cards === "object";
    const card = fits ? unpackFragments({ ...cards, text }) : undefined;
    if (card === undefined || keys === undefined || frames === undefined) return NONE;
    const framed = new Map<string, string>();
    for (let at = 0; at < frames.length; at += 2) framed.set(frames[at] as string, frames[at + 1] as string);
    // Every card is taken out of the file's bytes now, not when first asked for: the bytes (the
    // whole file, ~100 MB at 100,000 members) are given back as soon as this returns, where cards
    // left to make would keep them as long as this store lives; a build asks for nearly all of them.
    return { cards: new Map(keys.map((key, at) => [key, card(at)])), frames: framed };
  }

  /**
   * What a member's cards are written from: the file's bytes and place (its content key), and
   * what the checks made of it across files (its invalid fields, which the member leaves out).
   */
  #memberKey(member: Member): string | undefined {
    const content = this.#contentKey(member);
    if (content === undefined) return undefined;
    // The content key hashes the file's place as shown (`member.file`) with its bytes.
    return `${content}\0${member.type}\0${member.invalidFields?.join("\0") ?? ""}`;
  }

  under(kind: string, key: string): (member: Member, write: () => HtmlFragment, also?: string) => HtmlFragment {
    const stored = this.#kept();
    const prefix = digest([kind, key], "base64url").slice(0, 16);
    return (member, write, also = "") => {
      const memberKey = this.#memberKey(member);
      if (memberKey === undefined) return write();
      const cardKey = `${prefix}\0${memberKey}\0${also}`;
      let card = this.#used.get(cardKey);
      if (card !== undefined) return card;
      card = stored.cards.get(cardKey);
      if (card === undefined) {
        card = write();
        this.#written = true;
      }
      this.#used.set(cardKey, card);
      return card;
    };
  }

  /**
   * Texts kept like cards (a member's record in `/mentors.json`), each as a fragment of one chunk:
   * for each key of what shapes them, a member's kept text or the one `write` makes now.
   */
  texts(kind: string): KeptRecordTexts {
    return (key) => {
      const cardOf = this.under(kind, key);
      return (member, write) => cardOf(member, () => oneChunkFragment(write())).chunks.join("");
    };
  }

  frame(key: string): string | undefined {
    const stored = this.#kept();
    const text = this.#usedFrames.get(key) ?? stored.frames.get(key);
    if (text !== undefined) this.#usedFrames.set(key, text);
    return text;
  }

  keepFrame(key: string, text: string): void {
    this.#kept();
    this.#usedFrames.set(key, text);
    this.#written = true;
  }

  /** Write the cards and frames this build used, signed, when they differ from the file's. */
  save(): void {
    // A build that asked for no card (no page shows the team) leaves the file as it is.
    if (this.#stored === undefined) return;
    const unchanged = this.#used.size === this.#stored.cards.size && this.#usedFrames.size === this.#stored.frames.size;
    if (!this.#written && unchanged) return;
    const { lists, chunks } = packLists([...this.#used.values()]);
    const frames = [...this.#usedFrames].flat();
    const body = serialize({ salt: this.#salt, keys: [...this.#used.keys()], cards: lists, frames } satisfies Stored);
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32LE(body.length);
    const problem = writeFrame(
      this.#file,
      this.#shown,
      (write) => {
        const mac = createHmac("sha256", this.#secret);
        const signed = (bytes: Uint8Array): void => {
          mac.update(bytes);
          write(bytes);
        };
        signed(length);
        signed(body);
        writeText(chunks, lists, signed);
        write(mac.digest());
      },
      KEPT_CARDS,
    );
    if (problem) {
      this.#warn?.(problem);
      return;
    }
    const written = this.#used;
    this.#stored = { cards: written, frames: this.#usedFrames };
    this.#used = new Map();
    this.#usedFrames = new Map();
    this.#written = false;
  }
}
