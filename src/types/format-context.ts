/** The session settings that change how values are printed and read. */
export interface FormatContext {
  /** DateStyle, e.g. "ISO, MDY". */
  dateStyle: string;
  /** TimeZone, an IANA zone name such as "Etc/UTC" or "Europe/Berlin", or a fixed offset. */
  timeZone: string;
  /** IntervalStyle: "postgres", "postgres_verbose", "sql_standard" or "iso_8601". */
  intervalStyle: string;
  /** extra_float_digits, -15..3; 1 (the default) or more means shortest exact output. */
  extraFloatDigits: number;
  /** bytea_output: "hex" or "escape". */
  byteaOutput: string;
  /**
   * The current transaction's start as microseconds since 1970-01-01 UTC, for the 'now', 'today',
   * 'tomorrow' and 'yesterday' inputs and for time with time zone without an explicit zone.
   * Defaults to the wall clock.
   */
  now?: () => number;
}

export const defaultFormatContext: FormatContext = {
  dateStyle: "ISO, MDY",
  timeZone: "Etc/UTC",
  intervalStyle: "postgres",
  extraFloatDigits: 1,
  byteaOutput: "hex",
};
