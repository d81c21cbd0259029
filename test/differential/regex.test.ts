import { differentialSuite } from "../support/differential.js";

/** Regular-expression functions (regex.ts, regex-translate.ts) against PostgreSQL. */
differentialSuite(
  "regular-expression functions match PostgreSQL",
  [
    "CREATE TABLE lines (id int PRIMARY KEY, s text, p text)",
    `INSERT INTO lines VALUES
      (1, 'The quick brown fox', '\\m\\w'),
      (2, 'héllo wörld 😀 ok', '[[:alpha:]]+'),
      (3, E'line1\\nline2', '^line\\d$'),
      (4, NULL, 'x'),
      (5, 'a1b22c333', NULL),
      (6, '', 'x*')`,
  ],
  [
    // regexp_match
    "SELECT regexp_match('abcd', 'a|ab'), regexp_match('abcd', '(a|ab)(c|bcd)'), regexp_match('xyz', '(?:x)(y)'), regexp_match('abc', 'b*'), regexp_match('aaa', 'a+?')",
    "SELECT regexp_match('abc', '(a)(x)?'), regexp_match('ABC', 'b', 'i'), regexp_match(E'a\\nb', '^b', 'n'), regexp_match('abc', 'z'), regexp_match('foo123', '[[:digit:]]{2,}')",
    "SELECT regexp_match('aaa', '(a*?)(a*)'), regexp_match('xaaay', 'a+?y'), regexp_match('abcabc', '(?=bc)'), regexp_match('ab', '(a)|b'), regexp_match('b', '(a)|b')",
    "SELECT regexp_match('héllo😀x', '(.)(😀)(.)'), regexp_match('ÉCOLE', 'é', 'i'), regexp_match('a.b', '***=.'), regexp_match('AB', '(?i)a(b)')",
    "SELECT regexp_match('abc', 'b', 'g')",
    "SELECT regexp_match('abc', 'b', 'z')",
    "SELECT id, regexp_match(s, p), regexp_match(s, '(\\w+)\\s+(\\w+)') FROM lines ORDER BY id",
    // regexp_replace
    "SELECT regexp_replace('foobarbaz', 'b(..)', 'X\\1Y', 'g'), regexp_replace('abc', 'b', '[\\&]'), regexp_replace('abc', 'b', '\\\\'), regexp_replace('abc', 'b', '\\x'), regexp_replace('ABC', 'b', 'x', 'i')",
    "SELECT regexp_replace('aaa', 'a', 'b', 2), regexp_replace('aaa', 'a', 'b', 1, 2), regexp_replace('aaa', 'a', 'b', 1, 0), regexp_replace('aaa', 'a', 'b', 1, 2, 'g'), regexp_replace('aAa', 'a', 'x', 1, 0, 'i')",
    "SELECT regexp_replace('abc', 'x*', '-', 'g'), regexp_replace('Hello World', '(\\w+) (\\w+)', '\\2 \\1'), regexp_replace('hello world', '\\m(\\w)', '<\\1>', 'g'), regexp_replace('a-b_c', '[[:punct:]]', '', 'g')",
    "SELECT regexp_replace('😀a😀', '😀', 'x', 'g'), regexp_replace('abcd', 'a|ab', 'X'), regexp_replace(E'a\\nb', '^', '>', 'gn'), regexp_replace('a', 'a', NULL)",
    "SELECT regexp_replace('abc', 'b', 'x', 'z')",
    "SELECT regexp_replace('abc', 'b', 'x', 0)",
    "SELECT regexp_replace('abc', 'b', 'x', 1, -1)",
    "SELECT id, regexp_replace(s, '[aeiou]', '_', 'g'), regexp_replace(s, p, '#') FROM lines ORDER BY id",
    // regexp_split_to_array
    "SELECT regexp_split_to_array('hello world', '\\s+'), regexp_split_to_array('abc', ''), regexp_split_to_array('abc', 'x*'), regexp_split_to_array('', 'x'), regexp_split_to_array('a1b22c', '\\d+'), regexp_split_to_array(',a,', ',')",
    "SELECT regexp_split_to_array('aXbxc', 'x', 'i'), regexp_split_to_array('é😀é', '😀')",
    "SELECT regexp_split_to_array('a,b', ',', 'g')",
    "SELECT regexp_split_to_array('a,b', ',', 'z')",
    "SELECT id, regexp_split_to_array(s, '\\s+') FROM lines ORDER BY id",
    // regexp_like, regexp_count, regexp_instr, regexp_substr
    "SELECT regexp_like('Abc', 'a', 'i'), regexp_like('abc', 'x'), regexp_like('a{', 'a{'), regexp_like('a{x', 'a{x'), regexp_like('a}', 'a}'), regexp_like(']', ']'), regexp_like('a', 'a{')",
    "SELECT regexp_like('abc', 'b', 'g')",
    "SELECT regexp_count('abcabc', 'b'), regexp_count('abcabc', 'b', 3), regexp_count('abc', '', 1), regexp_count('abc', 'x*'), regexp_count('ABab', 'a', 1, 'i'), regexp_count('😀😀', '😀')",
    "SELECT regexp_count('abc', 'b', 0)",
    "SELECT regexp_count('abc', 'b', 1, 'g')",
    "SELECT regexp_instr('abcabc', 'b'), regexp_instr('abcabc', 'b', 1, 2), regexp_instr('abcabc', 'b', 1, 2, 1), regexp_instr('abcabc', '(b)(c)', 1, 1, 0, '', 2), regexp_instr('abc', 'x'), regexp_instr('abc', '(x)?b', 1, 1, 0, '', 1), regexp_instr('😀a😀b', 'b')",
    "SELECT regexp_instr('abc', 'b', 1, 0)",
    "SELECT regexp_instr('abc', 'b', 1, 1, 2)",
    "SELECT regexp_instr('abc', 'b', 1, 1, 0, '', -1)",
    "SELECT regexp_instr('abc', 'b', 0)",
    "SELECT regexp_substr('abcabc', 'b.'), regexp_substr('abcabc', 'b(.)', 1, 2, '', 1), regexp_substr('abc', 'x'), regexp_substr('abc', 'b', 1, 1, '', 3), regexp_substr('xAyA', 'a', 3, 1, 'i')",
    "SELECT regexp_substr('abc', 'b', 1, 0)",
    "SELECT id, regexp_count(s, '[[:alpha:]]'), regexp_instr(s, 'o'), regexp_substr(s, '\\w+', 1, 2) FROM lines ORDER BY id",
    // substring with a pattern
    "SELECT substring('foobar' FROM 'o(x)?b'), substring('foo' FROM '(?:o)+'), substring('abc', 'b.'), substring('foobar' FROM 'o(.)b'), substring('abc' FROM 'x')",
    "SELECT substring('foobar' SIMILAR 'f%' ESCAPE '#'), substring('foobar' SIMILAR '%#\"o_b#\"%' ESCAPE '#'), substring('foobar' FROM '%#\"o_b#\"%' FOR '#'), substring('fooXbar' SIMILAR '%#\"[A-Z]#\"%' ESCAPE '#')",
    "SELECT substring('foobar' SIMILAR 'f%' ESCAPE ''), substring('foobar' SIMILAR '%(o|x)b%' ESCAPE '#'), substring('abcabc' SIMILAR 'a#\"%#\"c' ESCAPE '#'), substring('a.c' SIMILAR 'a.c' ESCAPE '#'), substring('abc' SIMILAR 'a.c' ESCAPE '#')",
    "SELECT substring('foobar' SIMILAR 'f%' ESCAPE '##')",
    "SELECT substring('foobar' SIMILAR '#\"f#\"%#\"x#\"' ESCAPE '#')",
    // pattern syntax
    "SELECT regexp_like('5', '[\\d]'), regexp_like('é', '\\w'), regexp_like('٣', '\\w'), regexp_like('٣', '[[:alpha:]]'), regexp_like('²', '[[:digit:]]'), regexp_like('²', '\\w'), regexp_like(' ', '\\s'), regexp_like('_', '[[:punct:]]'), regexp_like('€', '[[:punct:]]')",
    "SELECT regexp_like('A', '\\x41'), regexp_like('A', '\\u0041'), regexp_like(E'\\b', '\\b'), regexp_like('a b', 'a\\sb'), regexp_like('word', '\\mword\\M'), regexp_like('sword', '\\mword'), regexp_like('a', '\\ya\\y'), regexp_like('a|b', 'a\\|b'), regexp_like('a', '[\\D]')",
    "SELECT regexp_like(E'a\\nb', 'a.b'), regexp_like(E'a\\nb', 'a.b', 'n'), regexp_like(E'a\\nb', '^b', 'n'), regexp_like(E'a\\nb', '^b'), regexp_like(E'a\\nb', 'a[^x]b', 'p'), regexp_like(E'a\\nb', 'a$', 'w'), regexp_like('a b', 'a b', 'x'), regexp_like('ab', 'a b # comment', 'x')",
    "SELECT regexp_like('ab', '(?i)AB'), regexp_like('ab', '***:(?i)AB'), regexp_like('a.b', '***=a.b'), regexp_like('axb', '***=a.b'), regexp_like('aB', 'ab', 'ic'), regexp_like('aB', 'ab', 'ci')",
    "SELECT regexp_like('abab', '^(ab)\\1$'), regexp_like('abcab', '^(ab)c\\1$'), regexp_like('aaa', '^a{2,3}$'), regexp_like('aaaa', '^a{2,3}$'), regexp_like('-', '[a-]'), regexp_like(']', '[]a]'), regexp_like('x', '[^]a]')",
    "SELECT regexp_like('a', '(a')",
    "SELECT regexp_like('a', 'a)')",
    "SELECT regexp_like('a', '[a')",
    "SELECT regexp_like('a', '*a')",
    "SELECT regexp_like('a', 'a**')",
    "SELECT regexp_like('a', '\\q')",
    "SELECT regexp_like('a', 'a{2,1}')",
    "SELECT regexp_like('a', '[z-a]')",
    "SELECT regexp_like('a', '[[:foo:]]')",
    "SELECT regexp_like('a', '(a)\\2')",
    "SELECT regexp_like('a', '(?z)a')",
    "SELECT regexp_like('a', '(?<x>a)')",
  ],
);

