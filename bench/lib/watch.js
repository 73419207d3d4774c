// The edit-to-page latency in Eleventy's watch mode: what a contributor waits for after saving
// their file with `eleventy --watch` running.

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { readHighWaterKB, sleep } from "./measure.js";

const BACKUP = ".watch-edit-backup.json";

/** Put back a member file left edited by an interrupted run, so reused data stays as generated. */
export function restoreEdit(workDir) {
  const backup = path.join(workDir, BACKUP);
  if (!fs.existsSync(backup)) return;
  const { file, text } = JSON.parse(fs.readFileSync(backup, "utf8"));
  fs.writeFileSync(file, text);
  fs.rmSync(backup);
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

// One buffer for every read of a page, and the token searched as bytes: read into a new string on
// each check, a team page of 16 MB cost the measure itself 80–190 ms here (allocating and decoding),
// time the edit does not take.
let readBuffer = Buffer.alloc(0);

/** The bytes of `file` as they are now (in a buffer the next call reuses), or undefined. */
function pageBytes(file) {
  let fd;
  try {
    fd = fs.openSync(file, "r");
  } catch {
    return undefined;
  }
  try {
    const size = fs.fstatSync(fd).size;
    if (readBuffer.length < size) readBuffer = Buffer.allocUnsafeSlow(Math.ceil(size * 1.25));
    let at = 0;
    for (let n = 1; at < size && n > 0; at += n) n = fs.readSync(fd, readBuffer, at, size - at, at);
    return readBuffer.subarray(0, at);
  } finally {
    fs.closeSync(fd);
  }
}

/** The last bytes of `file`, which an edit of a member's name leaves as they are; undefined without one. */
function tailOf(file) {
  const bytes = pageBytes(file);
  return bytes && Buffer.from(bytes.subarray(Math.max(0, bytes.length - 64)));
}

/**
 * Resolve when `file` has an mtime other than `before`, contains `token` and ends as it did
 * (`tail`: a page still being written ends elsewhere), or undefined after `timeoutMs`. Stat is
 * polled every few ms; fs.watch only wakes the check up sooner.
 */
function waitForPage(file, before, token, timeoutMs, tail) {
  return new Promise((resolve) => {
    let done = false;
    let watcher;
    const finish = (value) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      watcher?.close();
      resolve(value);
    };
    const check = () => {
      const m = mtime(file);
      if (m === undefined || m === before) return;
      const bytes = pageBytes(file);
      if (bytes === undefined || (tail !== undefined && !bytes.subarray(bytes.length - tail.length).equals(tail))) return;
      if (bytes.includes(token)) finish(process.hrtime.bigint());
    };
    const poll = setInterval(check, 3);
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    try {
      watcher = fs.watch(path.dirname(file), check);
    } catch {
      // The directory may not exist yet; polling covers it.
    }
  });
}

/** When every one of `files` shows `token` (the later of the times), or undefined if one never does. */
async function waitForPages(files, befores, token, timeoutMs, tails) {
  const times = await Promise.all(files.map((file, i) => waitForPage(file, befores[i], token, timeoutMs, tails[i])));
  return times.includes(undefined) ? undefined : times.reduce((a, b) => (b > a ? b : a));
}

/** The default edit: a member's name, which both pages show. */
const NAME_EDIT = { line: /^name: .*$/m, write: (token) => `name: ${token} Mentor` };

/**
 * Start `eleventy --watch`, wait for its first build, then edit `memberFile` `edits` times: the
 * first line matching `edit.line` becomes `edit.write(token)` (a member's name by default).
 * Resolves `{ ms: number[], firstBuildMs, rssMB, error? }`.
 */
