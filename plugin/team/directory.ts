// Placeholder contract; the full module replaces this file.
import type { Member, ExpertiseItem } from "./types.js";

export interface Topic {
  /** Label as shown (first spelling met in name order). */
  readonly label: string;
  /** Stable anchor id, e.g. `topic-remote-work`. */
  readonly id: string;
  readonly count: number;
}

export interface Directory {
  readonly members: readonly Member[];
  readonly bySlug: ReadonlyMap<string, Member>;
}
export type { Member, ExpertiseItem };
