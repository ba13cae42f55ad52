package dev.stockroom;

import dev.stockroom.admin.StoreAdminRoutes;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.catalog.brands.BrandRoutes;
import dev.stockroom.catalog.brands.BrandStore;
import dev.stockroom.catalog.categories.CategoryRoutes;
import dev.stockroom.catalog.categories.CategoryStore;
import dev.stockroom.catalog.children.ChildRoutes;
import dev.stockroom.catalog.children.ChildStore;
import dev.stockroom.catalog.metafields.Metafield;
import dev.stockroom.catalog.metafields.MetafieldStore;
import dev.stockroom.catalog.products.ProductRoutes;
import dev.stockroom.catalog.products.ProductStore;
import dev.stockroom.catalog.products.bulkpricing.BulkPricingRule;
import dev.stockroom.catalog.products.customfields.CustomField;
import dev.stockroom.catalog.products.reviews.Review;
import dev.stockroom.catalog.products.videos.Video;
import dev.stockroom.config.Config;
import dev.stockroom.db.Database;
import dev.stockroom.edge.HttpEdge;
import dev.stockroom.ratelimit.RateLimiter;
import dev.stockroom.store.StoreInfoRoutes;
import dev.stockroom.tenancy.Scopes;
import dev.stockroom.tenancy.TenantStore;
import dev.stockroom.tenancy.Tenants;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.util.List;

/** The one wiring point: database, clock, limiter, the list of features, the HTTP server. */
public final class App implements AutoCloseable {
  private final Database db;
  private final WebServer server;
  private final Router storeRouter;

  private App(Database db, WebServer server, Router storeRouter) {
    this.db = db;
    this.server = server;
    this.storeRouter = storeRouter;
  }

  public static App start(Config config) {
    Database db = Database.open(config.databaseUrl(), config.dataDir(), config.sqliteSyncFull());
    try {
      Tenants tenants = new Tenants(new TenantStore(db), config.clock());
      RateLimiter limiter = new RateLimiter(config.clock());
      BrandStore brands = new BrandStore(db);
      CategoryStore categories = new CategoryStore(db, config.clock());
      ProductStore products = new ProductStore(db, config.clock());
      ChildStore children = new ChildStore(db, config.clock());
      categories.productCounter(ProductStore::productsIn);
      categories.onDelete(MetafieldStore::deleteForCategories);
      brands.onDelete(
          (h, storeId, ids) -> {
            ProductStore.detachBrands(h, storeId, ids, config.clock().millis());
            MetafieldStore.deleteForBrands(h, storeId, ids);
          });

      Router storeRouter = new Router(Scopes.PRODUCTS);
      List<Routes> features =
          List.of(
              new BrandRoutes(brands),
              new CategoryRoutes(categories),
              new ProductRoutes(products, config.batchLimit()),
              // Sub-resources stored as documents of their own: one definition each.
              new ChildRoutes(children, CustomField.KIND),
              new ChildRoutes(children, BulkPricingRule.KIND),
              new ChildRoutes(children, Video.KIND),
              new ChildRoutes(children, Review.KIND),
              new ChildRoutes(children, Metafield.ON_PRODUCT),
              new ChildRoutes(children, Metafield.ON_VARIANT),
              new ChildRoutes(children, Metafield.ON_CATEGORY),
              new ChildRoutes(children, Metafield.ON_BRAND),
              new StoreInfoRoutes(config.clock()));
      features.forEach(f -> f.register(storeRouter));

      Router adminRouter = new Router(null);
      new StoreAdminRoutes(tenants, limiter, config.clock()).register(adminRouter);

      HttpEdge edge =
          new HttpEdge(
              tenants,
              limiter,
              storeRouter,
              adminRouter,
              config.adminToken(),
              config.maxBodyBytes());
      WebServer server =
          WebServer.builder()
              .host(config.host())
              .port(config.port())
              // Long filter lists (id:in=…) and include_fields reach the pipeline instead of a 414;
              // the Host header is never checked (clients send Host: api.bigcommerce.com).
              .addProtocol(Http1Config.builder().maxPrologueLength(64 * 1024).build())
              .routing(r -> r.any(edge))
              .build()
              .start();
      return new App(db, server, storeRouter);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  /** Every store-API route, for inventory and isolation tests. */
  public List<Router.Route> storeRoutes() {
    return storeRouter.routes();
  }

  @Override
  public void close() {
    server.stop();
    db.close();
  }
}
