/**
 * The function library: each file under lib/ declares a family of PostgreSQL functions and
 * operators (defineFunctions / defineOperators) when imported.
 */
import "./lib/datetime-operators.js";
import "./lib/datetime-functions.js";
import "./lib/to-char.js";
