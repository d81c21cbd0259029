/*
 * Numbers with PostgreSQL's semantics inside SQLite.
 *
 * 1. The collation pg_numeric, which orders decimal strings (numeric's storage: '1.50', '-2',
 *    'NaN', '-Infinity', or a REAL as SQLite prints it, '1.0e+20') by their numeric value, as
 *    PostgreSQL's numeric comparison does: '1.0' = '1.00', NaN equals itself and sorts above
 *    every number. Text that is no number at all sorts after NaN, bytewise.
 *
 * 2. The exact aggregates sum() and avg() of numeric and integers (pg_numeric_sum, pg_numeric_avg),
 *    usable as window functions.
 *
 * 3. Native versions of functions also declared in JavaScript (src/functions/lib/math.ts):
 *    integer arithmetic with PostgreSQL's overflow checks, and the float8 math functions computed
 *    with the C library, as PostgreSQL computes them. Registered under the same names, they are
 *    the ones SQLite calls. Their errors carry PostgreSQL's SQLSTATE and wording in the message,
 *    as "pg:<SQLSTATE>:<message>" (see RAISE below), which src/errors/sqlite-error.ts turns into
 *    the PgError a client sees.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sqlite3ext.h>
#include <stdint.h>
#include <string.h>

SQLITE_EXTENSION_INIT3

/* ---------------------------------------------------------------- collation */

enum { NUM_FINITE = 0, NUM_NINF = -1, NUM_PINF = 1, NUM_NAN = 2, NUM_OTHER = 3 };

typedef struct {
  int kind;
  int neg;
  int zero;
  long long exp;       /* value = 0.d1 d2 d3 ... x 10^exp, d1 the first nonzero digit */
  const char *digits;  /* first significant digit; '.' may follow among the digits */
  const char *end;     /* end of the mantissa */
} Dec;

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int word_eq(const char *s, const char *e, const char *w) {
  size_t n = strlen(w);
  if ((size_t)(e - s) != n) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != w[i]) return 0;
  }
  return 1;
}

static void parse_dec(const char *s, int n, Dec *d) {
  const char *p = s, *e = s + n;
  memset(d, 0, sizeof *d);
  while (p < e && is_space(*p)) p++;
  while (e > p && is_space(e[-1])) e--;
  const char *body = p;
  if (p < e && (*p == '+' || *p == '-')) {
    d->neg = *p == '-';
    p++;
  }
  if (p < e && !(*p >= '0' && *p <= '9') && *p != '.') {
    if (word_eq(body, e, "nan")) d->kind = NUM_NAN;
    else if (word_eq(p, e, "infinity") || word_eq(p, e, "inf")) d->kind = d->neg ? NUM_NINF : NUM_PINF;
    else d->kind = NUM_OTHER;
    return;
  }
  long long int_digits = 0, lead = 0;
  int any = 0, dot = 0;
  const char *first = 0;
  const char *q = p;
  for (; q < e; q++) {
    char c = *q;
    if (c == '.') {
      if (dot) break;
      dot = 1;
      continue;
    }
    if (c < '0' || c > '9') break;
    any = 1;
    if (!dot) int_digits++;
    if (!first) {
      if (c != '0') first = q;
      else lead++;
    }
  }
  if (!any) {
    d->kind = NUM_OTHER;
    return;
  }
  const char *mant_end = q;
  long long ex = 0;
  if (q < e && (*q == 'e' || *q == 'E')) {
    q++;
    int eneg = 0, edigits = 0;
    if (q < e && (*q == '+' || *q == '-')) {
      eneg = *q == '-';
      q++;
    }
    for (; q < e && *q >= '0' && *q <= '9'; q++) {
      if (ex < 1000000000000LL) ex = ex * 10 + (*q - '0');
      edigits++;
    }
    if (!edigits) {
      d->kind = NUM_OTHER;
      return;
    }
    if (eneg) ex = -ex;
  }
  if (q != e) {
    d->kind = NUM_OTHER;
    return;
  }
  d->kind = NUM_FINITE;
  if (!first) {
    d->zero = 1;
    d->neg = 0;
    return;
  }
  d->digits = first;
  d->end = mant_end;
  d->exp = int_digits - lead + ex;
}

/* Compares the digit strings of two nonzero finite values of equal exponent. */
static int cmp_digits(const Dec *a, const Dec *b) {
  const char *p = a->digits, *q = b->digits;
  for (;;) {
    while (p < a->end && *p == '.') p++;
    while (q < b->end && *q == '.') q++;
    if (p >= a->end && q >= b->end) return 0;
    char x = p < a->end ? *p++ : '0';
    char y = q < b->end ? *q++ : '0';
    if (x != y) return x < y ? -1 : 1;
    if (p >= a->end && q >= b->end) return 0;
  }
}

static int cmp_abs(const Dec *a, const Dec *b) {
  if (a->exp != b->exp) return a->exp < b->exp ? -1 : 1;
  return cmp_digits(a, b);
}

static int cmp_other(const char *a, int na, const char *b, int nb) {
  int n = na < nb ? na : nb;
  int c = memcmp(a, b, (size_t)n);
  if (c) return c < 0 ? -1 : 1;
  return na == nb ? 0 : na < nb ? -1 : 1;
}

/* The order of the kinds: -Infinity < numbers < Infinity < NaN < anything else. */
static int kind_rank(int kind) {
  switch (kind) {
    case NUM_NINF: return 0;
    case NUM_FINITE: return 1;
    case NUM_PINF: return 2;
    case NUM_NAN: return 3;
    default: return 4;
  }
}

static int numeric_collate(void *unused, int na, const void *pa, int nb, const void *pb) {
  (void)unused;
  Dec a, b;
  parse_dec((const char *)pa, na, &a);
  parse_dec((const char *)pb, nb, &b);
  int ra = kind_rank(a.kind), rb = kind_rank(b.kind);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (a.kind == NUM_OTHER) return cmp_other((const char *)pa, na, (const char *)pb, nb);
  if (a.kind != NUM_FINITE) return 0;
  int sa = a.zero ? 0 : a.neg ? -1 : 1;
  int sb = b.zero ? 0 : b.neg ? -1 : 1;
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int c = cmp_abs(&a, &b);
  return sa > 0 ? c : -c;
}

