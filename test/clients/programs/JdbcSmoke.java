import java.sql.*;
public class JdbcSmoke {
  public static void main(String[] a) throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:" + a[0] + "/jdbc";
    try (Connection c = DriverManager.getConnection(url, "me", "")) {
      try (Statement s = c.createStatement()) {
        s.execute("create table if not exists items (id serial primary key, name text not null, price numeric(10,2), created timestamptz default now(), ok boolean, big bigint)");
      }
      try (PreparedStatement p = c.prepareStatement("insert into items (name, price, ok, big) values (?, ?, ?, ?)")) {
        for (int i = 0; i < 7; i++) { p.setString(1, "n" + i); p.setBigDecimal(2, new java.math.BigDecimal("1.5")); p.setBoolean(3, i % 2 == 0); p.setLong(4, 10000000000L + i); p.executeUpdate(); }
      }
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("insert into items (name) values (?)")) {
        p.setString(1, "batch1"); p.addBatch(); p.setString(1, "batch2"); p.addBatch(); p.executeBatch();
      }
      c.commit();
      try (PreparedStatement p = c.prepareStatement("select id, name, price, created, ok, big from items where id > ? order by id")) {
        p.setFetchSize(2);
        p.setInt(1, 0);
        try (ResultSet r = p.executeQuery()) { int n = 0; while (r.next()) { n++; if (n == 1) System.out.println(r.getInt(1) + " " + r.getString(2) + " " + r.getBigDecimal(3) + " " + r.getTimestamp(4) + " " + r.getBoolean(5) + " " + r.getLong(6)); } System.out.println("rows " + n); }
      }
      c.commit();
      try (Statement s = c.createStatement()) { s.executeQuery("select 1/0"); } catch (SQLException e) { System.out.println("error " + e.getSQLState() + " " + e.getMessage()); c.rollback(); }
      DatabaseMetaData md = c.getMetaData();
      System.out.println(md.getDatabaseProductName() + " " + md.getDatabaseProductVersion());
    }
  }
}
