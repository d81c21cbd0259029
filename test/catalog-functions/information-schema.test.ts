import { differentialSuite } from "../support/differential.js";
import { SCHEMA } from "./schema.js";

/**
 * information_schema views over the known schema, against PostgreSQL. Columns are cast to text
 * or integer: PostgreSQL describes information_schema's domain columns (sql_identifier,
 * cardinal_number, ...) by their base types, which is the translator's business, not these
 * views'. NOT NULL constraints' names contain OIDs and are compared without them.
 */
const NOT_NULL_NAME = "regexp_replace(constraint_name::text, '^[0-9]+_[0-9]+_', 'oid_oid_')";

differentialSuite("information_schema matches PostgreSQL", SCHEMA, [
  "SELECT catalog_name::text = current_database(), schema_name::text, schema_owner::text = current_user OR schema_name = 'public', " +
    "sql_path::text FROM information_schema.schemata ORDER BY schema_name",
  "SELECT table_catalog::text = current_database(), table_name::text, table_type::text, is_insertable_into::text, " +
    "is_typed::text, user_defined_type_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 2",
  "SELECT table_schema::text, table_type::text, count(*) FROM information_schema.tables GROUP BY 1, 2 ORDER BY 1, 2",
  "SELECT table_name::text, column_name::text, data_type::text, column_default::text, is_nullable::text " +
    "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
  "SELECT table_name::text, column_name::text, ordinal_position::int, udt_schema::text, udt_name::text, " +
    "character_maximum_length::int, character_octet_length::int, numeric_precision::int, " +
    "numeric_precision_radix::int, numeric_scale::int, datetime_precision::int, interval_type::text, " +
    "dtd_identifier::text FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 3",
  "SELECT table_name::text, column_name::text, is_identity::text, identity_generation::text, " +
    "identity_start::text, identity_increment::text, identity_maximum::text, identity_minimum::text, " +
    "identity_cycle::text, is_generated::text, generation_expression::text, is_updatable::text " +
    "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, ordinal_position",
  "SELECT column_name::text, data_type::text, udt_name::text FROM information_schema.columns " +
    "WHERE table_schema = 'information_schema' AND table_name = 'tables' ORDER BY ordinal_position",
  "SELECT table_name::text, view_definition::text, check_option::text, is_updatable::text, " +
    "is_insertable_into::text, is_trigger_updatable::text FROM information_schema.views " +
    "WHERE table_schema = 'public' ORDER BY 1",
  // Constraints.
  "SELECT constraint_name::text, table_name::text, constraint_type::text, is_deferrable::text, " +
    "initially_deferred::text, enforced::text, nulls_distinct::text FROM information_schema.table_constraints " +
    "WHERE table_schema = 'public' AND constraint_name::text NOT LIKE '%_not_null' ORDER BY 1",
  `SELECT ${NOT_NULL_NAME}, table_name::text, constraint_type::text FROM information_schema.table_constraints ` +
    "WHERE table_schema = 'public' AND constraint_name::text LIKE '%_not_null' ORDER BY 2, 1",
  "SELECT constraint_name::text, table_name::text, column_name::text, ordinal_position::int, " +
    "position_in_unique_constraint::int FROM information_schema.key_column_usage " +
    "WHERE table_schema = 'public' ORDER BY 1, 4",
  "SELECT constraint_name::text, unique_constraint_schema::text, unique_constraint_name::text, " +
    "match_option::text, update_rule::text, delete_rule::text FROM information_schema.referential_constraints " +
    "WHERE constraint_schema = 'public' ORDER BY 1",
  "SELECT table_name::text, column_name::text, constraint_name::text FROM information_schema.constraint_column_usage " +
    "WHERE table_schema = 'public' ORDER BY 3, 1, 2",
  "SELECT constraint_name::text, check_clause::text FROM information_schema.check_constraints " +
    "WHERE constraint_schema = 'public' AND constraint_name::text NOT LIKE '%_not_null' ORDER BY 1",
  `SELECT ${NOT_NULL_NAME}, check_clause::text FROM information_schema.check_constraints ` +
    "WHERE constraint_schema = 'public' AND constraint_name::text LIKE '%_not_null' ORDER BY 2, 1",
  // Sequences (identity columns' are not listed), routines and their parameters, character sets.
  "SELECT sequence_name::text, data_type::text, numeric_precision::int, numeric_precision_radix::int, " +
    "numeric_scale::int, start_value::text, minimum_value::text, maximum_value::text, increment::text, " +
    "cycle_option::text FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1",
  "SELECT routine_name::text, routine_type::text, data_type::text, type_udt_name::text, routine_body::text, " +
    "external_language::text, is_deterministic::text, is_null_call::text, security_type::text " +
    "FROM information_schema.routines WHERE specific_name::text IN ('lower_870', 'now_1299', 'upper_871', " +
    "'length_1317', 'abs_1397', 'md5_2311') ORDER BY 1",
  "SELECT specific_name::text, ordinal_position::int, parameter_mode::text, parameter_name::text, data_type::text, " +
    "udt_name::text FROM information_schema.parameters WHERE specific_name::text IN ('lower_870', 'length_1317', " +
    "'abs_1397') ORDER BY 1, 2",
  "SELECT character_set_name::text, character_repertoire::text, form_of_use::text, " +
    "default_collate_catalog::text = current_database() FROM information_schema.character_sets",
]);