/* ------------------------------------------------------------------ errors */

/* Fails the call with PostgreSQL's error: "pg:" SQLSTATE ":" message. */
#define RAISE(ctx, code, message) sqlite3_result_error((ctx), "pg:" code ":" message, -1)

/* ------------------------------------------------------------------ integers */

typedef enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_NEG, OP_ABS } IntOp;

typedef struct {
  const char *name;
  IntOp op;
  int64_t min, max;
} IntFn;

static const IntFn int_fns[] = {
#define INT_FAMILY(T, MIN, MAX)                                                     \
  {"pg_" T "_add", OP_ADD, MIN, MAX}, {"pg_" T "_sub", OP_SUB, MIN, MAX},           \
      {"pg_" T "_mul", OP_MUL, MIN, MAX}, {"pg_" T "_div", OP_DIV, MIN, MAX},       \
      {"pg_" T "_mod", OP_MOD, MIN, MAX}, {"pg_" T "_neg", OP_NEG, MIN, MAX},       \
      {"pg_" T "_abs", OP_ABS, MIN, MAX}
    INT_FAMILY("int2", -32768, 32767),
    INT_FAMILY("int4", INT32_MIN, INT32_MAX),
    INT_FAMILY("int8", INT64_MIN, INT64_MAX),
#undef INT_FAMILY
};

static void int_out_of_range(sqlite3_context *ctx, const IntFn *f) {
  if (f->max == 32767) RAISE(ctx, "22003", "smallint out of range");
  else if (f->max == INT32_MAX) RAISE(ctx, "22003", "integer out of range");
  else RAISE(ctx, "22003", "bigint out of range");
}

/* An argument as an int64, if it is an integer (or a REAL or text with an integral value). */
static int int_arg(sqlite3_value *v, int64_t *out) {
  int type = sqlite3_value_type(v);
  if (type == SQLITE_TEXT) type = sqlite3_value_numeric_type(v);
  if (type == SQLITE_INTEGER) {
    *out = sqlite3_value_int64(v);
    return 1;
  }
  if (type == SQLITE_FLOAT) {
    double d = sqlite3_value_double(v);
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == (double)(int64_t)d) {
      *out = (int64_t)d;
      return 1;
    }
  }
  return 0;
}

/* What SQLite computes for operands that are not integers (a REAL another tool stored). */
static void int_call_double(sqlite3_context *ctx, const IntFn *f, int argc, sqlite3_value **argv) {
  double a = sqlite3_value_double(argv[0]);
  double b = argc > 1 ? sqlite3_value_double(argv[1]) : 0;
  double r = 0;
  switch (f->op) {
    case OP_ADD: r = a + b; break;
    case OP_SUB: r = a - b; break;
    case OP_MUL: r = a * b; break;
    case OP_DIV:
    case OP_MOD:
      if (b == 0) {
        RAISE(ctx, "22012", "division by zero");
        return;
      }
      r = f->op == OP_DIV ? trunc(a / b) : fmod(a, b);
      break;
    case OP_NEG: r = -a; break;
    case OP_ABS: r = fabs(a); break;
  }
  sqlite3_result_double(ctx, r);
}

static void int_call(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  for (int i = 0; i < argc; i++) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return; /* STRICT: NULL */
  }
  const IntFn *f = (const IntFn *)sqlite3_user_data(ctx);
  int64_t a = 0, b = 0, r = 0;
  if (!int_arg(argv[0], &a) || (argc > 1 && !int_arg(argv[1], &b))) {
    int_call_double(ctx, f, argc, argv);
    return;
  }
  int bad = 0;
  switch (f->op) {
    case OP_ADD: bad = __builtin_add_overflow(a, b, &r); break;
    case OP_SUB: bad = __builtin_sub_overflow(a, b, &r); break;
    case OP_MUL: bad = __builtin_mul_overflow(a, b, &r); break;
    case OP_DIV:
    case OP_MOD:
      if (b == 0) {
        RAISE(ctx, "22012", "division by zero");
        return;
      }
      if (f->op == OP_MOD) r = b == -1 ? 0 : a % b;
      else if (b == -1 && a == INT64_MIN) bad = 1;
      else r = a / b;
      break;
    case OP_NEG:
      if (a == INT64_MIN) bad = 1;
      else r = -a;
      break;
    case OP_ABS:
      if (a == INT64_MIN) bad = 1;
      else r = a < 0 ? -a : a;
      break;
  }
  if (bad || r < f->min || r > f->max) {
    int_out_of_range(ctx, f);
    return;
  }
  sqlite3_result_int64(ctx, r);
}

/* ------------------------------------------------------------------- float8 */

typedef enum {
  F_SQRT, F_CBRT, F_EXP, F_LN, F_LOG10, F_SIN, F_COS, F_TAN, F_COT, F_ASIN, F_ACOS, F_ATAN,
  F_SIND, F_COSD, F_TAND, F_COTD, F_ASIND, F_ACOSD, F_ATAND,
  F_SINH, F_COSH, F_TANH, F_ASINH, F_ACOSH, F_ATANH,
  F_DEGREES, F_RADIANS, F_ROUND, F_TRUNC, F_CEIL, F_FLOOR, F_SIGN, F_ABS,
  F_POW, F_ATAN2, F_ATAN2D, F_ADD, F_SUB, F_MUL, F_DIV
} FloatOp;

typedef struct {
  const char *name;
  FloatOp op;
  int nargs;
} FloatFn;