/**
 * Cases that need the translator's work in progress: set-returning functions in FROM and in select
 * lists (regexp_matches, regexp_split_to_table as SQLite table-valued functions), and the ~ ~* !~ !~*
 * operators using PostgreSQL's pattern syntax (pgRegexTest in regex.ts instead of a JavaScript RegExp).
 */
differentialSuite(
  "regular-expression functions match PostgreSQL",
  [],
  [
    "SELECT * FROM regexp_matches('foobarbequebaz', 'ba(.)', 'g')",
    "SELECT * FROM regexp_matches('abc', 'x')",
    "SELECT regexp_matches('a1b2', '[a-z](\\d)', 'g')",
    "SELECT m FROM regexp_matches('abcd', 'a|ab') AS m",
    "SELECT * FROM regexp_split_to_table('hello big world', '\\s+')",
    "SELECT regexp_split_to_table('a,b,,c', ',')",
    "SELECT * FROM regexp_split_to_table('abc', '')",
    "SELECT * FROM regexp_matches('abc', 'b', 'z')",
    "SELECT 'é' ~ '[[:alpha:]]', 'É' ~* 'é', 'ß' ~ '\\w', '٣' ~ '\\d', '٣' ~ '[[:digit:]]', 'ab' ~ '(?i)AB', 'a.b' ~ '***=a.b', 'axb' ~ '***=a.b'",
    "SELECT 'word' ~ '\\mword\\M', 'sword' !~ '\\mword', 'abcd' ~ '^(a|ab)cd$', E'a\\nb' ~ 'a.b'",
    "SELECT 'a' ~ '(a'",
  ],
);
