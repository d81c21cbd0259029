/*
 * Numbers with PostgreSQL's semantics inside SQLite.
 *
 * 1. The collation pg_numeric, which orders decimal strings (numeric's storage: '1.50', '-2',
 *    'NaN', '-Infinity', or a REAL as SQLite prints it, '1.0e+20') by their numeric value, as
 *    PostgreSQL's numeric comparison does: '1.0' = '1.00', NaN equals itself and sorts above
 *    every number. Text that is no number at all sorts after NaN, bytewise.
 *
 * 2. Fast versions of functions that are implemented in JavaScript as well (src/functions/lib):
 *    integer arithmetic with PostgreSQL's overflow checks, and the float8 math functions computed
 *    with the C library, as PostgreSQL computes them. The JavaScript versions are registered with
 *    any number of arguments; these take exactly their arity, which SQLite prefers. Whenever one
 *    of these meets an error or an input it does not handle, it asks the JavaScript version (by
 *    calling it with one extra, ignored argument) for the answer, so that errors are the
 *    PgErrors JavaScript raises, with PostgreSQL's SQLSTATE and wording.
 */
#include <errno.h>
#include <math.h>
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
  long long int_digits = 0, lead = 0, seen = 0;
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
    seen++;
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
  (void)seen;
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

/* ----------------------------------------------------- asking the JavaScript version */

/*
 * Answers a call with the JavaScript function of the same name, called with the same arguments
 * plus one: its result, or its error (a PgError, which better-sqlite3 rethrows when the statement
 * fails).
 */
static void ask_js(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const char *name = (const char *)sqlite3_user_data(ctx);
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  char sql[200];
  sqlite3_snprintf((int)sizeof sql - 2 * argc - 4, sql, "SELECT %s(", name);
  size_t len = strlen(sql);
  for (int i = 0; i < argc; i++) {
    sql[len++] = '?';
    sql[len++] = ',';
  }
  memcpy(sql + len, "0)", 3);
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, 0);
  if (rc != SQLITE_OK) {
    sqlite3_result_error(ctx, sqlite3_errmsg(db), -1);
    sqlite3_finalize(stmt);
    return;
  }
  for (int i = 0; i < argc; i++) sqlite3_bind_value(stmt, i + 1, argv[i]);
  rc = sqlite3_step(stmt);
  if (rc == SQLITE_ROW) {
    sqlite3_result_value(ctx, sqlite3_column_value(stmt, 0));
    sqlite3_finalize(stmt);
    return;
  }
  /* The JavaScript error stays pending; SQLite only needs to know the statement failed. */
  sqlite3_result_error(ctx, sqlite3_errmsg(db), -1);
  sqlite3_finalize(stmt);
}

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

/* sqlite3_user_data is the function's name (for ask_js); the table entry follows from it. */
static const IntFn *int_fn_of(sqlite3_context *ctx) {
  const char *name = (const char *)sqlite3_user_data(ctx);
  for (size_t i = 0; i < sizeof int_fns / sizeof int_fns[0]; i++) {
    if (int_fns[i].name == name) return &int_fns[i];
  }
  return 0;
}

