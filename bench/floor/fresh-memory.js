// What memory costs the first time it is touched: a new 64 MiB buffer filled, five times (each
// one new pages from the system). Prints the median in ms per MiB; compare refilling a buffer
// already touched, printed second. Where the first is many times the second, every megabyte a
// build holds at its peak costs time as well as memory.
const MIB = 1 << 20;
const size = 64 * MIB;
const median = (ms) => ms.sort((a, b) => a - b)[2] / 64;
const fresh = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  Buffer.allocUnsafeSlow(size).fill(1);
  fresh.push(performance.now() - start);
}
const kept = Buffer.allocUnsafeSlow(size).fill(0);
const again = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  kept.fill(i);
  again.push(performance.now() - start);
}
process.stdout.write(`${median(fresh)} ${median(again)}`);
