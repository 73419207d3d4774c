/** Where the team files are: the default folder, and the folder a user names. */
import { realpathSync, statSync } from "node:fs";
import path from "node:path";

/** Where a handbook keeps its team-member files, relative to the project: the default of every entry point. */
export const DEFAULT_TEAM_FOLDER = "data/team_members";

/** A folder given to the loader does not exist: a usage problem, not a data problem. */
export class TeamFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TeamFolderError";
  }
}

/** Resolve a team folder given by the user; throws `TeamFolderError` when it is not a folder. */
export function resolveFolder(folder: string, cwd: string): string {
  const root = path.resolve(cwd, folder);
  let info;
  try {
    // The folder the user names is followed even when it is a link (`data -> ../handbook/data`):
    // it is their choice. Links found inside it are not (see `discover` in `listing.ts`).
    info = statSync(root);
  } catch {
    throw new TeamFolderError(`team folder not found: ${folder}`);
  }
  if (!info.isDirectory()) throw new TeamFolderError(`not a folder: ${folder} (give the folder that holds the team-member files)`);
  return realpathSync(root);
}
