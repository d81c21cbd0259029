/**
 * SASLprep (RFC 4013, a stringprep profile from RFC 3454) as PostgreSQL applies it to SCRAM
 * passwords (src/common/saslprep.c). PostgreSQL is lenient: a password that is not valid UTF-8, or
 * that SASLprep would reject, is used as its raw bytes instead of failing.
 *
 * Implemented: the ASCII shortcut, mapping (RFC 3454 C.1.2 to SPACE, B.1 to nothing), the
 * empty-result rule, NFKC normalisation, the prohibited-output tables (C.1.2 through C.9) and the
 * bidirectional rule of RFC 3454 section 6.
 * Left out: table A.1 (code points unassigned in Unicode 3.2). PostgreSQL treats those as
 * prohibited and then hashes the raw bytes; here they pass through NFKC, which differs only when
 * such a password also contains characters that mapping or NFKC changes. The bidi rule's "L"
 * category (table D.2) is approximated by the Unicode letter and spacing-mark categories.
 */

/** Inclusive code point ranges as a flat list: [first, last, first, last, ...]. */
type Ranges = readonly number[];

function inRanges(cp: number, ranges: Ranges): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (cp >= ranges[i]! && cp <= ranges[i + 1]!) return true;
  }
  return false;
}

/** C.1.2: non-ASCII space characters, mapped to U+0020. */
const NON_ASCII_SPACE: Ranges = [
  0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200b, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000,
];

/** B.1: commonly mapped to nothing. */
const MAPPED_TO_NOTHING: Ranges = [
  0xad, 0xad, 0x34f, 0x34f, 0x1806, 0x1806, 0x180b, 0x180d, 0x200b, 0x200d, 0x2060, 0x2060, 0xfe00, 0xfe0f,
  0xfeff, 0xfeff,
];

/** The union of C.1.2, C.2.1, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9, adjacent ranges merged. */
const PROHIBITED: Ranges = [
  0x0000,
  0x001f,
  0x007f,
  0x00a0,
  0x0340,
  0x0341,
  0x06dd,
  0x06dd,
  0x070f,
  0x070f,
  0x1680,
  0x1680,
  0x180e,
  0x180e,
  0x2000,
  0x200f,
  0x2028,
  0x202f,
  0x205f,
  0x2063,
  0x206a,
  0x206f,
  0x2ff0,
  0x2ffb,
  0x3000,
  0x3000,
  0xd800,
  0xf8ff,
  0xfdd0,
  0xfdef,
  0xfeff,
  0xfeff,
  0xfff9,
  0xffff,
  0x1d173,
  0x1d17a,
  0xe0001,
  0xe0001,
  0xe0020,
  0xe007f,
  0xf0000,
  0x10ffff,
  // C.4: the last two code points of planes 1 to 14.
  ...Array.from({ length: 14 }, (_, i) => [((i + 1) << 16) | 0xfffe, ((i + 1) << 16) | 0xffff]).flat(),
];

/** D.1: characters with bidirectional property "R" or "AL". */
const RAND_AL_CAT: Ranges = [
  0x05be, 0x05be, 0x05c0, 0x05c0, 0x05c3, 0x05c3, 0x05d0, 0x05ea, 0x05f0, 0x05f4, 0x061b, 0x061b, 0x061f,
  0x061f, 0x0621, 0x063a, 0x0640, 0x064a, 0x066d, 0x066f, 0x0671, 0x06d5, 0x06dd, 0x06dd, 0x06e5, 0x06e6,
  0x06fa, 0x06fe, 0x0700, 0x070d, 0x0710, 0x0710, 0x0712, 0x072c, 0x0780, 0x07a5, 0x07b1, 0x07b1, 0x200f,
  0x200f, 0xfb1d, 0xfb1d, 0xfb1f, 0xfb28, 0xfb2a, 0xfb36, 0xfb38, 0xfb3c, 0xfb3e, 0xfb3e, 0xfb40, 0xfb41,
  0xfb43, 0xfb44, 0xfb46, 0xfbb1, 0xfbd3, 0xfd3d, 0xfd50, 0xfd8f, 0xfd92, 0xfdc7, 0xfdf0, 0xfdfc, 0xfe70,
  0xfe74, 0xfe76, 0xfefc,
];

/** Approximates D.2 (bidirectional property "L"): letters and spacing marks that are not in D.1. */
const LEFT_TO_RIGHT = /[\p{L}\p{Mc}]/u;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** True when the RFC 3454 section 6 rule holds (or does not apply). */
function bidiAllowed(cps: number[]): boolean {
  if (!cps.some((cp) => inRanges(cp, RAND_AL_CAT))) return true;
  const isL = (cp: number) => !inRanges(cp, RAND_AL_CAT) && LEFT_TO_RIGHT.test(String.fromCodePoint(cp));
  if (cps.some(isL)) return false;
  return inRanges(cps[0]!, RAND_AL_CAT) && inRanges(cps[cps.length - 1]!, RAND_AL_CAT);
}

/**
 * The bytes PostgreSQL feeds to PBKDF2 for a password: its SASLprep form when SASLprep succeeds,
 * otherwise the password's own bytes.
 */
export function saslprep(password: Uint8Array): Buffer {
  const raw = Buffer.from(password);
  // Pure ASCII is returned unchanged, even with control characters (as PostgreSQL does).
  if (raw.every((b) => b < 0x80)) return raw;
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return raw;
  }
  const mapped: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (inRanges(cp, NON_ASCII_SPACE)) mapped.push(0x20);
    else if (!inRanges(cp, MAPPED_TO_NOTHING)) mapped.push(cp);
  }
  if (mapped.length === 0) return raw;
  // saslprep.c checks the prohibited and bidi rules on the mapped, not yet normalised, code
  // points; doing the same keeps the resulting hash identical.
  if (mapped.some((cp) => inRanges(cp, PROHIBITED))) return raw;
  if (!bidiAllowed(mapped)) return raw;
  const joined = mapped.map((cp) => String.fromCodePoint(cp)).join("");
  return Buffer.from(joined.normalize("NFKC"), "utf8");
}
