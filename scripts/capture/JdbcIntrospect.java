import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;

/** Calls the DatabaseMetaData methods SQL tools call on a schema, reading every row. */
public class JdbcIntrospect {
  interface Call {
    ResultSet run() throws Exception;
  }

  static void drain(Call call) throws Exception {
    try (ResultSet rs = call.run()) {
      ResultSetMetaData m = rs.getMetaData();
      while (rs.next()) {
        for (int i = 1; i <= m.getColumnCount(); i++) rs.getString(i);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + args[0] + "/" + args[1] + "?user=postgres";
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      drain(md::getCatalogs);
      drain(md::getSchemas);
      drain(md::getTableTypes);
      drain(() -> md.getTables(null, "public", "%", null));
      drain(() -> md.getColumns(null, "public", "%", "%"));
      for (String t : new String[] {"authors", "books", "cheap_books"}) {
        drain(() -> md.getPrimaryKeys(null, "public", t));
        drain(() -> md.getImportedKeys(null, "public", t));
        drain(() -> md.getExportedKeys(null, "public", t));
        drain(() -> md.getIndexInfo(null, "public", t, false, false));
        drain(() -> md.getColumns(null, "public", t, "%"));
      }
      drain(() -> md.getUDTs(null, "public", "%", null));
      drain(() -> md.getProcedures(null, "public", "%"));
      drain(() -> md.getFunctions(null, "public", "%"));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM authors")) {
        ResultSetMetaData m = rs.getMetaData();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          m.getColumnTypeName(i);
          m.isNullable(i);
          m.isAutoIncrement(i);
          m.getTableName(i);
          m.getSchemaName(i);
          m.getPrecision(i);
        }
      }
    }
  }
}
