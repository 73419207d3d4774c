/**
 * The team as the site uses it: members in reading order, indexed by slug and by expertise topic,
 * and the selection rule of the `group-by-expertise` shortcode.
 *
 * Everything here is pure, and a directory is frozen: Eleventy shares a frozen plain object
 * between pages instead of deep-copying it for each of them, and a shared value must not change.
 */
import { containsPhrase, matchingForm, searchableForm } from "../../assets/skill-match.js";
import { hasLazyExpertise } from "./expertise.js";
import { MemberMemo } from "./member-memo.js";
import { hasSkill, skillKey, skillsOf, withoutMentorPrefix } from "./skills.js";
import type { Member } from "../entry.js";
import { digest } from "../../text/hash.js";

export type { Member };

export interface Topic {
  /** Label as shown (first spelling met in name order). */
  readonly label: string;
  /** Stable anchor id, e.g. `topic-remote-work`. */
  readonly id: string;
  /** Number of members listing the topic. */
  readonly count: number;
  /** Grouping key: the label with case, whitespace and compatibility forms normalized. */
  readonly key: string;
}

export interface Directory {
  /** Every member, ordered by name (see `compareMembers`). */
  readonly members: readonly Member[];
  /** Members by slug (iteration order unspecified). */
  readonly bySlug: ReadonlyMap<string, Member>;
  /** Members with `mentor: true`, in the same order. */
  readonly mentors: readonly Member[];
  /** Expertise topics of all members (see `topicsOf`). */
  readonly topics: readonly Topic[];
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Reading order: name by locale-aware collation (accents and case ignored), then slug. */
function compareMembers(a: Member, b: Member): number {
  return collator.compare(a.name, b.name) || compareCodeUnits(a.slug, b.slug);
}

interface DirectoryOptions {
  /** The members are the caller's to give away (fresh from a load): frozen where they are, not copied. */
  readonly adopt?: boolean;
  /**
   * The directory of the build before (watch mode). Members it shares with this one keep their
   * order, and only the others are placed, instead of sorting the whole team by locale again.
   */
  readonly previous?: Directory | undefined;
}

/**
 * Build the frozen directory. Members are copied and frozen (the input is not changed), ordered by
 * `compareMembers`; when two members share a slug, the first in that order is the one `bySlug`
 * returns.
 */
export function buildDirectory(members: readonly Member[], options: DirectoryOptions = {}): Directory {
  const copies = new WeakMap<object, unknown>();
  // `adopt`: the members are the caller's to give away (fresh from a load), so freeze them where
  // they are instead of copying thousands of objects.
  const all = Object.freeze(members.map((member) => (options.adopt ? deepFreeze(member) : frozenCopy(member, copies)) as Member));
  const memo = new DirectoryMemo(all, options.previous === undefined ? undefined : memoOf(options.previous)?.asPrevious());
  return directoryOf(memo);
}

/**
 * The directory object around `memo`. Its getters are closures, and closures made in one function
 * share that function's scope: made in `buildDirectory`, they held its `options`, and through
 * `options.previous` every directory a watch process had built before (the heap grew with each
 * rebuild). Here they see the memo alone.
 */
function directoryOf(memo: DirectoryMemo): Directory {
  const directory = {
    get members(): readonly Member[] {
      return memo.members();
    },
    // A map of the whole team, which the plugin's pages never ask for: made on first use.
    get bySlug(): ReadonlyMap<string, Member> {
      return (memo.bySlug ??= slugMap(memo.unordered));
    },
    mentors: memo.sorted(MENTORS, (member) => member.mentor),
    // Topics need every member's expertise parsed, and only some uses ask for them.
    get topics(): readonly Topic[] {
      return (memo.topics ??= Object.freeze(topicsOf(memo.members())));
    },
  };
  // Not enumerable: templates, copies and JSON see the directory's data only.
  Object.defineProperty(directory, memoKey, { value: memo });
  return Object.freeze(directory);
}

/** Keys of a memo's sorted lists: the whole team and the mentors; a selection's is `selection:` and its argument. */
const EVERYONE = "everyone";
const MENTORS = "mentors";
const everyone = (): boolean => true;

/** What a directory keeps of the one before it (watch mode): its team as given, and what it sorted. */
interface PreviousTeam {
  readonly given: readonly Member[];
  readonly selections: ReadonlyMap<string, readonly Member[]>;
}

/** The members of a team that left since the team before, and those that came (changed files' members are both). */
interface TeamChange {
  readonly gone: ReadonlySet<Member>;
  readonly added: readonly Member[];
}

/**
 * What a directory works out about itself on first use, created with it and kept on it: its
 * reading order, its topics and the selections pages ask for.
 */
class DirectoryMemo {
  // Sorting thousands of names by locale is slow, and a page usually lists only a selection:
  // the whole team is sorted on first use, and selections sort only what they keep.
  topics: readonly Topic[] | undefined;
  bySlug: ReadonlyMap<string, Member> | undefined;
  /** The whole team, the mentors and the members selected by each argument (see `selectMembers`): see `sorted`. */
  readonly selections = new Map<string, readonly Member[]>();
  #change: TeamChange | null | undefined;

