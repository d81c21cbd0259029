// Exact numeric arithmetic with PostgreSQL 15's result scales (numeric.c): + - * / %, rounding,
// sqrt, exp, ln, log, power and the rest, on the exact values of decimal.ts. Finite values are
// computed as scaled BigInts; NaN and the infinities follow PostgreSQL's rules. This module
// gathers the fixed-point core (decimal-fixed.ts), the basic operations (decimal-basic.ts) and
// the transcendental functions (decimal-transcendental.ts) under one namespace.
export * from "./decimal-basic.js";
export * from "./decimal-fixed.js";
export * from "./decimal-transcendental.js";
