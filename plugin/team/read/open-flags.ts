/**
 * Flags for opening team files and the cache safely. Not every platform has them (Windows has
 * neither), whatever Node's types say; a missing one is 0, which asks for nothing.
 */
import { constants } from "node:fs";

const FLAGS: Readonly<Partial<Record<string, number>>> = constants;

/** Opening a symbolic link fails (ELOOP) instead of following it. */
export const O_NOFOLLOW: number = FLAGS.O_NOFOLLOW ?? 0;
/** Opening a pipe does not wait for a writer. */
export const O_NONBLOCK: number = FLAGS.O_NONBLOCK ?? 0;