static const FloatFn float_fns[] = {
    {"pg_float8_sqrt", F_SQRT, 1},       {"pg_float8_cbrt", F_CBRT, 1},
    {"pg_float8_exp", F_EXP, 1},         {"pg_float8_ln", F_LN, 1},
    {"pg_float8_log10", F_LOG10, 1},     {"pg_float8_sin", F_SIN, 1},
    {"pg_float8_cos", F_COS, 1},         {"pg_float8_tan", F_TAN, 1},
    {"pg_float8_cot", F_COT, 1},         {"pg_float8_asin", F_ASIN, 1},
    {"pg_float8_acos", F_ACOS, 1},       {"pg_float8_atan", F_ATAN, 1},
    {"pg_float8_sind", F_SIND, 1},       {"pg_float8_cosd", F_COSD, 1},
    {"pg_float8_tand", F_TAND, 1},       {"pg_float8_cotd", F_COTD, 1},
    {"pg_float8_asind", F_ASIND, 1},     {"pg_float8_acosd", F_ACOSD, 1},
    {"pg_float8_atand", F_ATAND, 1},     {"pg_float8_sinh", F_SINH, 1},
    {"pg_float8_cosh", F_COSH, 1},       {"pg_float8_tanh", F_TANH, 1},
    {"pg_float8_asinh", F_ASINH, 1},     {"pg_float8_acosh", F_ACOSH, 1},
    {"pg_float8_atanh", F_ATANH, 1},     {"pg_float8_degrees", F_DEGREES, 1},
    {"pg_float8_radians", F_RADIANS, 1}, {"pg_float8_round", F_ROUND, 1},
    {"pg_float8_trunc", F_TRUNC, 1},     {"pg_float8_ceil", F_CEIL, 1},
    {"pg_float8_floor", F_FLOOR, 1},     {"pg_float8_sign", F_SIGN, 1},
    {"pg_float8_abs", F_ABS, 1},         {"pg_float8_pow", F_POW, 2},
    {"pg_float8_atan2", F_ATAN2, 2},     {"pg_float8_atan2d", F_ATAN2D, 2},
    {"pg_float8_pl", F_ADD, 2},          {"pg_float8_mi", F_SUB, 2},
    {"pg_float8_mul", F_MUL, 2},         {"pg_float8_div", F_DIV, 2},
};

#define RADIANS_PER_DEGREE 0.0174532925199432957692

/* The constants of PostgreSQL's degree-based trigonometry (float.c), computed at run time. */
static volatile double degree_c_thirty = 30.0, degree_c_forty_five = 45.0, degree_c_sixty = 60.0,
                       degree_c_one_half = 0.5, degree_c_one = 1.0;
static double sin_30, one_minus_cos_60, asin_0_5, acos_0_5, atan_1_0, tan_45, cot_45;
static int degree_consts_set = 0;

static double sind_0_to_30(double x) {
  volatile double sin_x = sin(x * RADIANS_PER_DEGREE);
  return (sin_x / sin_30) / 2.0;
}

static double cosd_0_to_60(double x) {
  volatile double one_minus_cos_x = 1.0 - cos(x * RADIANS_PER_DEGREE);
  return 1.0 - (one_minus_cos_x / one_minus_cos_60) / 2.0;
}

static double sind_q1(double x) { return x <= 30.0 ? sind_0_to_30(x) : cosd_0_to_60(90.0 - x); }
static double cosd_q1(double x) { return x <= 60.0 ? cosd_0_to_60(x) : sind_0_to_30(90.0 - x); }

static void init_degree_constants(void) {
  if (degree_consts_set) return;
  sin_30 = sin(degree_c_thirty * RADIANS_PER_DEGREE);
  one_minus_cos_60 = 1.0 - cos(degree_c_sixty * RADIANS_PER_DEGREE);
  asin_0_5 = asin(degree_c_one_half);
  acos_0_5 = acos(degree_c_one_half);
  atan_1_0 = atan(degree_c_one);
  tan_45 = sind_q1(degree_c_forty_five) / cosd_q1(degree_c_forty_five);
  cot_45 = cosd_q1(degree_c_forty_five) / sind_q1(degree_c_forty_five);
  degree_consts_set = 1;
}

static double asind_q1(double x) {
  if (x <= 0.5) {
    volatile double asin_x = asin(x);
    return (asin_x / asin_0_5) * 30.0;
  }
  volatile double acos_x = acos(x);
  return 90.0 - (acos_x / acos_0_5) * 60.0;
}

static double acosd_q1(double x) {
  if (x <= 0.5) {
    volatile double asin_x = asin(x);
    return 90.0 - (asin_x / asin_0_5) * 30.0;
  }
  volatile double acos_x = acos(x);
  return (acos_x / acos_0_5) * 60.0;
}

/* Reduces degrees to [0, 90] as PostgreSQL's sind/cosd/tand/cotd do; returns the sign. */
static double reduce_degrees(double *x, int odd_at_zero, int odd_at_180, int odd_at_90) {
  double sign = 1;
  double a = fmod(*x, 360.0);
  if (a < 0.0) {
    a = -a;
    if (odd_at_zero) sign = -sign;
  }
  if (a > 180.0) {
    a = 360.0 - a;
    if (odd_at_180) sign = -sign;
  }
  if (a > 90.0) {
    a = 180.0 - a;
    if (odd_at_90) sign = -sign;
  }
  *x = a;
  return sign;
}

/* An argument as a double: REAL, INTEGER, or float8's TEXT 'NaN' (other text as SQLite reads it). */
static double get_double(sqlite3_value *v) {
  if (sqlite3_value_type(v) == SQLITE_TEXT) {
    const char *t = (const char *)sqlite3_value_text(v);
    if (t && strcmp(t, "NaN") == 0) return NAN;
    if (t && strcmp(t, "Infinity") == 0) return INFINITY;
    if (t && strcmp(t, "-Infinity") == 0) return -INFINITY;
  }
  return sqlite3_value_double(v);
}

/* The errors of the float8 functions. */
enum {
  FE_OK,
  FE_OVERFLOW,
  FE_UNDERFLOW,
  FE_SQRT_NEGATIVE,
  FE_LOG_ZERO,
  FE_LOG_NEGATIVE,
  FE_INPUT_RANGE,
  FE_ZERO_NEGATIVE_POWER,
  FE_COMPLEX_POWER,
  FE_DIVISION_BY_ZERO,
};

