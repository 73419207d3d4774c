// What a build prints and what its errors say, read the way a site owner reads them.

/** Capture everything written to stdout and stderr until `restore()`. */
export function captureOutput(): { text(): string; restore(): void } {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((stream) => stream.write.bind(stream));
  for (const stream of streams) {
    stream.write = (chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    };
  }
  return {
    text: () => chunks.join(""),
    restore: () => streams.forEach((stream, i) => (stream.write = writes[i]!)),
  };
}

/** Every message of an error and of the errors it wraps (Eleventy wraps template errors). */
export function errorText(error: unknown): string {
  let text = "";
  for (let e = error as (Error & { originalError?: Error }) | undefined; e; e = e.originalError) text += `${e.message}\n`;
  return text;
}
