// ISO 8601 weeks as PostgreSQL 15's timestamp.c computes them (isoweek2j, date2isoweek,
// date2isoyear, ...), and the day of the week of a Julian day.
import { date2j, j2date } from "../../types/codecs/datetime-calendar.js";

export function j2day(jd: number): number {
  return (((jd + 1) % 7) + 7) % 7;
}

/** isoweek2j: the Julian day of the Monday of an ISO week. */
export function isoweek2j(year: number, week: number): number {
  const day4 = date2j(year, 1, 4);
  const day0 = j2day(day4 - 1);
  return (week - 1) * 7 + (day4 - day0);
}

export function isoweek2date(week: number, year: number): [number, number, number] {
  return j2date(isoweek2j(year, week));
}

export function isoweekdate2date(week: number, wday: number, year: number): [number, number, number] {
  let jday = isoweek2j(year, week);
  if (wday > 1) jday += wday - 2;
  else jday += 6;
  return j2date(jday);
}

export function date2isoweek(year: number, mon: number, mday: number): number {
  const dayn = date2j(year, mon, mday);
  let day4 = date2j(year, 1, 4);
  let day0 = j2day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = date2j(year - 1, 1, 4);
    day0 = j2day(day4 - 1);
  }
  let result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  if (result >= 52) {
    day4 = date2j(year + 1, 1, 4);
    day0 = j2day(day4 - 1);
    if (dayn >= day4 - day0) result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  }
  return result;
}

export function date2isoyear(year: number, mon: number, mday: number): number {
  const dayn = date2j(year, mon, mday);
  let day4 = date2j(year, 1, 4);
  let day0 = j2day(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = date2j(year - 1, 1, 4);
    day0 = j2day(day4 - 1);
    year--;
  }
  const result = Math.floor((dayn - (day4 - day0)) / 7) + 1;
  if (result >= 52) {
    day4 = date2j(year + 1, 1, 4);
    day0 = j2day(day4 - 1);
    if (dayn >= day4 - day0) year++;
  }
  return year;
}

export function date2isoyearday(year: number, mon: number, mday: number): number {
  return date2j(year, mon, mday) - isoweek2j(date2isoyear(year, mon, mday), 1) + 1;
}