/* Computes f(x[, y]): FE_OK with the result in *out, or the error PostgreSQL raises. */
static int float_compute(FloatOp op, double x, double y, double *out) {
  double r;
  switch (op) {
    /* Arithmetic as float.h's float8_pl/mi/mul/div: infinities only from infinite operands. */
    case F_ADD:
    case F_SUB:
      r = op == F_ADD ? x + y : x - y;
      if (isinf(r) && !isinf(x) && !isinf(y)) return FE_OVERFLOW;
      *out = r;
      return FE_OK;
    case F_MUL:
      r = x * y;
      if (isinf(r) && !isinf(x) && !isinf(y)) return FE_OVERFLOW;
      if (r == 0.0 && x != 0.0 && y != 0.0) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_DIV:
      if (y == 0.0 && !isnan(x)) return FE_DIVISION_BY_ZERO;
      r = x / y;
      if (isinf(r) && !isinf(x)) return FE_OVERFLOW;
      if (r == 0.0 && x != 0.0 && !isinf(y)) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_SQRT:
      if (isnan(x)) break;
      if (x < 0) return FE_SQRT_NEGATIVE;
      r = sqrt(x);
      if (isinf(r) && !isinf(x)) return FE_OVERFLOW;
      if (r == 0.0 && x != 0) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_CBRT:
      r = cbrt(x);
      if (isinf(r) && !isinf(x)) return FE_OVERFLOW;
      if (r == 0.0 && x != 0) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_EXP:
      if (isnan(x)) break;
      if (isinf(x)) {
        *out = x > 0 ? x : 0;
        return FE_OK;
      }
      errno = 0;
      r = exp(x);
      if (errno == ERANGE) return r != 0.0 ? FE_OVERFLOW : FE_UNDERFLOW;
      if (isinf(r)) return FE_OVERFLOW;
      if (r == 0.0) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_LN:
    case F_LOG10:
      if (isnan(x)) break;
      if (x == 0) return FE_LOG_ZERO;
      if (x < 0) return FE_LOG_NEGATIVE;
      r = op == F_LN ? log(x) : log10(x);
      if (isinf(r) && !isinf(x)) return FE_OVERFLOW;
      if (r == 0.0 && x != 1) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_SIN:
    case F_COS:
    case F_TAN:
    case F_COT:
      if (isnan(x)) break;
      if (isinf(x)) return FE_INPUT_RANGE;
      errno = 0;
      r = op == F_SIN ? sin(x) : op == F_COS ? cos(x) : tan(x);
      if (errno != 0) return FE_INPUT_RANGE;
      if (op == F_COT) r = 1.0 / r;
      else if ((op == F_SIN || op == F_COS) && isinf(r)) return FE_OVERFLOW;
      *out = r;
      return FE_OK;
    case F_ASIN:
    case F_ACOS:
      if (isnan(x)) break;
      if (x < -1.0 || x > 1.0) return FE_INPUT_RANGE;
      *out = op == F_ASIN ? asin(x) : acos(x);
      return FE_OK;
    case F_ATAN:
      if (isnan(x)) break;
      *out = atan(x);
      return FE_OK;
    case F_ATAN2:
      if (isnan(x) || isnan(y)) break;
      *out = atan2(x, y);
      return FE_OK;
    case F_SIND:
    case F_COSD:
    case F_TAND:
    case F_COTD: {
      if (isnan(x)) break;
      if (isinf(x)) return FE_INPUT_RANGE;
      init_degree_constants();
      double a = x, sign;
      if (op == F_SIND) {
        sign = reduce_degrees(&a, 1, 1, 0);
        r = sign * sind_q1(a);
      } else if (op == F_COSD) {
        sign = reduce_degrees(&a, 0, 0, 1);
        r = sign * cosd_q1(a);
      } else if (op == F_TAND) {
        sign = reduce_degrees(&a, 1, 1, 1);
        volatile double tan_a = sind_q1(a) / cosd_q1(a);
        r = sign * (tan_a / tan_45);
        if (r == 0.0) r = 0.0;
      } else {
        sign = reduce_degrees(&a, 1, 1, 1);
        volatile double cot_a = cosd_q1(a) / sind_q1(a);
        r = sign * (cot_a / cot_45);
        if (r == 0.0) r = 0.0;
      }
      *out = r;
      return FE_OK;
    }
    case F_ASIND:
    case F_ACOSD:
      if (isnan(x)) break;
      if (x < -1.0 || x > 1.0) return FE_INPUT_RANGE;
      init_degree_constants();
      if (op == F_ASIND) *out = x >= 0.0 ? asind_q1(x) : -asind_q1(-x);
      else *out = x >= 0.0 ? acosd_q1(x) : 90.0 + asind_q1(-x);
      return FE_OK;
    case F_ATAND: {
      if (isnan(x)) break;
      init_degree_constants();
      volatile double atan_x = atan(x);
      *out = (atan_x / atan_1_0) * 45.0;
      return FE_OK;
    }
    case F_ATAN2D: {
      if (isnan(x) || isnan(y)) break;
      init_degree_constants();
      volatile double atan2_xy = atan2(x, y);
      *out = (atan2_xy / atan_1_0) * 45.0;
      return FE_OK;
    }
    case F_SINH:
      errno = 0;
      r = sinh(x);
      if (errno == ERANGE) r = x < 0 ? -INFINITY : INFINITY;
      *out = r;
      return FE_OK;
    case F_COSH:
      errno = 0;
      r = cosh(x);
      if (errno == ERANGE) r = INFINITY;
      if (r == 0.0) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_TANH:
      *out = tanh(x);
      return FE_OK;
    case F_ASINH:
      *out = asinh(x);
      return FE_OK;
    case F_ACOSH:
      if (x < 1.0) return FE_INPUT_RANGE;
      *out = acosh(x);
      return FE_OK;
    case F_ATANH:
      if (x < -1.0 || x > 1.0) return FE_INPUT_RANGE;
      *out = x == -1.0 ? -INFINITY : x == 1.0 ? INFINITY : atanh(x);
      return FE_OK;
    case F_DEGREES:
      r = x / RADIANS_PER_DEGREE;
      if (isinf(r) && !isinf(x)) return FE_OVERFLOW;
      if (r == 0.0 && x != 0.0) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_RADIANS:
      r = x * RADIANS_PER_DEGREE;
      if (isinf(r) && !isinf(x)) return FE_OVERFLOW;
      if (r == 0.0 && x != 0.0) return FE_UNDERFLOW;
      *out = r;
      return FE_OK;
    case F_ROUND: *out = rint(x); return FE_OK;
    case F_TRUNC: *out = x >= 0 ? floor(x) : -floor(-x); return FE_OK;
    case F_CEIL: *out = ceil(x); return FE_OK;
    case F_FLOOR: *out = floor(x); return FE_OK;
    case F_SIGN: *out = x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; return FE_OK;
    case F_ABS: *out = fabs(x); return FE_OK;
    case F_POW:
      if (isnan(x)) {
        *out = (isnan(y) || y != 0.0) ? NAN : 1.0;
        return FE_OK;
      }
      if (isnan(y)) {
        *out = x != 1.0 ? NAN : 1.0;
        return FE_OK;
      }
      if (x == 0 && y < 0) return FE_ZERO_NEGATIVE_POWER;
      if (x < 0 && floor(y) != y) return FE_COMPLEX_POWER;
      if (isinf(y)) {
        double ax = fabs(x);
        if (ax == 1.0) r = 1.0;
        else if (y > 0.0) r = ax > 1.0 ? y : 0.0;
        else r = ax > 1.0 ? 0.0 : -y;
      } else if (isinf(x)) {
        if (y == 0.0) r = 1.0;
        else if (x > 0.0) r = y > 0.0 ? x : 0.0;
        else {
          double halfy = y / 2;
          int odd = floor(halfy) != halfy;
          if (y > 0.0) r = odd ? x : -x;
          else r = odd ? -0.0 : 0.0;
        }
      } else {
        errno = 0;
        r = pow(x, y);
        if (errno == EDOM || isnan(r)) {
          if (x == 0.0) r = 0.0;
          else if (fabs(x) == 1.0) r = 1.0;
          else if (y >= 0.0 ? fabs(x) > 1.0 : fabs(x) < 1.0) return FE_OVERFLOW;
          else return FE_UNDERFLOW;
        } else if (errno == ERANGE) {
          return r != 0.0 ? FE_OVERFLOW : FE_UNDERFLOW;
        } else {
          if (isinf(r)) return FE_OVERFLOW;
          if (r == 0.0 && x != 0.0) return FE_UNDERFLOW;
        }
      }
      *out = r;
      return FE_OK;
  }
  *out = NAN;
  return FE_OK;
}

