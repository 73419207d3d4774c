import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { readFrame, readFrameStart, releaseFrame, writeFrame } from "../../plugin/team/cache/frame-file.js";

describe("frame files", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "mentor-frame-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("write a payload handed over in pieces as the same file as the payload given whole", () => {
    const payload = randomBytes(300_000);
    const whole = path.join(dir, "whole.v8");
    const pieces = path.join(dir, "pieces.v8");
    assert.equal(writeFrame(whole, "whole", [payload.subarray(0, 10), payload.subarray(10)]), undefined);
    assert.equal(
      writeFrame(pieces, "pieces", (write) => {
        // Pieces of every size, an empty one among them, each in one reused buffer.
        const scratch = Buffer.alloc(70_001);
        for (let at = 0, size = 0; at < payload.length; at += size, size = (size * 7 + 13) % 70_001) {
          const piece = payload.subarray(at, at + size);
          piece.copy(scratch);
          write(scratch.subarray(0, piece.length));
        }
      }),
      undefined,
    );
    assert.deepEqual(readFileSync(pieces), readFileSync(whole));
    const read = readFrame(pieces, "pieces");
    assert.ok("payload" in read);
    assert.deepEqual(read.payload, payload);
  });

  it("say why a payload's writer failed, and leave no file", () => {
    const file = path.join(dir, "failed.v8");
    const problem = writeFrame(file, "failed.v8", () => {
      throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
    });
    assert.match(problem ?? "", /cannot be written to failed\.v8: no space left on the device \(ENOSPC\)/);
    assert.ok("absent" in readFrame(file, "failed.v8"));
    assert.deepEqual(readdirSync(dir), [], "no temporary file left behind");
  });

  it("give a payload's memory back: it and its views are empty after, and no other buffer is touched", () => {
    const file = path.join(dir, "small.v8");
    // Small enough that a buffer from Node's shared pool would be cut from the pool's memory.
    assert.equal(writeFrame(file, "small", Buffer.from("a small payload")), undefined);
    const neighbour = Buffer.from("a buffer cut from the shared pool");
    const read = readFrame(file, "small");
    assert.ok("payload" in read);
    const view = read.payload.subarray(2, 7);
    assert.equal(view.toString(), "small");
    releaseFrame(read.payload);
    releaseFrame(read.payload);
    assert.equal(read.payload.length, 0);
    assert.equal(view.length, 0);
    assert.equal(neighbour.toString(), "a buffer cut from the shared pool");
  });

  it("read a payload's start now and its rest later, the rest checked against the start that was read", () => {
    const file = path.join(dir, "two-steps.v8");
    // A payload whose first byte says how long its start is.
    const payload = Buffer.concat([Buffer.from([5]), Buffer.from("head"), randomBytes(1000)]);
    const start = (): ReturnType<typeof readFrameStart> => readFrameStart(file, "two-steps", 1, (first) => first[0] as number);
    assert.equal(writeFrame(file, "two-steps", payload), undefined);

    const read = start();
    assert.ok("start" in read);
    assert.deepEqual(read.start, payload.subarray(0, 5));
    releaseFrame(read.start); // the rest does not need the start's bytes
    const rest = read.rest();
    assert.ok("payload" in rest);
    assert.deepEqual(rest.payload, payload.subarray(5));

    // Another frame in its place since the start was read: nothing, and nothing to warn of.
    const before = start();
    assert.ok("start" in before);
    assert.equal(writeFrame(file, "two-steps", Buffer.concat([payload.subarray(0, 5), randomBytes(1000)])), undefined);
    assert.deepEqual(before.rest(), { absent: true });

    // A byte of the rest changed on disk: the start alone reads as it was, the rest is damaged.
    assert.equal(writeFrame(file, "two-steps", payload), undefined);
    const damaged = readFileSync(file);
    damaged.writeUInt8((damaged.at(-1) as number) ^ 0xff, damaged.length - 1);
    writeFileSync(file, damaged);
    const again = start();
    assert.ok("start" in again);
    assert.deepEqual(again.start, payload.subarray(0, 5));
    assert.match(JSON.stringify(again.rest()), /two-steps is damaged/);

    // Parts of the rest one after another, then what is left: the last read checks the whole payload.
    assert.equal(writeFrame(file, "two-steps", payload), undefined);
    const inParts = start();
    assert.ok("start" in inParts);
    const part = inParts.rest(100);
    assert.ok("payload" in part);
    assert.deepEqual(part.payload, payload.subarray(5, 105));
    const left = inParts.rest();
    assert.ok("payload" in left);
    assert.deepEqual(left.payload, payload.subarray(105));
    const tooLong = start();
    assert.ok("start" in tooLong);
    assert.match(JSON.stringify(tooLong.rest(10_000)), /two-steps is damaged/, "a part longer than the payload");
    // A byte of a part changed on disk: the part reads as it is (its own check is its reader's), the end is damaged.
    const changed = readFileSync(file);
    const at = changed.length - payload.length + 50;
    changed.writeUInt8((changed[at] as number) ^ 0xff, at);
    writeFileSync(file, changed);
    const spoiled = start();
    assert.ok("start" in spoiled);
    const spoiledPart = spoiled.rest(100);
    assert.ok("payload" in spoiledPart);
    assert.notDeepEqual(spoiledPart.payload, payload.subarray(5, 105));
    assert.match(JSON.stringify(spoiled.rest()), /two-steps is damaged/);

    // A start that says it is longer than the payload: another format, not damage.
    assert.deepEqual(
      readFrameStart(file, "two-steps", 1, () => 10_000),
      { absent: true },
    );
  });
});
