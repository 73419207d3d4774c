/** One expertise topic of a member, as a reader sees it. `href` is present only when safe. */
export interface ExpertiseItem {
  readonly label: string;
  readonly href?: string;
}

/** A team member whose entry is usable on the site. */
export interface Member {
  /** File name without `.yml`. */
  readonly slug: string;
  /** From the folder: `person`. */
  readonly type: string;
  /** Path of the source file. */
  readonly file: string;
  readonly name: string;
  /** The `role` field: an untrusted HTML fragment (sanitize before output). */
  readonly role: string;
  readonly reportsTo?: string;
  readonly mentor: boolean;
  readonly departments: readonly string[];
  readonly expertise: readonly ExpertiseItem[];
  /** The whole entry as parsed, for fields the directory does not model (boolean filters). */
  readonly data: Readonly<Record<string, unknown>>;
  /** Top-level fields of `data` with an error (present only when there is one): never shown or exported. */
  readonly invalidFields?: readonly string[];
}