static void float_call(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  for (int i = 0; i < argc; i++) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return; /* STRICT: NULL */
  }
  const FloatFn *f = (const FloatFn *)sqlite3_user_data(ctx);
  double x = get_double(argv[0]), y = argc > 1 ? get_double(argv[1]) : 0, r = 0;
  switch (float_compute(f->op, x, y, &r)) {
    case FE_OK:
      /* SQLite keeps a NaN REAL as NULL; float8 stores NaN as TEXT. */
      if (isnan(r)) sqlite3_result_text(ctx, "NaN", 3, SQLITE_STATIC);
      else sqlite3_result_double(ctx, r);
      return;
    case FE_OVERFLOW: RAISE(ctx, "22003", "value out of range: overflow"); return;
    case FE_UNDERFLOW: RAISE(ctx, "22003", "value out of range: underflow"); return;
    case FE_SQRT_NEGATIVE: RAISE(ctx, "2201F", "cannot take square root of a negative number"); return;
    case FE_LOG_ZERO: RAISE(ctx, "2201E", "cannot take logarithm of zero"); return;
    case FE_LOG_NEGATIVE: RAISE(ctx, "2201E", "cannot take logarithm of a negative number"); return;
    case FE_INPUT_RANGE: RAISE(ctx, "22003", "input is out of range"); return;
    case FE_ZERO_NEGATIVE_POWER: RAISE(ctx, "2201F", "zero raised to a negative power is undefined"); return;
    case FE_DIVISION_BY_ZERO: RAISE(ctx, "22012", "division by zero"); return;
    default:
      RAISE(ctx, "2201F", "a negative number raised to a non-integer power yields a complex result");
      return;
  }
}

/* --------------------------------------------------------- exact sum and avg */

/*
 * sum() and avg() of numeric and integer values, exact, with PostgreSQL's result scales, as
 * window functions too. Values are accumulated as big integers at the largest scale seen so far,
 * positive and negative ones apart (so that removing a row from a window frame is adding it to the
 * other side); the number of values of each scale gives the result's scale.
 */

#define BIG_BASE 1000000000u

typedef struct {
  uint32_t *d; /* little-endian base-1e9 limbs */
  int n;
  int cap;
} Big;

static int big_reserve(Big *b, int n) {
  if (n <= b->cap) return 1;
  int cap = b->cap ? b->cap : 4;
  while (cap < n) cap *= 2;
  uint32_t *d = sqlite3_realloc64(b->d, (sqlite3_uint64)cap * sizeof(uint32_t));
  if (!d) return 0;
  b->d = d;
  b->cap = cap;
  return 1;
}

static void big_trim(Big *b) {
  while (b->n > 0 && b->d[b->n - 1] == 0) b->n--;
}

static int big_cmp(const Big *a, const Big *b) {
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (int i = a->n - 1; i >= 0; i--) {
    if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
  }
  return 0;
}

