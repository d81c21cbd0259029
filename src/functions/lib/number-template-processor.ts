// NUM_processor of PostgreSQL 15's formatting.c in to_char mode: writes a number's digits, sign,
// decimal point, group separators and ordinal suffixes into a parsed numeric template.
import { PgError } from "../../errors/pg-error.js";
import {
  F_BRACKET,
  F_DECIMAL,
  F_EEEE,
  F_FILLMODE,
  F_LSIGN,
  F_MINUS,
  F_PLUS,
  F_ROMAN,
  F_ZERO,
  LSIGN_POST,
  LSIGN_PRE,
  type NumDesc,
  type NumId,
  type NumNode,
} from "./number-template.js";

/** get_th for numbers. */
function ordinal(num: string, upper: boolean): string {
  const last = num[num.length - 1] ?? "";
  if (!/[0-9]/.test(last)) throw new PgError("INVALID_TEXT_REPRESENTATION", `"${num}" is not a number`);
  const teen = num.length > 1 && num[num.length - 2] === "1";
  const s = teen ? "th" : last === "1" ? "st" : last === "2" ? "nd" : last === "3" ? "rd" : "th";
  return upper ? s.toUpperCase() : s;
}

/** NUM_processor in to_char mode. */
export function processNumber(
  nodes: NumNode[],
  d: NumDesc,
  number: string,
  outPreSpaces: number,
  sign: string,
): string {
  let out = "";
  let signWrote: boolean;
  let numIn = false;
  let numCurr = 0;
  let numberP = 0;
  let lastRelevant: number | undefined;
  // Where PostgreSQL writes the number's terminating NUL into the output, which ends the text there.
  let cut: number | undefined;
  if (d.zeroStart) d.zeroStart--;
  if (d.flag & F_EEEE) return number;
  if (d.flag & F_ROMAN) {
    d.lsign = d.preLsignNum = d.post = d.pre = 0;
    outPreSpaces = 0;
    sign = "";
    d.flag = (d.flag & F_FILLMODE ? F_FILLMODE : 0) | F_ROMAN;
  }
  const is = (f: number) => (d.flag & f) !== 0;
  if (is(F_PLUS) || is(F_MINUS)) {
    signWrote = !(is(F_PLUS) && !is(F_MINUS));
  } else {
    if (sign !== "-" && is(F_FILLMODE)) d.flag &= ~F_BRACKET;
    signWrote = sign === "+" && is(F_FILLMODE) && !is(F_LSIGN);
    if (d.lsign === LSIGN_PRE && d.pre === d.preLsignNum) d.lsign = LSIGN_POST;
  }
  let numCount = d.post + d.pre - 1;
  if (is(F_FILLMODE) && is(F_DECIMAL)) {
    const dot = number.indexOf(".");
    if (dot >= 0) {
      lastRelevant = dot;
      for (let k = dot + 1; k < number.length; k++) if (number[k] !== "0") lastRelevant = k;
      if (d.zeroEnd > outPreSpaces) {
        const lastZero = Math.min(number.length - 1, d.zeroEnd - outPreSpaces);
        if (lastRelevant < lastZero) lastRelevant = lastZero;
      }
    }
  }
  if (!signWrote && outPreSpaces === 0) numCount++;

  const at = (k: number) => number[k] ?? "";
  const predecSpace = () => !is(F_ZERO) && numberP === 0 && at(0) === "0" && d.post !== 0;

  const numpart = (id: NumId) => {
    if (is(F_ROMAN)) return;
    numIn = false;
    if (
      !signWrote &&
      (numCurr >= outPreSpaces || (is(F_ZERO) && d.zeroStart === numCurr)) &&
      (!predecSpace() || (lastRelevant !== undefined && at(lastRelevant) === "."))
    ) {
      if (is(F_LSIGN)) {
        if (d.lsign === LSIGN_PRE) {
          out += sign === "-" ? "-" : "+";
          signWrote = true;
        }
      } else if (is(F_BRACKET)) {
        out += sign === "+" ? " " : "<";
        signWrote = true;
      } else if (sign === "+") {
        if (!is(F_FILLMODE)) out += " ";
        signWrote = true;
      } else if (sign === "-") {
        out += "-";
        signWrote = true;
      }
    }
    if (id === "9" || id === "0" || id === "D" || id === ".") {
      if (numCurr < outPreSpaces && (d.zeroStart > numCurr || !is(F_ZERO))) {
        if (!is(F_FILLMODE)) out += " ";
      } else if (is(F_ZERO) && numCurr < outPreSpaces && d.zeroStart <= numCurr) {
        out += "0";
        numIn = true;
      } else {
        if (at(numberP) === ".") {
          if (lastRelevant === undefined || at(lastRelevant) !== ".") out += ".";
          else if (is(F_FILLMODE) && at(lastRelevant) === ".") out += ".";
        } else if (lastRelevant !== undefined && numberP > lastRelevant && id !== "0") {
          // a trailing zero FM drops
        } else if (predecSpace()) {
          if (!is(F_FILLMODE)) out += " ";
          else if (lastRelevant !== undefined && at(lastRelevant) === ".") out += "0";
        } else {
          if (numberP >= number.length) cut ??= out.length;
          out += at(numberP);
          numIn = true;
        }
        if (numberP < number.length) numberP++;
      }
      let end = numCount + (outPreSpaces ? 1 : 0) + (is(F_DECIMAL) ? 1 : 0);
      if (lastRelevant !== undefined && lastRelevant === numberP) end = numCurr;
      if (numCurr + 1 === end) {
        if (signWrote && is(F_BRACKET)) out += sign === "+" ? " " : ">";
        else if (is(F_LSIGN) && d.lsign === LSIGN_POST) out += sign === "-" ? "-" : "+";
      }
    }
    numCurr++;
  };

  for (const n of nodes) {
    if (n.type !== "action") {
      out += n.character;
      continue;
    }
    switch (n.id) {
      case "9":
      case "0":
      case ".":
      case "D":
        numpart(n.id);
        break;
      case ",":
      case "G":
        if (!numIn) {
          if (!is(F_FILLMODE)) out += " ";
        } else {
          out += ",";
        }
        break;
      case "L":
        out += " ";
        break;
      case "RN":
        out += is(F_FILLMODE) ? number.slice(numberP) : number.slice(numberP).padStart(15);
        break;
      case "rn":
        out += (is(F_FILLMODE) ? number.slice(numberP) : number.slice(numberP).padStart(15)).toLowerCase();
        break;
      case "th":
      case "TH":
        if (is(F_ROMAN) || at(0) === "#" || sign === "-" || is(F_DECIMAL)) break;
        out += ordinal(number, n.id === "TH");
        break;
      case "MI":
        if (sign === "-") out += "-";
        else if (!is(F_FILLMODE)) out += " ";
        break;
      case "PL":
        if (sign === "+") out += "+";
        else if (!is(F_FILLMODE)) out += " ";
        break;
      case "SG":
        out += sign;
        break;
      default:
        break;
    }
  }
  return cut === undefined ? out : out.slice(0, cut);
}