static void int_call(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  for (int i = 0; i < argc; i++) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return; /* STRICT: NULL */
  }
  for (int i = 0; i < argc; i++) {
    if (sqlite3_value_type(argv[i]) != SQLITE_INTEGER) {
      ask_js(ctx, argc, argv);
      return;
    }
  }
  const IntFn *f = int_fn_of(ctx);
  if (!f) {
    ask_js(ctx, argc, argv);
    return;
  }
  int64_t a = sqlite3_value_int64(argv[0]);
  int64_t b = argc > 1 ? sqlite3_value_int64(argv[1]) : 0;
  int64_t r = 0;
  int bad = 0;
  switch (f->op) {
    case OP_ADD: bad = __builtin_add_overflow(a, b, &r); break;
    case OP_SUB: bad = __builtin_sub_overflow(a, b, &r); break;
    case OP_MUL: bad = __builtin_mul_overflow(a, b, &r); break;
    case OP_DIV:
      if (b == 0 || (b == -1 && a == INT64_MIN)) bad = 1;
      else r = a / b;
      break;
    case OP_MOD:
      if (b == 0) bad = 1;
      else r = b == -1 ? 0 : a % b;
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
    ask_js(ctx, argc, argv);
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
  F_POW, F_ATAN2, F_ATAN2D
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

static int get_double(sqlite3_value *v, double *out) {
  switch (sqlite3_value_type(v)) {
    case SQLITE_FLOAT:
    case SQLITE_INTEGER:
      *out = sqlite3_value_double(v);
      return 1;
    case SQLITE_TEXT: {
      const char *s = (const char *)sqlite3_value_text(v);
      if (s && strcmp(s, "NaN") == 0) {
        *out = NAN;
        return 1;
      }
      return 0;
    }
    default:
      return 0;
  }
}

static const FloatFn *float_fn_of(sqlite3_context *ctx) {
  const char *name = (const char *)sqlite3_user_data(ctx);
  for (size_t i = 0; i < sizeof float_fns / sizeof float_fns[0]; i++) {
    if (float_fns[i].name == name) return &float_fns[i];
  }
  return 0;
}

/* Computes f(x[, y]); returns 0 when PostgreSQL raises an error (JavaScript then raises it). */
static int float_compute(FloatOp op, double x, double y, double *out) {
  double r;
  switch (op) {
    case F_SQRT:
      if (isnan(x)) break;
      if (x < 0) return 0;
      r = sqrt(x);
      if (isinf(r) && !isinf(x)) return 0;
      if (r == 0.0 && x != 0) return 0;
      *out = r;
      return 1;
    case F_CBRT:
      r = cbrt(x);
      if (isinf(r) && !isinf(x)) return 0;
      if (r == 0.0 && x != 0) return 0;
      *out = r;
      return 1;
    case F_EXP:
      if (isnan(x)) break;
      if (isinf(x)) {
        *out = x > 0 ? x : 0;
        return 1;
      }
      errno = 0;
      r = exp(x);
      if (errno == ERANGE || isinf(r) || r == 0.0) return 0;
      *out = r;
      return 1;
    case F_LN:
    case F_LOG10:
      if (isnan(x)) break;
      if (x <= 0) return 0;
      r = op == F_LN ? log(x) : log10(x);
      if (isinf(r) && !isinf(x)) return 0;
      if (r == 0.0 && x != 1) return 0;
      *out = r;
      return 1;
    case F_SIN:
    case F_COS:
    case F_TAN:
    case F_COT:
      if (isnan(x)) break;
      if (isinf(x)) return 0;
      errno = 0;
      r = op == F_SIN ? sin(x) : op == F_COS ? cos(x) : tan(x);
      if (errno != 0) return 0;
      if (op == F_COT) r = 1.0 / r;
      else if ((op == F_SIN || op == F_COS) && isinf(r)) return 0;
      *out = r;
      return 1;
    case F_ASIN:
    case F_ACOS:
      if (isnan(x)) break;
      if (x < -1.0 || x > 1.0) return 0;
      *out = op == F_ASIN ? asin(x) : acos(x);
      return 1;
    case F_ATAN:
      if (isnan(x)) break;
      *out = atan(x);
      return 1;
    case F_ATAN2:
      if (isnan(x) || isnan(y)) break;
      *out = atan2(x, y);
      return 1;
    case F_SIND:
    case F_COSD:
    case F_TAND:
    case F_COTD: {
      if (isnan(x)) break;
      if (isinf(x)) return 0;
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
      return 1;
    }
    case F_ASIND:
    case F_ACOSD:
      if (isnan(x)) break;
      if (x < -1.0 || x > 1.0) return 0;
      init_degree_constants();
      if (op == F_ASIND) *out = x >= 0.0 ? asind_q1(x) : -asind_q1(-x);
      else *out = x >= 0.0 ? acosd_q1(x) : 90.0 + asind_q1(-x);
      return 1;
    case F_ATAND: {
      if (isnan(x)) break;
      init_degree_constants();
      volatile double atan_x = atan(x);
      *out = (atan_x / atan_1_0) * 45.0;
      return 1;
    }
    case F_ATAN2D: {
      if (isnan(x) || isnan(y)) break;
      init_degree_constants();
      volatile double atan2_xy = atan2(x, y);
      *out = (atan2_xy / atan_1_0) * 45.0;
      return 1;
    }
    case F_SINH:
      errno = 0;
      r = sinh(x);
      if (errno == ERANGE) r = x < 0 ? -INFINITY : INFINITY;
      *out = r;
      return 1;
    case F_COSH:
      errno = 0;
      r = cosh(x);
      if (errno == ERANGE) r = INFINITY;
      if (r == 0.0) return 0;
      *out = r;
      return 1;
    case F_TANH:
      *out = tanh(x);
      return 1;
    case F_ASINH:
      *out = asinh(x);
      return 1;
    case F_ACOSH:
      if (x < 1.0) return 0;
      *out = acosh(x);
      return 1;
    case F_ATANH:
      if (x < -1.0 || x > 1.0) return 0;
      *out = x == -1.0 ? -INFINITY : x == 1.0 ? INFINITY : atanh(x);
      return 1;
    case F_DEGREES:
      r = x / RADIANS_PER_DEGREE;
      if (isinf(r) && !isinf(x)) return 0;
      if (r == 0.0 && x != 0.0) return 0;
      *out = r;
      return 1;
    case F_RADIANS:
      r = x * RADIANS_PER_DEGREE;
      if (isinf(r) && !isinf(x)) return 0;
      if (r == 0.0 && x != 0.0) return 0;
      *out = r;
      return 1;
    case F_ROUND: *out = rint(x); return 1;
    case F_TRUNC: *out = x >= 0 ? floor(x) : -floor(-x); return 1;
    case F_CEIL: *out = ceil(x); return 1;
    case F_FLOOR: *out = floor(x); return 1;
    case F_SIGN: *out = x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; return 1;
    case F_ABS: *out = fabs(x); return 1;
    case F_POW:
      if (isnan(x)) {
        *out = (isnan(y) || y != 0.0) ? NAN : 1.0;
        return 1;
      }
      if (isnan(y)) {
        *out = x != 1.0 ? NAN : 1.0;
        return 1;
      }
      if (x == 0 && y < 0) return 0;
      if (x < 0 && floor(y) != y) return 0;
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
          else return 0;
        } else if (errno == ERANGE) {
          return 0;
        } else {
          if (isinf(r)) return 0;
          if (r == 0.0 && x != 0.0) return 0;
        }
      }
      *out = r;
      return 1;
  }
  *out = NAN;
  return 1;
}

