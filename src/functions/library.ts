/**
 * The function library: each file under lib/ declares a family of PostgreSQL functions and
 * operators (defineFunctions / defineOperators) when imported.
 */