export async function measureWatch({
  node,
  eleventy,
  args,
  cwd,
  workDir,
  outDir,
  pageFile,
  teamFile,
  memberFile,
  edits,
  firstBuildTimeoutMs,
  edit = NAME_EDIT,
}) {
  // Both pages show the member: the edit is done when both are written.
  const pages = teamFile ? [pageFile, teamFile] : [pageFile];
  restoreEdit(workDir);
  const original = fs.readFileSync(memberFile, "utf8");
  if (!edit.line.test(original)) return { ms: [], error: `${memberFile} has no line to edit (${edit.line})` };
  fs.writeFileSync(path.join(workDir, BACKUP), JSON.stringify({ file: memberFile, text: original }));
  fs.rmSync(outDir, { recursive: true, force: true });

  let log = "";
  // Eleventy prints "Watching…" after every build; counting them tells when a rebuild is over.
  let builds = 0;
  const started = process.hrtime.bigint();
  const child = spawn(node, [eleventy, ...args, "--watch"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise((r) => child.on("close", r));
  // Edits Eleventy has noticed: it logs "File changed: <path>" before rebuilding.
  let changes = 0;
  const collect = (c) => {
    const text = c.toString("utf8");
    builds += text.split("Watching").length - 1;
    changes += text.split(`File changed: `).length - 1;
    log = (log + text).slice(-16_384);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const restore = () => {
    child.kill("SIGKILL");
    restoreEdit(workDir);
  };
  process.once("exit", restore);

  const result = { ms: [] };
  try {
    const deadline = Date.now() + firstBuildTimeoutMs;
    while (!(fs.existsSync(pageFile) && builds > 0) && Date.now() < deadline && child.exitCode === null) await sleep(10);
    if (!fs.existsSync(pageFile) || builds === 0) {
      result.error =
        child.exitCode !== null
          ? `eleventy --watch exited with ${child.exitCode} before its first build`
          : `no first build within ${firstBuildTimeoutMs / 1000} s`;
      result.log = log.slice(-2000);
      return result;
    }
    result.firstBuildMs = Number(process.hrtime.bigint() - started) / 1e6;
    // Eleventy prints "Watching…" before its watcher has finished scanning the watched folders
    // (seconds for 20,000 files on a busy machine), and edits made until then go unnoticed. So
    // edit, unmeasured, until Eleventy reports the change, then let that rebuild finish.
    const primeUntil = Date.now() + Math.max(60_000, 10 * result.firstBuildMs);
    let primed = false;
    for (let i = 1; !primed && Date.now() < primeUntil; i++) {
      const token = `Benchwarm${i}x${Date.now() % 100000}`;
      const seen = changes;
      const before = mtime(pageFile);
      fs.writeFileSync(memberFile, original.replace(edit.line, edit.write(token)));
      const retryAt = Date.now() + 2000;
      while (Date.now() < retryAt && changes === seen) await sleep(10);
      if (changes === seen) continue;
      primed = (await waitForPage(pageFile, before, token, 5000 + 2 * result.firstBuildMs)) !== undefined;
    }
    if (!primed) {
      result.error = "no rebuild after editing a member file (is the data directory a watch target?)";
      result.log = log.slice(-2000);
      return result;
    }
    result.primeMs = Number(process.hrtime.bigint() - started) / 1e6 - result.firstBuildMs;
    const settle = Date.now() + 3000;
    const mark = builds;
    while (Date.now() < settle && builds === mark) await sleep(10);
    await sleep(300);
    for (let k = 1; k <= edits; k++) {
      const token = `Benchedit${k}x${Date.now() % 100000}`;
      const befores = pages.map(mtime);
      const tails = pages.map(tailOf);
      const mark = builds;
      fs.writeFileSync(memberFile, original.replace(edit.line, edit.write(token)));
      const t0 = process.hrtime.bigint();
      // A slow rebuild is a result, not a failure: wait well past the first build's time.
      const limitMs = Math.max(15_000, 3 * result.firstBuildMs);
      const t1 = await waitForPages(pages, befores, token, limitMs, tails);
      if (t1 === undefined) {
        const seen = log.includes(path.basename(memberFile));
        result.error = seen
          ? `edit ${k}: Eleventy saw the change but the pages did not show the new name within ${Math.round(limitMs / 1000)} s`
          : `edit ${k}: no rebuild within ${Math.round(limitMs / 1000)} s (is the data directory a watch target?)`;
        result.log = log.slice(-2000);
        break;
      }
      result.ms.push(Number(t1 - t0) / 1e6);
      // Let the build that wrote the page finish before the next edit starts another.
      const settle = Date.now() + 3000;
      while (Date.now() < settle && builds === mark) await sleep(10);
      await sleep(300);
    }
    const kb = readHighWaterKB(child.pid);
    if (kb !== undefined) result.rssMB = Math.round(kb / 102.4) / 10;
    return result;
  } finally {
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(killer);
    process.removeListener("exit", restore);
    restoreEdit(workDir);
  }
}
