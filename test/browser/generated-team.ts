// A large team written as team files on disk, for builds that measure what a reader's browser
// does with it: small files in the real shapes (a name, a role, departments, `<li>` expertise,
// some with links or an address written out, some domain keys), every member a mentor so that
// both pages list all of them. Deterministic: the same files on every run.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const FIRST = ["Ada", "Bo", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivo", "Jun", "Kemal", "Lena", "Mio", "Nia", "Otto", "Pia"];
const LAST = ["Abe", "Berg", "Costa", "Diaz", "Eze", "Fox", "Gill", "Holm", "Ito", "Jovic", "Kim", "Lund", "Moss", "Nagy", "Ortiz", "Park"];
const ROLES = ["Backend Engineer", "Frontend Engineer", "Product Manager", "Support Engineer", "Engineering Manager", "Technical Writer"];
const DEPARTMENTS = ["Engineering", "Plan Stage", "Create Stage", "Support", "Product", "People Group", "Marketing"];
const SKILLS = [
  "Ruby on Rails",
  "Remote work",
  "Mentor - Remote Work",
  "Kubernetes",
  "GraphQL",
  "Engineering management",
  "Career development",
  "Go",
  "Vue.js",
  "PostgreSQL",
  "Public speaking",
  "Merge request coach",
  "Accessibility",
  "Security",
  "Technical writing",
  'See <a href="/handbook/engineering/">the handbook</a>',
  "Ask me: jo@example.com",
  "Notes at https://example.com/mentoring/notes",
];
const DOMAIN_KEYS = ["kubernetes", "rest_api", "ci_cd", "distributed_systems", "graphql"];

export interface GeneratedMember {
  readonly slug: string;
  readonly name: string;
  readonly text: string;
}

/** Member `index` of a generated team: a unique slug, and its file's text. */
export function generatedMember(index: number): GeneratedMember {
  const first = FIRST[index % FIRST.length]!;
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
  const name = `${first} ${last} ${index}`;
  const slug = `${first}-${last}-${index}`.toLowerCase();
  const skills = [0, 1, 2].slice(0, index % 4).map((k) => SKILLS[(index * 7 + k * 5) % SKILLS.length]!);
  const lines = [
    `name: ${name}`,
    `role: ${ROLES[index % ROLES.length]!}`,
    "departments:",
    `  - ${DEPARTMENTS[index % DEPARTMENTS.length]!}`,
    ...(index % 3 === 0 ? [`  - ${DEPARTMENTS[(index + 3) % DEPARTMENTS.length]!}`] : []),
    ...(skills.length > 0 ? ["expertise: |", ...skills.map((skill) => `  <li>${skill}</li>`)] : []),
    ...(index % 5 === 0 ? ["domain_expertise:", `  - ${DOMAIN_KEYS[index % DOMAIN_KEYS.length]!}`] : []),
    "mentor: true",
  ];
  return { slug, name, text: `${lines.join("\n")}\n` };
}

/** A member whose one expertise item is `label`, written as a YAML block scalar. */
export function memberWithExpertise(slug: string, name: string, label: string): GeneratedMember {
  return { slug, name, text: `name: ${name}\nrole: Engineer\nexpertise: |\n  <li>${label}</li>\nmentor: true\n` };
}

/** Write members as `person/<first character>/<slug>.yml` under `team`. */
export function writeTeam(team: string, members: readonly GeneratedMember[]): void {
  const made = new Set<string>();
  for (const member of members) {
    const dir = path.join(team, "person", member.slug.charAt(0));
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path.join(dir, `${member.slug}.yml`), member.text);
  }
}

/** `count` generated members. */
export function generatedTeam(count: number): GeneratedMember[] {
  return Array.from({ length: count }, (_, index) => generatedMember(index));
}
