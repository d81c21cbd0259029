// random() and setseed(): PostgreSQL 15's pg_prng (xoroshiro128**), one generator per session,
// seeded from random bytes on first use, or by setseed.
import { randomBytes } from "node:crypto";
import { PgError } from "../../errors/pg-error.js";
import { currentSession, type SessionRuntime } from "../runtime.js";

interface Prng {
  s0: bigint;
  s1: bigint;
}

const MASK64 = (1n << 64n) - 1n;
const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & MASK64;

function next(state: Prng): bigint {
  const s0 = state.s0;
  const sx = state.s1 ^ s0;
  const val = (rotl((s0 * 5n) & MASK64, 7n) * 9n) & MASK64;
  state.s0 = rotl(s0, 24n) ^ sx ^ ((sx << 16n) & MASK64);
  state.s1 = rotl(sx, 37n);
  return val;
}

function splitmix64(seed: { v: bigint }): bigint {
  seed.v = (seed.v + 0x9e3779b97f4a7c15n) & MASK64;
  let val = seed.v;
  val = ((val ^ (val >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  val = ((val ^ (val >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return val ^ (val >> 31n);
}

function seeded(seed: bigint): Prng {
  const s = { v: seed & MASK64 };
  const state = { s0: splitmix64(s), s1: splitmix64(s) };
  if (state.s0 === 0n && state.s1 === 0n) {
    state.s0 = 0x5851f42d4c957f2dn;
    state.s1 = 0x14057b7ef767814fn;
  }
  return state;
}

const prngs = new WeakMap<SessionRuntime, Prng>();

function sessionPrng(): Prng {
  const session = currentSession();
  let state = prngs.get(session);
  if (!state) {
    state = seeded(randomBytes(8).readBigUInt64LE());
    prngs.set(session, state);
  }
  return state;
}

export function random(): number {
  // pg_prng_double: the top 52 bits as a fraction.
  return Number(next(sessionPrng()) >> 12n) * 2 ** -52;
}

export function setseed(seed: number): string {
  if (seed < -1 || seed > 1 || Number.isNaN(seed)) {
    throw new PgError(
      "INVALID_PARAMETER_VALUE",
      `setseed parameter ${formatG(seed)} is out of allowed range [-1,1]`,
    );
  }
  // pg_prng_fseed: the seed times (2^52 - 1), converted to int64 and used as uint64.
  const iseed = BigInt(Math.trunc((2 ** 52 - 1) * seed));
  prngs.set(currentSession(), seeded(iseed));
  return "";
}

/** printf's %g, for the setseed error message. */
function formatG(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  const e = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
  if (e < -4 || e >= 6) {
    const [m, ex] = x.toExponential(5).split("e");
    const mant = m!.includes(".") ? m!.replace(/\.?0+$/, "") : m!;
    const n = Number(ex);
    return `${mant}e${n < 0 ? "-" : "+"}${String(Math.abs(n)).padStart(2, "0")}`;
  }
  const s = x.toFixed(Math.max(0, 5 - e));
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}
