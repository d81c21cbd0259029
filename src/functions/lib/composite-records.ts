// record_in's checks of a composite value's text (PostgreSQL 15's rowtypes.c): the text is
// "(field,field,...)" with exactly the type's number of fields, each unquoted, "quoted" (a doubled
// quote stands for one) or empty for NULL, a backslash taking the next character literally. The
// translator then reads each field with pg_row_field and converts it with the field type's input.
import { PgError } from "../../errors/pg-error.js";
import { internalFunctions } from "../internal.js";
import { isObject, jb } from "./json-common.js";

function malformed(text: string, detail: string): PgError {
  return new PgError("INVALID_TEXT_REPRESENTATION", `malformed record literal: "${text}"`, { detail });
}

const SPACE = /\s/;

/** The fields record_in reads from text for a type of n fields (NULL for an empty one), or its error. */
export function recordFields(text: string, n: number): (string | null)[] {
  const fields: (string | null)[] = [];
  let i = 0;
  while (i < text.length && SPACE.test(text[i]!)) i++;
  if (text[i++] !== "(") throw malformed(text, "Missing left parenthesis.");
  for (let field = 0; field < n; field++) {
    if (field > 0) {
      if (text[i] !== ",") throw malformed(text, "Too few columns.");
      i++;
    }
    let value = "";
    let quoted = false;
    let empty = true;
    while (quoted || (text[i] !== "," && text[i] !== ")")) {
      if (i >= text.length) throw malformed(text, "Unexpected end of input.");
      empty = false;
      const c = text[i++]!;
      if (c === "\\") {
        if (i >= text.length) throw malformed(text, "Unexpected end of input.");
        value += text[i++];
      } else if (c === '"') {
        if (!quoted) quoted = true;
        else if (text[i] === '"') value += text[i++];
        else quoted = false;
      } else value += c;
    }
    fields.push(empty ? null : value);
  }
  if (text[i++] !== ")") throw malformed(text, "Too many columns.");
  while (i < text.length && SPACE.test(text[i]!)) i++;
  if (i < text.length) throw malformed(text, "Junk after right parenthesis.");
  return fields;
}

/** json(b)_populate_record's argument: a JSON object, refused otherwise as populate_composite refuses it. */
function checkObject(value: string): string {
  const v = jb(value);
  if (isObject(v)) return value;
  const what = Array.isArray(v) ? "an array" : "a scalar";
  throw new PgError("INVALID_PARAMETER_VALUE", `cannot call populate_composite on ${what}`);
}

/** json(b)_populate_recordset's argument: a JSON array of objects. */
function checkArrayOfObjects(value: string, fn: string): string {
  const v = jb(value);
  if (!Array.isArray(v)) {
    const what = fn.startsWith("jsonb") ? "a non-array" : isObject(v) ? "an object" : "a scalar";
    throw new PgError("INVALID_PARAMETER_VALUE", `cannot call ${fn} on ${what}`);
  }
  if (!v.every(isObject))
    throw new PgError("INVALID_PARAMETER_VALUE", `argument of ${fn} must be an array of objects`);
  return value;
}

internalFunctions.push(
  {
    name: "pg_json_array_of_objects",
    deterministic: true,
    impl: (value, fn) => (value === null ? null : checkArrayOfObjects(String(value), String(fn))),
  },
  {
    name: "pg_record_in",
    deterministic: true,
    impl: (text, n) => {
      if (text === null) return null;
      recordFields(String(text), Number(n));
      return text;
    },
  },
  {
    name: "pg_json_object_check",
    deterministic: true,
    impl: (value) => (value === null ? null : checkObject(String(value))),
  },
);
