// Running one command and measuring its wall time and peak resident memory.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const GNU_TIME = "/usr/bin/time";
// GNU time reads the kernel's own high-water mark for the child; without it we sample /proc,
// which can miss a short peak but never reports one that did not happen.
export const rssMethod = fs.existsSync(GNU_TIME) && spawnSync(GNU_TIME, ["-f", "%M", "true"]).status === 0 ? "gnu-time" : "proc-sampling";

/** Keep only the end of a stream: enough to explain a failure, bounded for 100k-line outputs. */
function tailBuffer(limit) {
  let chunks = [];
  let size = 0;
  return {
    push(chunk) {
      chunks.push(chunk);
      size += chunk.length;
      while (size > limit && chunks.length > 1) size -= chunks.shift().length;
    },
    text() {
      const all = Buffer.concat(chunks).toString("utf8");
      return all.length > limit ? all.slice(-limit) : all;
    },
  };
}

function readHighWaterKB(pid) {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Run `cmd args` to completion. Resolves `{ ms, rssMB, code, signal, stdout, stderr }`; `stdout`
 * and `stderr` are tails of at most `keep` bytes.
 */
export function run(cmd, args, { cwd, timeoutMs = 600_000, keep = 64 * 1024 } = {}) {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const [file, argv] = rssMethod === "gnu-time" ? [GNU_TIME, ["-f", "%M", "-o", rssFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const out = tailBuffer(keep);
    const err = tailBuffer(keep);
    let sampledKB;
    const start = process.hrtime.bigint();
    const child = spawn(file, argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => err.push(c));
    const sampler =
      rssMethod === "proc-sampling"
        ? setInterval(() => {
            sampledKB = readHighWaterKB(child.pid) ?? sampledKB;
          }, 20)
        : undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      clearInterval(sampler);
      resolve({ ms: NaN, rssMB: undefined, code: -1, signal: null, stdout: "", stderr: String(e.message) });
    });
    child.on("close", (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      clearTimeout(timer);
      clearInterval(sampler);
      let kb = sampledKB;
      if (rssMethod === "gnu-time") {
        try {
          const lines = fs.readFileSync(rssFile, "utf8").trim().split("\n");
          kb = Number(lines[lines.length - 1]);
          fs.rmSync(rssFile, { force: true });
        } catch {
          kb = undefined;
        }
      }
      resolve({
        ms,
        rssMB: Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : undefined,
        code: code ?? -1,
        signal,
        stdout: out.text(),
        stderr: err.text(),
      });
    });
  });
}

export { readHighWaterKB };

export function median(values) {
  const v = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
