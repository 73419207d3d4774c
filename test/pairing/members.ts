import type { Member } from "../../plugin/team/entry.js";

export interface MemberInit {
  readonly reportsTo?: string;
  readonly mentor?: boolean;
  readonly departments?: readonly string[];
  readonly expertise?: readonly string[];
  readonly data?: Record<string, unknown>;
}

/** A team member as the team loader would give it. */
export function member(slug: string, name: string, init: MemberInit = {}): Member {
  return {
    slug,
    type: "person",
    file: `team_members/person/${slug[0]}/${slug}.yml`,
    name,
    role: "",
    ...(init.reportsTo ? { reportsTo: init.reportsTo } : {}),
    mentor: init.mentor ?? false,
    departments: init.departments ?? [],
    expertise: (init.expertise ?? []).map((label) => ({ label })),
    data: init.data ?? {},
  };
}