  /**
   * `unordered`: every member in the order given, for selections that sort only what they keep.
   * `previous`: the directory of the build before (watch mode), whose sorted lists these start from.
   */
  constructor(
    readonly unordered: readonly Member[],
    private readonly previous: PreviousTeam | undefined,
  ) {}

  members(): readonly Member[] {
    return this.sorted(EVERYONE, everyone);
  }

  /**
   * The members `keep` says yes to, in reading order, under `key`: from the previous directory's
   * list under the same key when the teams differ by a few members, with `keep` asked of those only.
   * `keep` must answer for a member alone, the same each time.
   */
  sorted(key: string, keep: (member: Member) => boolean): readonly Member[] {
    let list = this.selections.get(key);
    if (list === undefined) {
      const before = this.previous?.selections.get(key);
      const change = before && this.change();
      const chosen =
        before && change
          ? placed(before, { gone: change.gone, added: change.added.filter(keep) })
          : this.unordered.filter(keep).sort(compareMembers);
      list = Object.freeze(chosen);
      this.selections.set(key, list);
    }
    return list;
  }

  /** What a directory built after this one starts from. */
  asPrevious(): PreviousTeam {
    return { given: this.unordered, selections: this.selections };
  }

  /** The change from the previous team, or `undefined` when too much changed for placing members one by one. */
  change(): TeamChange | undefined {
    if (this.#change === undefined) this.#change = (this.previous && teamChange(this.previous.given, this.unordered)) ?? null;
    return this.#change ?? undefined;
  }
}

/** Too many new members (a branch switch, a first build): one sort is cheaper than placing each. */
function fewEnough(added: number, team: number): boolean {
  return added * 8 <= team;
}

/**
 * How `members` differ from `before`, another load of a team that shares most of them (the same
 * objects). A load gives the team in the order of its files, and a changed file's member takes the
 * place of the one before: where the two teams are that long, members are told apart place by place
 * (a moved member is simply both taken out and put back), which is pointer comparisons, not a set of
 * the whole team.
 */
function teamChange(before: readonly Member[], members: readonly Member[]): TeamChange | undefined {
  if (before.length === members.length) {
    const gone = new Set<Member>();
    const added: Member[] = [];
    members.forEach((member, index) => {
      const was = before[index] as Member;
      if (member === was) return;
      gone.add(was);
      added.push(member);
    });
    return fewEnough(added.length, members.length) ? { gone, added } : undefined;
  }
  const present = new Set(members);
  const known = new Set(before);
  const added = members.filter((member) => !known.has(member));
  return fewEnough(added.length, members.length) ? { gone: new Set(before.filter((member) => !present.has(member))), added } : undefined;
}

/**
 * `sorted` (in reading order) without the `gone` members and with the `added` ones, placed by binary
 * search: the same order as sorting the result, with a handful of comparisons for one changed file.
 */
function placed(sorted: readonly Member[], change: TeamChange): Member[] {
  const kept = change.gone.size <= FEW_GONE ? withoutFew(sorted, change.gone) : sorted.filter((member) => !change.gone.has(member));
  const added = [...change.added].sort(compareMembers);
  // The kept members between two placed ones are copied as one slice, and the slices joined once:
  // a watch-mode build places one member among tens of thousands.
  const runs: (readonly Member[])[] = [];
  let from = 0;
  for (const member of added) {
    const at = upperBound(kept, member, from);
    runs.push(kept.slice(from, at), [member]);
    from = at;
  }
  runs.push(kept.slice(from));
  return ([] as Member[]).concat(...runs);
}

/** Up to this many members gone are each found by binary search; more are filtered out in one pass. */
const FEW_GONE = 16;

/** `sorted` without the `gone` members it holds, each found by binary search among those that sort the same. */
function withoutFew(sorted: readonly Member[], gone: ReadonlySet<Member>): readonly Member[] {
  const places: number[] = [];
  for (const member of gone) {
    for (let index = lowerBound(sorted, member); index < sorted.length && compareMembers(sorted[index] as Member, member) === 0; index++) {
      if (sorted[index] !== member) continue;
      places.push(index);
      break;
    }
  }
  if (places.length === 0) return sorted;
  places.sort((a, b) => a - b);
  const runs: (readonly Member[])[] = [];
  let from = 0;
  for (const place of places) {
    runs.push(sorted.slice(from, place));
    from = place + 1;
  }
  runs.push(sorted.slice(from));
  return ([] as Member[]).concat(...runs);
}

const memoKey = Symbol("directory memo");

/** The memo of a directory `buildDirectory` made; undefined for one made elsewhere (a test's plain object). */
function memoOf(directory: Directory): DirectoryMemo | undefined {
  return (directory as { readonly [memoKey]?: DirectoryMemo })[memoKey];
}

/** Members by slug; of two that share a slug, the first in reading order. */
function slugMap(members: readonly Member[]): ReadonlyMap<string, Member> {
  const bySlug = new Map<string, Member>();
  for (const member of members) {
    const known = bySlug.get(member.slug);
    if (known === undefined || compareMembers(member, known) < 0) bySlug.set(member.slug, member);
  }
  return new FrozenMap(bySlug);
}

/** The first index whose member does not sort before `member`. */
function lowerBound(sorted: readonly Member[], member: Member): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareMembers(sorted[middle] as Member, member) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index at or after `from` whose member sorts after `member`. */
function upperBound(sorted: readonly Member[], member: Member, from: number): number {
  let low = from;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareMembers(sorted[middle] as Member, member) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Whether a member matches an argument, kept across directories (see `MemberMemo`).
const matchVerdicts = new MemberMemo<boolean>();

/**
 * The members the `group-by-expertise` shortcode lists for `argument`, in directory order:
 *
 * - members whose entry has the field named `argument` set to boolean `true`
 *   (`member.data[argument]`, and `member.mentor` for `"mentor"`);
 * - members one of whose skills (`skillsOf`: expertise items and `domain_expertise` keys)
 *   contains `argument` as a whole-word phrase, case-insensitively, after Unicode normalization
 *   (`skillMatches`). Link targets are never searched, nor URLs written out in a label.
 *
 * Results are memoized per directory and argument.
 */
export function selectMembers(directory: Directory, argument: string): readonly Member[] {
  const memo = memoOf(directory);
  const phrase = matchingForm(argument);
  if (phrase === "") return Object.freeze([]);
  const matches = (member: Member): boolean =>
    matchVerdicts.get(argument, member, () => hasTrueField(member, argument) || hasSkill(member, phrase));
  return memo ? memo.sorted(`selection:${argument}`, matches) : Object.freeze(directory.members.filter(matches).sort(compareMembers));
}

/** Why a selected member is listed: by the boolean field, or (only) by expertise. */
export function selectionReason(member: Member, argument: string): "field" | "expertise" {
  return hasTrueField(member, argument) ? "field" : "expertise";
}

/** Whether the member's field named `field` is boolean `true` (`mentor` is a modelled field). */
function hasTrueField(member: Member, field: string): boolean {
  if (field === "mentor" && member.mentor) return true;
  return Object.hasOwn(member.data, field) && member.data[field] === true;
}

/**
 * Whether `text` contains `phrase` as a whole-word phrase: compared in `matchingForm`, and the
 * characters around the match are not letters, marks or digits (so "mentor" is found in
 * "Mentor - Remote Work" and not in "mentoring"). URLs written out in `text` are never searched.
 * `phrase` must already be in matching form.
 */
export function phraseMatches(text: string, phrase: string): boolean {
  return phrase !== "" && containsPhrase(searchableForm(text), phrase);
}

export { matchingForm };

/** The grouping key of a topic label: `skillKey` (case, spacing and a "Mentor - " prefix aside). */
export function topicKey(label: string): string {
  return skillKey(label);
}

/**
 * The topics of `members`: one per distinct skill key (`skillsOf`, so expertise items and domain
 * keys meet), labelled with the first spelling met (in the given order) without its "Mentor - "
 * prefix, counting members (not mentions), sorted by count (descending)
 * then label. Ids are `topic-` and a slug of the key; when keys share a slug, all but the first in
 * key order also get a short hash of their key, so an id depends only on the topics present.
 */
export function topicsOf(members: readonly Member[]): Topic[] {
  const groups = new Map<string, { label: string; members: Set<string> }>();
  for (const member of members) {
    for (const skill of skillsOf(member)) {
      const key = skill.key;
      let group = groups.get(key);
      if (group === undefined) {
        group = { label: withoutMentorPrefix(skill.label), members: new Set() };
        groups.set(key, group);
      }
      group.members.add(member.slug);
    }
  }

  const ids = topicIds([...groups.keys()]);
  const topics = [...groups].map(([key, group]) => {
    const id = ids.get(key);
    // topicIds gives every key an id; a key without one is a bug here, not a problem of the data.
    if (id === undefined) throw new Error(`no id for the topic ${key}`);
    return Object.freeze({ label: group.label, id, count: group.members.size, key });
  });
  return topics.sort((a, b) => b.count - a.count || collator.compare(a.label, b.label) || compareCodeUnits(a.key, b.key));
}

/** The ids of the topics that `member` lists, in the member's order, without repeats. */
export function memberTopicIds(member: Member, topics: readonly Topic[]): string[] {
  return topicIdsOf(topics)(member);
}

/** `memberTopicIds` for many members: the topics are indexed once. */
export function topicIdsOf(topics: readonly Topic[]): (member: Member) => string[] {
  const byKey = new Map(topics.map((topic) => [topic.key, topic.id]));
  return (member) => {
    const ids: string[] = [];
    for (const skill of skillsOf(member)) {
      const id = byKey.get(skill.key);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    return ids;
  };
}

function topicIds(keys: readonly string[]): Map<string, string> {
  const bySlug = new Map<string, string[]>();
  for (const key of [...keys].sort(compareCodeUnits)) {
    const slug = slugify(key) || `x${hash(key)}`;
    const group = bySlug.get(slug);
    if (group === undefined) bySlug.set(slug, [key]);
    else group.push(key);
  }
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const [slug, group] of bySlug) {
    group.forEach((key, index) => {
      let id = index === 0 ? `topic-${slug}` : `topic-${slug}-${hash(key)}`;
      // Practically unreachable, but an id must be unique whatever the data.
      for (let n = 2; used.has(id); n++) id = `topic-${slug}-${hash(key)}-${n}`;
      used.add(id);
      ids.set(key, id);
    });
  }
  return ids;
}

/**
 * ASCII slug of a key: accents removed, every run of other characters a dash, at most 60
 * characters. Empty when nothing ASCII is left (a label in another script or only emoji).
 */
export function slugify(value: string): string {
  return (
    value
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 60)
      // Each run is one dash by now, so one dash at either end is all there is to take off.
      .replace(/^-|-$/g, "")
  );
}

/** Six hex digits of the key's hash: short, and the same on every build. */
function hash(value: string): string {
  return digest([value]).slice(0, 6);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A copy in which every plain object, array and date is frozen. Shared references stay shared and
 * cycles (YAML anchors) are followed once.
 */
function frozenCopy(value: unknown, copies: WeakMap<object, unknown>): unknown {
  if (value === null || typeof value !== "object") return value;
  const known = copies.get(value);
  if (known !== undefined) return known;

  if (value instanceof Date) {
    const copy = Object.freeze(new Date(value.getTime()));
    copies.set(value, copy);
    return copy;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const element of value) copy.push(frozenCopy(element, copies));
    return Object.freeze(copy);
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    // Not data read from YAML; freezing it in place would change the caller's object.
    return value;
  }
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, property] of Object.entries(value)) copy[key] = frozenCopy(property, copies);
  return Object.freeze(copy);
}

