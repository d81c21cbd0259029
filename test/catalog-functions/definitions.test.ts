import { differentialSuite } from "../support/differential.js";
import { SCHEMA } from "./schema.js";

/**
 * pg_get_constraintdef, pg_get_indexdef, pg_get_expr, pg_get_viewdef and format_type over the
 * known schema, against PostgreSQL: definitions are compared as text, objects found by name.
 */
differentialSuite("object definitions match PostgreSQL", SCHEMA, [
  // Constraints, non-pretty and pretty, and CHECK expressions through pg_get_expr(conbin).
  "SELECT conname, contype, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint " +
    "WHERE conrelid IN ('authors'::regclass, 'books'::regclass, 'reviews'::regclass) ORDER BY conname",
  "SELECT conname, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true), pg_get_expr(conbin, conrelid) " +
    "FROM pg_constraint WHERE conrelid = 'checks'::regclass ORDER BY conname",
  "SELECT conname, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint " +
    "WHERE conrelid = 'more_checks'::regclass ORDER BY conname",
  "SELECT pg_get_expr(conbin, conrelid, true) FROM pg_constraint WHERE conname IN ('c_and', 'c_cross', 'c_case') ORDER BY conname",
  "SELECT pg_get_constraintdef(0), pg_get_constraintdef(0, true)",
  // Indexes: whole definitions, one key, pretty, missing keys and objects.
  "SELECT pg_get_indexdef('authors_pkey'::regclass), pg_get_indexdef('authors_name_key'::regclass)",
  "SELECT pg_get_indexdef('books_author_id_title_key'::regclass), pg_get_indexdef('books_title_idx'::regclass)",
  "SELECT pg_get_indexdef('books_lower_title'::regclass), pg_get_indexdef('books_lower_title'::regclass, 1, true)",
  "SELECT pg_get_indexdef('reviews_pkey'::regclass), pg_get_indexdef('reviews_score_desc'::regclass)",
  "SELECT pg_get_indexdef('checks_sum_idx'::regclass), pg_get_indexdef('checks_sum_idx'::regclass, 0, true)",
  "SELECT pg_get_indexdef('checks_sum_idx'::regclass, 1, false), pg_get_indexdef('checks_sum_idx'::regclass, 1, true)",
  "SELECT pg_get_indexdef('checks_multi_idx'::regclass), pg_get_indexdef('checks_multi_idx'::regclass, 0, true)",
  "SELECT pg_get_indexdef('checks_multi_idx'::regclass, 2, false), pg_get_indexdef('checks_multi_idx'::regclass, 3, false)",
  "SELECT pg_get_indexdef('checks_pred_idx'::regclass), pg_get_indexdef('checks_pred_idx'::regclass, 0, true)",
  "SELECT pg_get_indexdef('books'::regclass), pg_get_indexdef(0)",
  "SELECT c.relname, pg_get_expr(i.indpred, i.indrelid), pg_get_expr(i.indexprs, i.indrelid) FROM pg_index i " +
    "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indpred IS NOT NULL OR i.indexprs IS NOT NULL ORDER BY 1",
  // Column defaults as pg_get_expr(adbin) prints them.
  "SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), pg_get_expr(d.adbin, d.adrelid, true) FROM pg_attrdef d " +
    "JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum " +
    "WHERE d.adrelid IN ('authors'::regclass, 'books'::regclass, 'reviews'::regclass, 'defaults'::regclass) " +
    "ORDER BY d.adrelid::regclass::text, a.attnum",
  // Views.
  "SELECT pg_get_viewdef('cheap_books'), pg_get_viewdef('cheap_books', true)",
  "SELECT pg_get_viewdef('cheap_books'::regclass), pg_get_viewdef('cheap_books'::regclass, true)",
  "SELECT pg_get_viewdef('author_books'), pg_get_viewdef('author_books', true)",
  "SELECT pg_get_viewdef('busy_authors'), pg_get_viewdef('busy_authors'::regclass, 40)",
  "SELECT pg_get_viewdef('books'), pg_get_viewdef(0)",
  "SELECT pg_get_viewdef('no_such_view')",
  "SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY viewname",
  // format_type over the columns, with and without typmods, and enum types.
  "SELECT attname, format_type(atttypid, atttypmod), format_type(atttypid, NULL) FROM pg_attribute " +
    "WHERE attrelid = 'books'::regclass AND attnum > 0 ORDER BY attnum",
  "SELECT format_type(oid, NULL), format_type(oid, -1) FROM pg_type WHERE typname IN ('mood', '_mood') ORDER BY 1",
  "SELECT format_type(23, NULL), format_type(1042, -1), format_type(1042, NULL), format_type(1043, 14), format_type(1700, 655366)",
  "SELECT format_type(NULL, 1), format_type(999999, NULL), format_type(1560, NULL), format_type(1560, -1)",
]);
