import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Prints what pgJDBC's DatabaseMetaData reports for the public schema, one line per row, so that
 * the output for Tenantgres can be compared with the output for PostgreSQL. Catalog (database)
 * names are left out: the two databases have different names.
 */
public class JdbcMetadata {
  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/" + args[1] + "?user=postgres";
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      String[] tables = args.length > 2 ? args[2].split(",") : new String[0];
      section("getSchemas", () -> md.getSchemas());
      section("getTables", () -> md.getTables(null, "public", "%", null));
      section("getTableTypes", () -> md.getTableTypes());
      section("getColumns", () -> md.getColumns(null, "public", "%", "%"));
      for (String t : tables) {
        section("getPrimaryKeys " + t, () -> md.getPrimaryKeys(null, "public", t));
        section("getImportedKeys " + t, () -> md.getImportedKeys(null, "public", t));
        section("getExportedKeys " + t, () -> md.getExportedKeys(null, "public", t));
        section("getIndexInfo " + t, () -> md.getIndexInfo(null, "public", t, false, false));
        section("getBestRowIdentifier " + t, () -> md.getBestRowIdentifier(null, "public", t, DatabaseMetaData.bestRowSession, true));
        section("getVersionColumns " + t, () -> md.getVersionColumns(null, "public", t));
        section("getColumnPrivileges " + t, () -> md.getColumnPrivileges(null, "public", t, "%"));
      }
      section("getTablePrivileges", () -> md.getTablePrivileges(null, "public", "%"));
      section("getUDTs", () -> md.getUDTs(null, "public", "%", null));
      section("getFunctions", () -> md.getFunctions(null, "pg_catalog", "lower"));
      section("getProcedures", () -> md.getProcedures(null, "pg_catalog", "upper"));
      section("getFunctionColumns", () -> md.getFunctionColumns(null, "pg_catalog", "lower", "%"));
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
}