static int big_add(Big *a, const Big *b) {
  int n = a->n > b->n ? a->n : b->n;
  if (!big_reserve(a, n + 1)) return 0;
  uint32_t carry = 0;
  for (int i = 0; i < n; i++) {
    uint64_t s = (uint64_t)(i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
    a->d[i] = (uint32_t)(s % BIG_BASE);
    carry = (uint32_t)(s / BIG_BASE);
  }
  a->n = n;
  if (carry) a->d[a->n++] = carry;
  return 1;
}

/* a -= b, for a >= b. */
static void big_sub(Big *a, const Big *b) {
  int64_t borrow = 0;
  for (int i = 0; i < a->n; i++) {
    int64_t s = (int64_t)a->d[i] - (i < b->n ? b->d[i] : 0) - borrow;
    borrow = s < 0;
    a->d[i] = (uint32_t)(s < 0 ? s + BIG_BASE : s);
  }
  big_trim(a);
}

static int big_mul_small(Big *a, uint32_t m) {
  if (!big_reserve(a, a->n + 1)) return 0;
  uint64_t carry = 0;
  for (int i = 0; i < a->n; i++) {
    uint64_t p = (uint64_t)a->d[i] * m + carry;
    a->d[i] = (uint32_t)(p % BIG_BASE);
    carry = p / BIG_BASE;
  }
  if (carry) a->d[a->n++] = (uint32_t)carry;
  return 1;
}

static int big_mul_pow10(Big *a, int k) {
  if (a->n == 0 || k <= 0) return 1;
  int limbs = k / 9;
  if (limbs) {
    if (!big_reserve(a, a->n + limbs)) return 0;
    memmove(a->d + limbs, a->d, (size_t)a->n * sizeof(uint32_t));
    memset(a->d, 0, (size_t)limbs * sizeof(uint32_t));
    a->n += limbs;
  }
  static const uint32_t p10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
  return k % 9 ? big_mul_small(a, p10[k % 9]) : 1;
}

/* a /= d; returns the remainder. */
static uint64_t big_div_u64(Big *a, uint64_t d) {
  unsigned __int128 rem = 0;
  for (int i = a->n - 1; i >= 0; i--) {
    unsigned __int128 cur = rem * BIG_BASE + a->d[i];
    a->d[i] = (uint32_t)(cur / d);
    rem = cur % d;
  }
  big_trim(a);
  return (uint64_t)rem;
}

static int big_set_digits(Big *b, const char *digits, int len) {
  b->n = 0;
  if (!big_reserve(b, len / 9 + 1)) return 0;
  for (int end = len; end > 0; end -= 9) {
    int start = end > 9 ? end - 9 : 0;
    uint32_t limb = 0;
    for (int i = start; i < end; i++) limb = limb * 10 + (uint32_t)(digits[i] - '0');
    b->d[b->n++] = limb;
  }
  big_trim(b);
  return 1;
}

/* The decimal digits of a magnitude ("0" for zero), sqlite3_malloc'd. */
static char *big_digits(const Big *a) {
  char *s = sqlite3_malloc64((sqlite3_uint64)a->n * 9 + 2);
  if (!s) return 0;
  if (a->n == 0) {
    strcpy(s, "0");
    return s;
  }
  int len = sprintf(s, "%u", a->d[a->n - 1]);
  for (int i = a->n - 2; i >= 0; i--) len += sprintf(s + len, "%09u", a->d[i]);
  return s;
}

typedef struct {
  Big pos, neg;
  int scale;          /* the accumulators' scale */
  int64_t n;          /* finite values */
  int64_t nan, pinf, ninf;
  int64_t *scales;    /* finite values by display scale */
  int nscales;
  Big tmp;
} Agg;

#define MAX_DSCALE 0x3fff

/* A value read as a decimal: its kind, and for a finite one its digits (no leading zeros), scale, sign. */
typedef struct {
  int kind;
  int neg;
  int scale;
  int ndigits;
  char *digits; /* buf or heap */
  char buf[512];
} Reading;

/* Reads a value; 0 when it does not fit numeric's format or memory runs out (*nomem set). */
static int read_decimal(sqlite3_value *v, Reading *r, int *nomem) {
  const char *text;
  char num[64];
  r->digits = r->buf;
  r->kind = NUM_NAN;
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER:
      sqlite3_snprintf((int)sizeof num, num, "%lld", sqlite3_value_int64(v));
      text = num;
      break;
    case SQLITE_FLOAT: {
      double x = sqlite3_value_double(v);
      if (isnan(x)) return 1;
      if (isinf(x)) {
        r->kind = x > 0 ? NUM_PINF : NUM_NINF;
        return 1;
      }
      /* The shortest digits that read back as the same double. */
      for (int p = 15; p <= 17; p++) {
        snprintf(num, sizeof num, "%.*g", p, x);
        if (strtod(num, 0) == x) break;
      }
      text = num;
      break;
    }
    case SQLITE_TEXT:
      text = (const char *)sqlite3_value_text(v);
      if (!text) return 1;
      break;
    default:
      return 1;
  }
  Dec d;
  parse_dec(text, (int)strlen(text), &d);
  r->kind = d.kind == NUM_OTHER ? NUM_NAN : d.kind;
  if (d.kind != NUM_FINITE) return 1;
  r->neg = d.neg && !d.zero;
  /* Significant digits, fractional digits and exponent. */
  const char *p = text;
  while (is_space(*p) || *p == '+' || *p == '-') p++;
  const char *start = p;
  long long len = 0, frac = 0, ex = 0;
  int dot = 0;
  for (; *p && *p != 'e' && *p != 'E' && !is_space(*p); p++) {
    if (*p == '.') {
      dot = 1;
      continue;
    }
    if (len > 0 || *p != '0') len++;
    if (dot) frac++;
  }
  if (*p == 'e' || *p == 'E') ex = strtoll(p + 1, 0, 10);
  long long scale = frac - ex;
  long long pad = scale < 0 && len > 0 ? -scale : 0;
  if (scale < 0) scale = 0;
  if (scale > MAX_DSCALE || len + pad - scale > 0x8000 * 4) return 0;
  if ((size_t)(len + pad + 1) > sizeof r->buf) {
    r->digits = sqlite3_malloc64((sqlite3_uint64)(len + pad + 1));
    if (!r->digits) {
      r->digits = r->buf;
      *nomem = 1;
      return 0;
    }
  }
  long long n = 0;
  for (p = start; *p && *p != 'e' && *p != 'E' && !is_space(*p); p++) {
    if (*p == '.') continue;
    if (n > 0 || *p != '0') r->digits[n++] = *p;
  }
  memset(r->digits + n, '0', (size_t)pad);
  n += pad;
  r->digits[n] = 0;
  r->ndigits = (int)n;
  r->scale = (int)scale;
  return 1;
}

