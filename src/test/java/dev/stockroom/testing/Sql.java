package dev.stockroom.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Direct SQL on the server's database, for tests that inspect or damage what is stored. */
public final class Sql {
  private Sql() {}

  public static Connection connect(Stockroom sr) throws SQLException {
    String url = sr.config().databaseUrl();
    if (url == null || url.isBlank()) {
      url = "jdbc:sqlite:" + sr.dataDir().resolve("stockroom.db");
    }
    return DriverManager.getConnection(url);
  }

  public static long count(Stockroom sr, String sql) throws SQLException {
    try (Connection c = connect(sr);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** How many rows of {@code table} belong to the store {@code hash}. */
  public static long countInStore(Stockroom sr, String table, String hash) throws SQLException {
    try (Connection c = connect(sr);
        java.sql.PreparedStatement st =
            c.prepareStatement(
                "SELECT COUNT(*) FROM "
                    + table
                    + " t JOIN stores s ON s.id = t.store_id WHERE s.store_hash = ?")) {
      st.setString(1, hash);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public static int update(Stockroom sr, String sql) throws SQLException {
    try (Connection c = connect(sr);
        Statement st = c.createStatement()) {
      return st.executeUpdate(sql);
    }
  }

  /** Every table with a store_id column. */
  public static List<String> storeTables(Stockroom sr) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(sr)) {
      String own = c.getSchema();
      try (ResultSet rs = c.getMetaData().getColumns(null, null, "%", "store_id")) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (schema == null || schema.equals(own) || (own == null && schema.equals("public"))) {
            out.add(rs.getString("TABLE_NAME"));
          }
        }
      }
    }
    return out;
  }
}
