import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * An application that embeds the adapter: run with Java's source launcher on the adapter's jar
 * and its runtime dependencies only ({@code java -cp ... QueryApplication.java MODEL SQL}), it
 * opens {@code jdbc:saasql:model=MODEL}, runs SQL and prints a header line and one line per row,
 * columns separated by {@code |}.
 */
public class QueryApplication {
  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:saasql:model=" + args[0]);
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(args[1])) {
      int columns = rows.getMetaData().getColumnCount();
      StringBuilder header = new StringBuilder();
      for (int i = 1; i <= columns; i++) {
        header.append(i > 1 ? "|" : "").append(rows.getMetaData().getColumnLabel(i));
      }
      System.out.println(header);
      while (rows.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          line.append(i > 1 ? "|" : "").append(rows.getString(i));
        }
        System.out.println(line);
      }
    }
  }
}