static void agg_fail(sqlite3_context *ctx, int nomem) {
  if (nomem) sqlite3_result_error_nomem(ctx);
  else RAISE(ctx, "22003", "value overflows numeric format");
}

static void agg_update(sqlite3_context *ctx, sqlite3_value **argv, int remove) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  Agg *a = sqlite3_aggregate_context(ctx, sizeof(Agg));
  if (!a) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  Reading r;
  int nomem = 0;
  int ok = read_decimal(argv[0], &r, &nomem);
  int delta = remove ? -1 : 1;
  if (!ok) {
    agg_fail(ctx, nomem);
  } else if (r.kind == NUM_NAN) {
    a->nan += delta;
  } else if (r.kind == NUM_PINF) {
    a->pinf += delta;
  } else if (r.kind == NUM_NINF) {
    a->ninf += delta;
  } else {
    int good = 1;
    if (r.scale > a->scale) {
      good = big_mul_pow10(&a->pos, r.scale - a->scale) && big_mul_pow10(&a->neg, r.scale - a->scale);
      a->scale = r.scale;
    }
    if (good && r.scale >= a->nscales) {
      int n = r.scale + 1;
      int64_t *sc = sqlite3_realloc64(a->scales, (sqlite3_uint64)n * sizeof(int64_t));
      if (sc) {
        memset(sc + a->nscales, 0, (size_t)(n - a->nscales) * sizeof(int64_t));
        a->scales = sc;
        a->nscales = n;
      } else {
        good = 0;
      }
    }
    good = good && big_set_digits(&a->tmp, r.digits, r.ndigits) && big_mul_pow10(&a->tmp, a->scale - r.scale) &&
           big_add(r.neg != remove ? &a->neg : &a->pos, &a->tmp);
    if (!good) {
      agg_fail(ctx, 1);
    } else {
      a->scales[r.scale] += delta;
      a->n += delta;
    }
  }
  if (r.digits != r.buf) sqlite3_free(r.digits);
}

static void agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  agg_update(ctx, argv, 0);
}

static void agg_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  agg_update(ctx, argv, 1);
}

/* Weight and first digit of base 10000 of digits * 10^-scale, as select_div_scale reads them. */
static void nbase_lead(const char *digits, int scale, int *weight, int *first) {
  int len = (int)strlen(digits);
  if (len == 1 && digits[0] == '0') {
    *weight = 0;
    *first = 0;
    return;
  }
  int e10 = len - 1 - scale;
  int w = e10 >= 0 ? e10 / 4 : -((-e10 + 3) / 4);
  int k = e10 - 4 * w; /* the first group has k + 1 digits */
  int f = 0;
  for (int i = 0; i <= k; i++) f = f * 10 + (i < len ? digits[i] - '0' : 0);
  *weight = w;
  *first = f;
}

/* Formats neg, digits and scale as numeric_out does; sqlite3_malloc'd. */
static char *format_decimal(int neg, const char *digits, int scale) {
  int len = (int)strlen(digits);
  int zero = len == 1 && digits[0] == '0';
  int intlen = len > scale ? len - scale : 0;
  char *s = sqlite3_malloc64((sqlite3_uint64)len + (sqlite3_uint64)scale + 4);
  if (!s) return 0;
  char *p = s;
  if (neg && !zero) *p++ = '-';
  if (intlen == 0) *p++ = '0';
  else {
    memcpy(p, digits, (size_t)intlen);
    p += intlen;
  }
  if (scale > 0) {
    *p++ = '.';
    int lead = scale - (len - intlen);
    if (zero) lead = scale;
    for (int i = 0; i < lead; i++) *p++ = '0';
    if (!zero) {
      memcpy(p, digits + intlen, (size_t)(len - intlen));
      p += len - intlen;
    }
  }
  *p = 0;
  return s;
}

static void agg_result(sqlite3_context *ctx, int avg) {
  Agg *a = sqlite3_aggregate_context(ctx, 0);
  if (!a || a->n + a->nan + a->pinf + a->ninf == 0) {
    sqlite3_result_null(ctx);
    return;
  }
  if (a->nan > 0 || (a->pinf > 0 && a->ninf > 0)) {
    sqlite3_result_text(ctx, "NaN", 3, SQLITE_STATIC);
    return;
  }
  if (a->pinf > 0 || a->ninf > 0) {
    sqlite3_result_text(ctx, a->pinf > 0 ? "Infinity" : "-Infinity", -1, SQLITE_STATIC);
    return;
  }
  int dscale = 0;
  for (int s = a->nscales - 1; s >= 0; s--) {
    if (a->scales[s] > 0) {
      dscale = s;
      break;
    }
  }
  /* |pos - neg| and its sign. */
  Big r = {0, 0, 0};
  int c = big_cmp(&a->pos, &a->neg);
  const Big *big = c >= 0 ? &a->pos : &a->neg, *small = c >= 0 ? &a->neg : &a->pos;
  int ok = big_reserve(&r, big->n + 1);
  if (ok) {
    memcpy(r.d, big->d, (size_t)big->n * sizeof(uint32_t));
    r.n = big->n;
    big_sub(&r, small);
  }
  int neg = c < 0;
  char *digits = ok ? big_digits(&r) : 0;
  char *out = 0;
  if (digits) {
    /* Drop the digits below the result's scale: they are zeros. */
    int len = (int)strlen(digits), drop = a->scale - dscale;
    if (drop >= len) strcpy(digits, "0");
    else if (drop > 0) digits[len - drop] = 0;
    if (!avg) {
      out = format_decimal(neg, digits, dscale);
    } else {
      /* sum / n at select_div_scale's scale, rounded half away from zero. */
      char count[32];
      sqlite3_snprintf((int)sizeof count, count, "%lld", (long long)a->n);
      int w1, f1, w2, f2;
      nbase_lead(digits, dscale, &w1, &f1);
      nbase_lead(count, 0, &w2, &f2);
      int qweight = w1 - w2 - (f1 <= f2 ? 1 : 0);
      int rscale = 16 - qweight * 4;
      if (rscale < dscale) rscale = dscale;
      if (rscale < 0) rscale = 0;
      if (rscale > 1000) rscale = 1000;
      Big q = {0, 0, 0};
      if (big_set_digits(&q, digits, (int)strlen(digits)) && big_mul_pow10(&q, rscale - dscale)) {
        uint64_t n = (uint64_t)a->n;
        uint64_t rem = big_div_u64(&q, n);
        Big one = {0, 0, 0};
        uint32_t one_limb = 1;
        one.d = &one_limb;
        one.n = 1;
        if (rem >= n - rem && !big_add(&q, &one)) q.n = -1;
        if (q.n >= 0) {
          char *qd = big_digits(&q);
          if (qd) {
            out = format_decimal(neg, qd, rscale);
            sqlite3_free(qd);
          }
        }
      }
      sqlite3_free(q.d);
    }
    sqlite3_free(digits);
  }
  sqlite3_free(r.d);
  if (out) sqlite3_result_text(ctx, out, -1, sqlite3_free);
  else sqlite3_result_error_nomem(ctx);
}

