import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Prints what pgJDBC's DatabaseMetaData reports for the public schema, one line per row, and the
 * ResultSetMetaData of a query (what DBeaver and DataGrip show for a result), so that the output
 * for Tenantgres can be compared with the output for PostgreSQL. Catalog (database) names are left
 * out: the two databases have different names.
 *
 * Arguments: port, database, comma-separated tables, a query to describe.
 */
public class JdbcMetadata {
  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/" + args[1] + "?user=postgres";
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      String[] tables = args[2].split(",");
      section("getSchemas", () -> md.getSchemas());
      section("getTables", () -> md.getTables(null, "public", "%", null));
      section("getTableTypes", () -> md.getTableTypes());
      section("getColumns", () -> md.getColumns(null, "public", "%", "%"));
      for (String t : tables) {
        section("getPrimaryKeys " + t, () -> md.getPrimaryKeys(null, "public", t));
        section("getImportedKeys " + t, () -> md.getImportedKeys(null, "public", t));
        section("getExportedKeys " + t, () -> md.getExportedKeys(null, "public", t));
        section("getIndexInfo " + t, () -> md.getIndexInfo(null, "public", t, false, false));
        section("getIndexInfo unique " + t, () -> md.getIndexInfo(null, "public", t, true, false));
        section("getBestRowIdentifier " + t, () -> md.getBestRowIdentifier(null, "public", t, DatabaseMetaData.bestRowSession, true));
        section("getVersionColumns " + t, () -> md.getVersionColumns(null, "public", t));
        section("getColumnPrivileges " + t, () -> md.getColumnPrivileges(null, "public", t, "%"));
      }
      section("getCrossReference", () -> md.getCrossReference(null, "public", tables[0], null, "public", tables[1]));
      section("getTablePrivileges", () -> md.getTablePrivileges(null, "public", "%"));
      section("getUDTs", () -> md.getUDTs(null, "public", "%", null));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(args[3])) {
        describe(rs.getMetaData());
      }
    }
  }

  interface Query {
    ResultSet run() throws SQLException;
  }

  static void section(String name, Query q) {
    System.out.println("== " + name);
    try (ResultSet rs = q.run()) {
      ResultSetMetaData m = rs.getMetaData();
      while (rs.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          String label = m.getColumnLabel(i);
          if (label.toUpperCase().endsWith("_CAT") || label.equalsIgnoreCase("TABLE_CATALOG")) continue;
          if (line.length() > 0) line.append(" | ");
          line.append(label).append('=').append(rs.getString(i));
        }
        System.out.println(line);
      }
    } catch (SQLException e) {
      System.out.println("error " + e.getSQLState() + " " + e.getMessage().split("\n")[0]);
    }
  }

  /** ResultSetMetaData; nullability, auto-increment and table names come from pgJDBC's catalog queries. */
  static void describe(ResultSetMetaData m) throws SQLException {
    System.out.println("== ResultSetMetaData");
    for (int i = 1; i <= m.getColumnCount(); i++) {
      System.out.println(String.join(" | ",
          "label=" + m.getColumnLabel(i),
          "name=" + m.getColumnName(i),
          "type=" + m.getColumnType(i) + " " + m.getColumnTypeName(i),
          "class=" + m.getColumnClassName(i),
          "precision=" + m.getPrecision(i),
          "scale=" + m.getScale(i),
          "displaySize=" + m.getColumnDisplaySize(i),
          "nullable=" + m.isNullable(i),
          "autoIncrement=" + m.isAutoIncrement(i),
          "table=" + m.getTableName(i),
          "schema=" + m.getSchemaName(i),
          "signed=" + m.isSigned(i),
          "caseSensitive=" + m.isCaseSensitive(i)));
    }
  }
}
