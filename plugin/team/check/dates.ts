/**
 * Calendar dates as team files write them (`2021-03-15`). A date that has the right form but does
 * not exist (`2021-02-30`) would sort and display as nonsense, so it is refused like a wrong form.
 */

const FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function daysIn(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps time zones out of it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * What is wrong with `text` as a date: `"form"` when it is not written YYYY-MM-DD, a sentence
 * when it is but names no real day ("there is no month 13"), `undefined` when it is a real date.
 */
export function dateProblem(text: string): string | undefined {
  const match = FORM.exec(text);
  if (!match) return "form";
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const last = daysIn(year, month);
  if (day < 1 || day > last) return day < 1 ? `there is no day ${day}` : `${MONTHS[month - 1]} ${year} has ${last} days`;
  return undefined;
}

/** Whether `text` is a real calendar date written YYYY-MM-DD (the JSON Schema `date` format). */
export function isCalendarDate(text: string): boolean {
  return dateProblem(text) === undefined;
}