/**
 * Freeze plain objects and arrays in place. An object already frozen is taken as frozen all the
 * way down, which stops at shared references and cycles and makes freezing the members kept from
 * an earlier build (watch mode) free; adopted members never hold a shallowly frozen object.
 */
function deepFreeze(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    Object.freeze(value);
    for (const element of value) deepFreeze(element);
    return value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) {
    // A member's lazily parsed expertise is left to compute its value when first read.
    if (key === "expertise" && hasLazyExpertise(value)) continue;
    deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A map that cannot change: `ReadonlyMap` is only a type, and `Object.freeze` leaves a `Map` writable. */
class FrozenMap<K, V> implements ReadonlyMap<K, V> {
  readonly #map: Map<K, V>;

  /** Takes `map` over: the caller must not keep a reference to change it through. */
  constructor(map: Map<K, V>) {
    this.#map = map;
    Object.freeze(this);
  }

  get size(): number {
    return this.#map.size;
  }
  get(key: K): V | undefined {
    return this.#map.get(key);
  }
  has(key: K): boolean {
    return this.#map.has(key);
  }
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.#map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries(): MapIterator<[K, V]> {
    return this.#map.entries();
  }
  keys(): MapIterator<K> {
    return this.#map.keys();
  }
  values(): MapIterator<V> {
    return this.#map.values();
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.#map[Symbol.iterator]();
  }
}
