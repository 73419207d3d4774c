/**
 * A member's GitLab.com profile. The `gitlab` field is untrusted text; only a value that can be a
 * GitLab username becomes a link, built by this module and never taken from the entry.
 */
import type { Member } from "../entry.js";

// GitLab usernames: letters, digits, `_`, `.` and `-`, starting with a letter, digit or `_`, not
// ending in `.git` or `.atom` (GitLab reserves those), at most 255 characters.
const HANDLE = /^\w[\w.-]{0,254}$/;

/** The member's GitLab username (a leading `@` dropped), or undefined when it is not one. */
export function gitlabHandle(member: Member): string | undefined {
  const value = Object.hasOwn(member.data, "gitlab") ? member.data["gitlab"] : undefined;
  if (typeof value !== "string") return undefined;
  const handle = value.trim().replace(/^@/, "");
  if (!HANDLE.test(handle) || /\.(?:git|atom)$/i.test(handle) || /\.\.|[.-]$/.test(handle)) return undefined;
  return handle;
}

/** `https://gitlab.com/<handle>` for a handle `gitlabHandle` accepted. */
export function gitlabProfileUrl(handle: string): string {
  return `https://gitlab.com/${encodeURIComponent(handle)}`;
}
