// The keywords of date/time input (datetktbl in PostgreSQL's datetime.c).

export type Keyword =
  | ["reserv", "early" | "late" | "epoch" | "now" | "today" | "tomorrow" | "yesterday" | "zulu"]
  | ["month" | "dow" | "ampm" | "adbc", number]
  | ["units", "y" | "m" | "d" | "h" | "mm" | "s" | "julian" | "other"]
  | ["isotime" | "ignore" | "dtzmod", number];

export const keywords = new Map<string, Keyword>();
const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const monthLong = ["january", "february", "march", "april", "may", "june", "july", "august", "september"];
for (const [i, m] of months.entries()) keywords.set(m, ["month", i + 1]);
for (const [i, m] of monthLong.entries()) keywords.set(m, ["month", i + 1]);
for (const [m, i] of [
  ["sept", 9],
  ["october", 10],
  ["november", 11],
  ["december", 12],
] as const) {
  keywords.set(m, ["month", i]);
}
const dows: [string, number][] = [
  ["sun", 0],
  ["sunday", 0],
  ["mon", 1],
  ["monday", 1],
  ["tue", 2],
  ["tues", 2],
  ["tuesday", 2],
  ["wed", 3],
  ["wednesday", 3],
  ["weds", 3],
  ["thu", 4],
  ["thur", 4],
  ["thurs", 4],
  ["thursday", 4],
  ["fri", 5],
  ["friday", 5],
  ["sat", 6],
  ["saturday", 6],
];
for (const [d, i] of dows) keywords.set(d, ["dow", i]);
for (const r of ["epoch", "now", "today", "tomorrow", "yesterday"] as const) keywords.set(r, ["reserv", r]);
keywords.set("-infinity", ["reserv", "early"]);
keywords.set("infinity", ["reserv", "late"]);
keywords.set("allballs", ["reserv", "zulu"]);
keywords.set("am", ["ampm", 0]);
keywords.set("pm", ["ampm", 1]);
keywords.set("ad", ["adbc", 0]);
keywords.set("bc", ["adbc", 1]);
keywords.set("at", ["ignore", 0]);
keywords.set("on", ["ignore", 0]);
keywords.set("t", ["isotime", 0]);
keywords.set("dst", ["dtzmod", 3600]);
for (const u of ["y", "m", "d", "h", "mm", "s"] as const) keywords.set(u, ["units", u]);
for (const u of ["j", "jd", "julian"]) keywords.set(u, ["units", "julian"]);
for (const u of ["dow", "doy", "isodow", "isoyear"]) keywords.set(u, ["units", "other"]);

export const isDateKeyword = (w: string): boolean => keywords.has(w);

export function monthOf(word: string): number | undefined {
  const k = keywords.get(word);
  return k && k[0] === "month" ? k[1] : undefined;
}
