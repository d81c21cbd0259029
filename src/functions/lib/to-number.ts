// to_number(text, text): reading a number with a to_char numeric picture (PostgreSQL 15's
// formatting.c, NUM_processor in its "from char" direction). Digits are read where the picture
// has 9 or 0, the decimal point where it has D or '.', signs where it has S, MI, PL, SG or PR;
// group separators and the currency symbol are skipped, and each other picture character skips
// one input character.
import { PgError } from "../../errors/pg-error.js";
import { NUMERIC, TEXT, t } from "../../sql/oids.js";
import { formatNumericValue } from "../../types/codecs/decimal.js";
import { parseNumericText } from "../../types/codecs/numeric.js";
import { defineFunctions } from "../registry.js";
import { F_ROMAN, parseNumFormat } from "./number-template.js";
import { chars, str } from "./strings-common.js";

const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

export function toNumber(input: string, format: string): string {
  const { nodes, desc } = parseNumFormat(format);
  if (desc.flag & F_ROMAN) {
    throw new PgError("FEATURE_NOT_SUPPORTED", '"RN" not supported for input');
  }
  const s = chars(input);
  let i = 0;
  let intDigits = "";
  let fracDigits = "";
  let decimal = false;
  let negative = false;
  let signSeen = false;
  const readSign = () => {
    if (signSeen) return;
    if (s[i] === "-") {
      negative = true;
      signSeen = true;
      i++;
    } else if (s[i] === "+") {
      signSeen = true;
      i++;
    }
  };
  if (s[0] === "<") {
    negative = true;
    i++;
  }
  for (const node of nodes) {
    if (i >= s.length) break;
    if (node.type === "char") {
      i++;
      continue;
    }
    switch (node.id) {
      case "9":
      case "0":
        if (!decimal && intDigits === "") {
          while (s[i] === " ") i++;
          readSign();
        }
        if (isDigit(s[i])) {
          if (decimal) fracDigits += s[i];
          else intDigits += s[i];
          i++;
        }
        break;
      case "D":
      case ".":
        if (s[i] === ".") {
          decimal = true;
          i++;
        }
        break;
      case "G":
      case ",":
        if (s[i] === ",") i++;
        break;
      case "S":
      case "MI":
      case "PL":
      case "SG":
        readSign();
        break;
      case "L":
        if (!isDigit(s[i]) && s[i] !== "-" && s[i] !== "+") i++;
        break;
      default:
        break;
    }
  }
  const digits = intDigits.replace(/^0+(?=\d)/, "") || "0";
  const multi = desc.multi;
  let text = `${negative ? "-" : ""}${digits}${fracDigits ? `.${fracDigits}` : ""}`;
  if (multi > 0) {
    // V multiplies by 10^n in to_char; reading divides it back out.
    const all = (intDigits + fracDigits).padStart(multi + 1, "0");
    const point = all.length - multi - fracDigits.length;
    text = `${negative ? "-" : ""}${all.slice(0, point)}.${all.slice(point)}`;
  }
  return formatNumericValue(parseNumericText(text));
}

defineFunctions([
  {
    name: "to_number",
    kind: "udf",
    udfName: "pg_to_number",
    args: [TEXT, TEXT],
    returns: t(NUMERIC),
    volatility: "stable",
    impl: (s, f) => toNumber(str(s), str(f)),
  },
]);
