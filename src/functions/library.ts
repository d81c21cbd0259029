/**
 * The function library: each file under lib/ declares a family of PostgreSQL functions and
 * operators (defineFunctions / defineOperators) when imported.
 */
// Strings, regular expressions, JSON, arrays, aggregates, generate_series. strings-operators first:
// among equally good operator candidates the first declared wins, and untyped || must be text.
import "./lib/strings-operators.js";
import "./lib/regex.js";
import "./lib/strings.js";
import "./lib/json-operators.js";
import "./lib/json.js";
import "./lib/json-records.js";
import "./lib/jsonpath-exec.js";
import "./lib/arrays.js";
import "./lib/aggregates.js";
import "./lib/series.js";
import "./lib/table-functions.js";
import "./lib/bytea-functions.js";
import "./lib/network.js";
import "./lib/datetime-operators.js";
import "./lib/interval-aggregates.js";
import "./lib/datetime-functions.js";
import "./lib/to-char.js";
import "./lib/to-char-number.js";
import "./lib/to-number.js";
// Integer, float8 and numeric arithmetic and math functions (math before numeric: see numeric.ts).
import "./lib/math.js";
import "./lib/numeric.js";
import "./lib/sequences.js";
import "./lib/bits.js";
import "./lib/recursive-search.js";
import "./lib/advisory-locks.js";
import "./lib/extensions.js";
// Functions catalog queries use: pg_get_*def, format_type, privileges, sizes, descriptions, keywords.
import "./lib/catalog-keywords.js";
import "./lib/catalog-format-type.js";
import "./lib/catalog-defs.js";
import "./lib/catalog-viewdef.js";
import "./lib/catalog-info.js";
import "./lib/catalog-privileges.js";
import "./lib/catalog-sizes.js";
import "./lib/catalog-rules.js";
import "./lib/catalog-relation-facts.js";
import "./lib/catalog-function-defs.js";
import "./lib/catalog-records.js";
import "./lib/composite-records.js";
import "./lib/composite-sort-key.js";
