/**
 * File-system errors in words: a message for a person names the path and the cause, and the cause
 * is more use as "no space left on the device (ENOSPC)" than as a stack trace.
 */

/** Words for the codes that writing a cache or a report runs into; others are shown as their code. */
const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exceeded",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "the operation is not permitted",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder, not a file",
  ELOOP: "it is a symbolic link, which is not followed",
  ENOENT: "no such file or folder",
  EIO: "an input/output error",
  EMFILE: "too many open files",
};

/** The cause of a failed file operation, for a person: words and the code (`ENOSPC`). */
export function describeCause(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return CAUSES[code] ? `${CAUSES[code]} (${code})` : code;
  return error instanceof Error ? (error.message.split("\n")[0] ?? "unknown error") : String(error);
}
