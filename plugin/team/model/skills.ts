/**
 * A member's skills: the one model that the directory, its topic index and search, `/mentors.json`,
 * `list` and `pair` all read.
 *
 * A skill comes from an item of `expertise` (the visible text of an `<li>`, a line, a list
 * element) or from a key of `domain_expertise` (`rest_api`), which is shown readably ("REST API")
 * and keeps its key for matching. Matching is whole-word and case-insensitive on the label and
 * the key, never on markup or URLs.
 */
import { matchingForm, skillTextMatches } from "../../assets/skill-match.js";
import { expertiseMayContain } from "./expertise.js";
import { MemoByTwoKeys } from "../../text/memo.js";
import type { Member } from "../entry.js";

interface Skill {
  /** As shown. */
  readonly label: string;
  /** Link of an expertise item, untrusted: pass it through `safeWebUrl` before output. */
  readonly href?: string;
  /** Grouping key (`skillKey`): skills with one key are one topic. */
  readonly key: string;
  /** The `domain_expertise` key behind the skill, when there is one. */
  readonly domainKey?: string;
}

/**
 * What a domain key may look like; anything else in `domain_expertise` is not a key, and the
 * schema reports it. Keeping only such keys means a key never carries markup into a page.
 */
const DOMAIN_KEY = /^[a-z0-9][a-z0-9_.+#-]{0,63}$/;

/**
 * Keys whose readable form is not their words capitalized: product names and the acronyms a
 * team writes in lower case in a key.
 */
const DOMAIN_WORDS: Readonly<Record<string, string>> = {
  api: "API",
  aws: "AWS",
  cd: "CD",
  ci: "CI",
  css: "CSS",
  devops: "DevOps",
  devsecops: "DevSecOps",
  dns: "DNS",
  gcp: "GCP",
  git: "Git",
  gitlab: "GitLab",
  graphql: "GraphQL",
  html: "HTML",
  http: "HTTP",
  ios: "iOS",
  javascript: "JavaScript",
  k8s: "K8s",
  ldap: "LDAP",
  mysql: "MySQL",
  nodejs: "Node.js",
  postgres: "Postgres",
  postgresql: "PostgreSQL",
  qa: "QA",
  rails: "Ruby on Rails",
  rest: "REST",
  saas: "SaaS",
  sast: "SAST",
  sql: "SQL",
  sre: "SRE",
  ssh: "SSH",
  sso: "SSO",
  typescript: "TypeScript",
  ui: "UI",
  ux: "UX",
  vue: "Vue.js",
  vuejs: "Vue.js",
};

/** Keys read as a whole before being split into words. */
const DOMAIN_PHRASES: Readonly<Record<string, string>> = {
  ci_cd: "CI/CD",
};

/**
 * The readable form of a domain key: `rest_api` → "REST API", `distributed_systems` →
 * "Distributed systems", `ci_cd` → "CI/CD". Words known to `DOMAIN_WORDS` take their spelling;
 * the first other word is capitalized.
 */
export function domainLabel(key: string): string {
  // Own properties only: a key such as `constructor` must not find a property of every object.
  const phrase = Object.hasOwn(DOMAIN_PHRASES, key) ? DOMAIN_PHRASES[key] : undefined;
  if (phrase !== undefined) return phrase;
  const words = key.split(/[_\s-]+/).filter(Boolean);
  return words
    .map((word, index) => {
      const known = Object.hasOwn(DOMAIN_WORDS, word) ? DOMAIN_WORDS[word] : undefined;
      if (known !== undefined) return known;
      return index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
    })
    .join(" ");
}

/** The valid keys of a member's `domain_expertise`, in order, without repeats. */
export function domainKeysOf(member: Member): readonly string[] {
  const value = Object.hasOwn(member.data, "domain_expertise") ? member.data["domain_expertise"] : undefined;
  if (!Array.isArray(value)) return [];
  const keys: string[] = [];
  for (const element of value as unknown[]) {
    if (typeof element !== "string") continue;
    const key = element.trim().toLowerCase();
    if (DOMAIN_KEY.test(key) && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

// "Mentor - Remote Work", "Mentoring: Product", "Mentor – Development …": on a page of mentors,
// a prefix that says "mentor" says nothing about the topic.
const MENTOR_PREFIX = /^\s*mentor(?:ing|ship)?\s*[-:|\u2010-\u2015\u2212]\s*/iu;

/**
 * The label without a leading "Mentor - " (or "Mentoring:" …), as the topic index shows it; the
 * label itself when nothing would be left.
 */
export function withoutMentorPrefix(label: string): string {
  const rest = label.replace(MENTOR_PREFIX, "").trim();
  return rest === "" ? label.trim() : rest;
}

/**
 * The grouping key of a skill label: `matchingForm` of the label without its mentor prefix and
 * without trailing punctuation. "Merge Request Coach" and "Merge request coach" share a key, and so
 * do "Remote work" and "Mentor - Remote Work"; a domain key's readable form shares the key of the
 * same words written in `expertise` ("kubernetes" and "Kubernetes").
 */
export function skillKey(label: string): string {
  return withoutTrailingPunctuation(matchingForm(withoutMentorPrefix(label)));
}

/** In matching form, where every run of whitespace is one space. */
const TRAILING_PUNCTUATION = new Set([" ", ".", ",", ";", ":", "!"]);

/**
 * `text` without the spaces and the `.,;:!` it ends with. A loop from the end rather than a
 * pattern anchored at the end, which would rescan every run of these characters in a label.
 */
function withoutTrailingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

// Beside each member, not on it: members are frozen data shared with templates; it goes with them.
const skillsByMember = new WeakMap<object, readonly Skill[]>();

/**
 * Every skill of `member`: the expertise items in their order, then the domain keys whose readable
 * form no expertise item already names (such a key is kept on that item instead). Frozen and
 * computed once per member object.
 */
export function skillsOf(member: Member): readonly Skill[] {
  const known = skillsByMember.get(member);
  if (known !== undefined) return known;
  const skills: Skill[] = [];
  const byKey = new Map<string, number>();
  for (const item of member.expertise) {
    const key = skillKey(item.label);
    if (key === "" || byKey.has(key)) continue;
    byKey.set(key, skills.length);
    skills.push(item.href === undefined ? { label: item.label.trim(), key } : { label: item.label.trim(), href: item.href, key });
  }
  for (const domainKey of domainKeysOf(member)) {
    const label = domainLabel(domainKey);
    const key = skillKey(label);
    const index = byKey.get(key);
    if (index === undefined) {
      byKey.set(key, skills.length);
      skills.push({ label, key, domainKey });
    } else if ((skills[index] as Skill).domainKey === undefined) {
      skills[index] = { ...(skills[index] as Skill), domainKey };
    }
  }
  const frozen = Object.freeze(skills.map((skill) => Object.freeze(skill)));
  skillsByMember.set(member, frozen);
  return frozen;
}

/**
 * Whether `skill` matches `phrase` (in `matchingForm`): the phrase occurs as whole words in its
 * label or in its domain key, where `_` separates words (`rest_api` is found by "api").
 */
export function skillMatches(skill: Skill, phrase: string): boolean {
  return skillTextMatches(skill.label, skill.domainKey, phrase);
}

/** The skills of `member` that match `phrase` (in `matchingForm`), in the member's order. */
export function matchingSkills(member: Member, phrase: string): readonly Skill[] {
  return skillsOf(member).filter((skill) => skillMatches(skill, phrase));
}

// A team's domain keys are a few dozen, each listed by many members: whether one matches a phrase
// is worked out once (20,000 members asked for "mentor": 43 against 13–17 ms), by phrase, then key.
const domainVerdicts = new MemoByTwoKeys<boolean>(64, 10_000);

/** Whether the domain skill `key` matches `phrase`, as `skillMatches` would say of it. */
function domainKeyMatches(key: string, phrase: string): boolean {
  return domainVerdicts.under(phrase).get(key, () => skillTextMatches(domainLabel(key), key, phrase));
}

/**
 * Whether any skill of `member` matches `phrase` (in `matchingForm`), as `skillsOf(member)` would
 * say. Domain skills are tried first, and the expertise HTML is parsed only when its text could
 * contain the phrase: most members of a large team are ruled out without parsing.
 */
export function hasSkill(member: Member, phrase: string): boolean {
  if (phrase === "") return false;
  for (const key of domainKeysOf(member)) if (domainKeyMatches(key, phrase)) return true;
  if (!expertiseMayContain(member, phrase)) return false;
  return member.expertise.some((item) => skillKey(item.label) !== "" && skillTextMatches(item.label.trim(), undefined, phrase));
}