static void float_call(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  for (int i = 0; i < argc; i++) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) return; /* STRICT: NULL */
  }
  const FloatFn *f = float_fn_of(ctx);
  double x = 0, y = 0, r;
  if (!f || !get_double(argv[0], &x) || (argc > 1 && !get_double(argv[1], &y)) ||
      !float_compute(f->op, x, y, &r)) {
    ask_js(ctx, argc, argv);
    return;
  }
  /* SQLite keeps a NaN REAL as NULL; float8 stores NaN as TEXT. */
  if (isnan(r)) sqlite3_result_text(ctx, "NaN", 3, SQLITE_STATIC);
  else sqlite3_result_double(ctx, r);
}

/* ------------------------------------------------------------------ setup */

int tenantgres_register_numeric(sqlite3 *db) {
  int rc = sqlite3_create_collation(db, "pg_numeric", SQLITE_UTF8, 0, numeric_collate);
  if (rc != SQLITE_OK) return rc;
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  for (size_t i = 0; i < sizeof int_fns / sizeof int_fns[0]; i++) {
    const IntFn *f = &int_fns[i];
    int nargs = f->op == OP_NEG || f->op == OP_ABS ? 1 : 2;
    rc = sqlite3_create_function(db, f->name, nargs, flags, (void *)f->name, int_call, 0, 0);
    if (rc != SQLITE_OK) return rc;
  }
  for (size_t i = 0; i < sizeof float_fns / sizeof float_fns[0]; i++) {
    const FloatFn *f = &float_fns[i];
    rc = sqlite3_create_function(db, f->name, f->nargs, flags, (void *)f->name, float_call, 0, 0);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
