package dev.stockroom.bench;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's ceiling: a bare Helidon SE server, built the way {@code App} builds the real one,
 * that answers every request with 200 and one fixed product document of about 1.5 KB. No database,
 * no JSON work, no pipeline: the store API's numbers are reported as a share of this.
 *
 * <p>{@code java -cp target/stockroom.jar:target/lib/* dev.stockroom.bench.Ceiling --port P} prints
 * {@code listening on P} (with the real port when P is 0) and serves until killed. {@code --items
 * N} serves a page of N copies of that product instead; {@code --body-file F} serves the bytes of F
 * (a response captured from Stockroom, so that the ceiling sends exactly as many bytes).
 */
public final class Ceiling {
  /** A product as GET /v3/catalog/products/{id} renders one, with the default fields filled in. */
  static final byte[] BODY =
      ("{\"data\":{\"id\":4711,\"name\":\"Bench product 4711\",\"type\":\"physical\",\"sku\":\"BENCH-0004711\","
              + "\"description\":\"\",\"weight\":1.0,\"width\":0.0,\"depth\":0.0,\"height\":0.0,\"price\":48.57,"
              + "\"cost_price\":0.0,\"retail_price\":0.0,\"sale_price\":0.0,\"map_price\":0.0,\"tax_class_id\":0,"
              + "\"product_tax_code\":\"\",\"calculated_price\":48.57,\"categories\":[],\"brand_id\":0,"
              + "\"option_set_id\":null,\"option_set_display\":\"right\",\"inventory_level\":0,"
              + "\"inventory_warning_level\":0,\"inventory_tracking\":\"none\",\"reviews_rating_sum\":0,"
              + "\"reviews_count\":0,\"total_sold\":0,\"fixed_cost_shipping_price\":0.0,\"is_free_shipping\":false,"
              + "\"is_visible\":true,\"is_featured\":false,\"related_products\":[],\"warranty\":\"\","
              + "\"bin_picking_number\":\"\",\"layout_file\":\"\",\"upc\":\"\",\"mpn\":\"\",\"gtin\":\"\","
              + "\"search_keywords\":\"\",\"availability\":\"available\",\"availability_description\":\"\","
              + "\"gift_wrapping_options_type\":\"any\",\"gift_wrapping_options_list\":[],\"sort_order\":0,"
              + "\"condition\":\"New\",\"is_condition_shown\":false,\"order_quantity_minimum\":0,"
              + "\"order_quantity_maximum\":0,\"page_title\":\"\",\"meta_keywords\":[],\"meta_description\":\"\","
              + "\"date_created\":\"2026-01-01T00:00:00+00:00\",\"date_modified\":\"2026-01-01T00:00:00+00:00\","
              + "\"view_count\":0,\"preorder_release_date\":null,\"preorder_message\":\"\",\"is_preorder_only\":false,"
              + "\"is_price_hidden\":false,\"price_hidden_label\":\"\","
              + "\"custom_url\":{\"url\":\"/bench-product-4711/\",\"is_customized\":false},\"base_variant_id\":4711,"
              + "\"open_graph_type\":\"product\",\"open_graph_title\":\"\",\"open_graph_description\":\"\","
              + "\"open_graph_use_meta_description\":true,\"open_graph_use_product_name\":true,"
              + "\"open_graph_use_image\":true},\"meta\":{}}")
          .getBytes(StandardCharsets.UTF_8);

  private Ceiling() {}

  /** A list answer of {@code n} copies of the product, with the pagination meta of page 1. */
  static byte[] page(int n) {
    String doc = new String(BODY, StandardCharsets.UTF_8);
    doc = doc.substring("{\"data\":".length(), doc.length() - ",\"meta\":{}}".length());
    StringBuilder sb = new StringBuilder("{\"data\":[");
    for (int i = 0; i < n; i++) {
      sb.append(i > 0 ? "," : "").append(doc);
    }
    sb.append("],\"meta\":{\"pagination\":{\"total\":100000,\"count\":")
        .append(n)
        .append(",\"per_page\":")
        .append(n)
        .append(",\"current_page\":1,\"total_pages\":")
        .append(100_000 / n)
        .append(",\"links\":{\"current\":\"?page=1&limit=")
        .append(n)
        .append("\"}}}}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws InterruptedException, IOException {
    int port = 0;
    String host = "127.0.0.1";
    int items = 0;
    String bodyFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "--host" -> host = value(args, ++i);
        case "--items" -> items = Integer.parseInt(value(args, ++i));
        case "--body-file" -> bodyFile = value(args, ++i);
        default -> {
          System.err.println("usage: Ceiling [--port P] [--host H] [--items N | --body-file F]");
          System.exit(2);
        }
      }
    }
    byte[] body =
        bodyFile != null ? Files.readAllBytes(Path.of(bodyFile)) : items > 0 ? page(items) : BODY;
    WebServer server =
        WebServer.builder()
            .host(host)
            .port(port)
            .routing(
                r ->
                    r.any(
                        (req, res) -> {
                          res.header(HeaderNames.CONTENT_TYPE, "application/json");
                          res.send(body);
                        }))
            .build()
            .start();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop();
                  stop.countDown();
                }));
    System.out.println("listening on " + server.port());
    System.out.flush();
    stop.await();
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      System.err.println("missing value after " + args[i - 1]);
      System.exit(2);
    }
    return args[i];
  }
}