static void agg_free(Agg *a) {
  if (!a) return;
  sqlite3_free(a->pos.d);
  sqlite3_free(a->neg.d);
  sqlite3_free(a->tmp.d);
  sqlite3_free(a->scales);
  memset(a, 0, sizeof *a);
}

static void sum_value(sqlite3_context *ctx) { agg_result(ctx, 0); }
static void avg_value(sqlite3_context *ctx) { agg_result(ctx, 1); }

static void sum_final(sqlite3_context *ctx) {
  agg_result(ctx, 0);
  agg_free(sqlite3_aggregate_context(ctx, 0));
}

static void avg_final(sqlite3_context *ctx) {
  agg_result(ctx, 1);
  agg_free(sqlite3_aggregate_context(ctx, 0));
}

/* ------------------------------------------------------------ float8 sum, avg */

/*
 * sum() and avg() of float8 as PostgreSQL computes them: plain left-to-right addition (SQLite's
 * own sum compensates rounding errors, so 0.1 + 0.2 + 0.3 would differ in the last digit),
 * infinities and NaN as IEEE arithmetic gives them, overflow from finite values an error.
 */
typedef struct {
  double sum;
  sqlite3_int64 n;
} FloatAgg;

static void float_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  FloatAgg *a = sqlite3_aggregate_context(ctx, sizeof *a);
  if (!a) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  double x = get_double(argv[0]);
  double r = a->sum + x;
  if (isinf(r) && !isinf(a->sum) && !isinf(x)) {
    RAISE(ctx, "22003", "value out of range: overflow");
    return;
  }
  a->sum = r;
  a->n++;
}

static void float_agg_inverse(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  FloatAgg *a = sqlite3_aggregate_context(ctx, sizeof *a);
  if (!a) return;
  a->sum -= get_double(argv[0]);
  a->n--;
}

static void float_result(sqlite3_context *ctx, double r) {
  if (isnan(r)) sqlite3_result_text(ctx, "NaN", 3, SQLITE_STATIC);
  else sqlite3_result_double(ctx, r);
}

static void float_sum_value(sqlite3_context *ctx) {
  FloatAgg *a = sqlite3_aggregate_context(ctx, 0);
  if (!a || a->n == 0) sqlite3_result_null(ctx);
  else float_result(ctx, a->sum);
}

static void float_avg_value(sqlite3_context *ctx) {
  FloatAgg *a = sqlite3_aggregate_context(ctx, 0);
  if (!a || a->n == 0) sqlite3_result_null(ctx);
  else float_result(ctx, a->sum / (double)a->n);
}

/* ------------------------------------------------------------------ setup */

int tenantgres_register_numeric(sqlite3 *db) {
  int rc = sqlite3_create_collation(db, "pg_numeric", SQLITE_UTF8, 0, numeric_collate);
  if (rc != SQLITE_OK) return rc;
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  for (size_t i = 0; i < sizeof int_fns / sizeof int_fns[0]; i++) {
    const IntFn *f = &int_fns[i];
    int nargs = f->op == OP_NEG || f->op == OP_ABS ? 1 : 2;
    rc = sqlite3_create_function(db, f->name, nargs, flags, (void *)f, int_call, 0, 0);
    if (rc != SQLITE_OK) return rc;
  }
  for (size_t i = 0; i < sizeof float_fns / sizeof float_fns[0]; i++) {
    const FloatFn *f = &float_fns[i];
    rc = sqlite3_create_function(db, f->name, f->nargs, flags, (void *)f, float_call, 0, 0);
    if (rc != SQLITE_OK) return rc;
  }
  rc = sqlite3_create_window_function(db, "pg_numeric_sum", 1, flags, 0, agg_step, sum_final, sum_value,
                                      agg_inverse, 0);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_create_window_function(db, "pg_numeric_avg", 1, flags, 0, agg_step, avg_final, avg_value,
                                      agg_inverse, 0);
  if (rc != SQLITE_OK) return rc;
  rc = sqlite3_create_window_function(db, "pg_float8_sum", 1, flags, 0, float_agg_step, float_sum_value,
                                      float_sum_value, float_agg_inverse, 0);
  if (rc != SQLITE_OK) return rc;
  return sqlite3_create_window_function(db, "pg_float8_avg", 1, flags, 0, float_agg_step, float_avg_value,
                                        float_avg_value, float_agg_inverse, 0);
}
