/** `1 mentor`, `2 mentors`: a count with its noun, for every message the project prints. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
