/**
 * The one hash of the package: SHA-256 over parts kept apart by a NUL, so that `("ab", "c")` and
 * `("a", "bc")` differ. Used for cache keys, report fingerprints and short ids; none of these is a
 * secret, but a real hash keeps them from colliding by accident.
 */
import { createHash } from "node:crypto";

/** The SHA-256 of `parts`, each followed by a NUL except the last, in `encoding` (default hex). */
export function digest(parts: readonly (string | Uint8Array)[], encoding: "hex" | "base64url" = "hex"): string {
  const hash = createHash("sha256");
  // Text alone is hashed in one call, joined: the same bytes as a call per part and separator,
  // which cost more than the hashing for a key of 40,000 short parts.
  if (parts.every((part) => typeof part === "string")) {
    hash.update(parts.join("\0"));
    return hash.digest(encoding);
  }
  for (const [index, part] of parts.entries()) {
    if (index > 0) hash.update("\0");
    hash.update(part);
  }
  return hash.digest(encoding);
}

/**
 * The digest of a list of strings in order, each told apart by its length and hashed as its UTF-16
 * code units (lone surrogates included, which UTF-8 would all write as one replacement character).
 * A batch at a time: a list of a whole team's ids or links never becomes one string.
 */
export function listDigest(list: readonly string[]): string {
  const hash = createHash("sha256");
  for (let at = 0; at < list.length; at += LIST_BATCH) {
    hash.update(
      list
        .slice(at, at + LIST_BATCH)
        .map((item) => `${item.length}:${item}`)
        .join(""),
      "utf16le",
    );
  }
  return hash.digest("hex");
}

const LIST_BATCH = 4096;
