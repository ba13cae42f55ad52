package dev.stockroom;

import dev.stockroom.admin.StoreAdminRoutes;
import dev.stockroom.api.Dates;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Scheduler;
import dev.stockroom.catalog.brands.BrandRoutes;
import dev.stockroom.catalog.brands.BrandStore;
import dev.stockroom.catalog.categories.CategoryRoutes;
import dev.stockroom.catalog.categories.CategoryStore;
import dev.stockroom.catalog.children.Child;
import dev.stockroom.catalog.children.ChildRoutes;
import dev.stockroom.catalog.children.ChildStore;
import dev.stockroom.catalog.images.ImageFileRoutes;
import dev.stockroom.catalog.images.ImageRoutes;
import dev.stockroom.catalog.images.ImageStore;
import dev.stockroom.catalog.images.VariantImageRoutes;
import dev.stockroom.catalog.metafields.Metafield;
import dev.stockroom.catalog.metafields.MetafieldStore;
import dev.stockroom.catalog.products.Include;
import dev.stockroom.catalog.products.Nested;
import dev.stockroom.catalog.products.ProductRoutes;
import dev.stockroom.catalog.products.ProductStore;
import dev.stockroom.catalog.products.bulkpricing.BulkPricingRule;
import dev.stockroom.catalog.products.bulkpricing.BulkPricingRuleStore;
import dev.stockroom.catalog.products.customfields.CustomField;
import dev.stockroom.catalog.products.customfields.CustomFieldStore;
import dev.stockroom.catalog.products.reviews.Review;
import dev.stockroom.catalog.products.variants.ComplexRuleRoutes;
import dev.stockroom.catalog.products.variants.OptionRoutes;
import dev.stockroom.catalog.products.variants.OptionStore;
import dev.stockroom.catalog.products.variants.VariantRoutes;
import dev.stockroom.catalog.products.variants.VariantStore;
import dev.stockroom.catalog.products.videos.Video;
import dev.stockroom.catalog.products.videos.VideoStore;
import dev.stockroom.config.Config;
import dev.stockroom.customers.Customers;
import dev.stockroom.db.Database;
import dev.stockroom.edge.HttpEdge;
import dev.stockroom.edge.SubmissionRelay;
import dev.stockroom.edge.TransportErrors;
import dev.stockroom.faults.FaultRoutes;
import dev.stockroom.faults.FaultStore;
import dev.stockroom.faults.Faults;
import dev.stockroom.orders.OrderPartRoutes;
import dev.stockroom.orders.OrderRoutes;
import dev.stockroom.orders.OrderStore;
import dev.stockroom.orders.ShipmentStore;
import dev.stockroom.ratelimit.RateLimiter;
import dev.stockroom.requestlog.RequestLog;
import dev.stockroom.requestlog.RequestLogRoutes;
import dev.stockroom.store.StoreInfoRoutes;
import dev.stockroom.tasks.Tasks;
import dev.stockroom.tenancy.Scopes;
import dev.stockroom.tenancy.TenantStore;
import dev.stockroom.tenancy.Tenants;
import dev.stockroom.webhooks.Webhooks;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The one wiring point: database, clock, limiter, the list of features, the HTTP server. */
public final class App implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(App.class);
  private final Database db;
  private final WebServer server;
  private final Router storeRouter;
  private final Webhooks webhooks;
  private final Faults faults;
  private final Tasks tasks;

  private App(
      Database db,
      WebServer server,
      Router storeRouter,
      Webhooks webhooks,
      Faults faults,
      Tasks tasks) {
    this.db = db;
    this.server = server;
    this.storeRouter = storeRouter;
    this.webhooks = webhooks;
    this.faults = faults;
    this.tasks = tasks;
  }

  /** A product body's list of one kind of child, created with the product (product_Base). */
  private static Nested child(String field, Child kind) {
    return new Nested(
        field,
        (item, prefix, errors) -> kind.collect(item, prefix, true, errors),
        (h, t, client, productId, item, now) ->
            ChildStore.createIn(h, t, client, kind, new long[] {productId}, item, Dates.v3(now)));
  }

  public static App start(Config config) {
    Database db = Database.open(config.databaseUrl(), config.dataDir(), config.sqliteSyncFull());
    Webhooks webhooks = null;
    Faults faults = null;
    try {
      Tenants tenants = new Tenants(new TenantStore(db), config.clock());
      RateLimiter limiter = new RateLimiter(config.clock());
      BrandStore brands = new BrandStore(db);
      CategoryStore categories = new CategoryStore(db, config.clock());
      ProductStore products = new ProductStore(db, config.clock());
      // Image URLs need the port, which is known once the server has started (port 0 in tests).
      AtomicReference<String> baseUrl = new AtomicReference<>(config.publicUrl());
      ImageStore images = new ImageStore(db, config.dataDir(), config.clock(), () -> baseUrl.get());
      products.imageFileRemover(images::removeFiles);
      tenants.afterDelete(images::removeStore);
      categories.productCounter(ProductStore::productsIn);
      VariantStore variants = new VariantStore(db, config.clock());
      int backfilled = variants.backfillBaseVariants();
      if (backfilled > 0) {
        LOG.info("Gave {} products written by an earlier version their base variant", backfilled);
      }
      ChildStore children = new ChildStore(db, config.clock());
      List<Nested> nested =
          List.of(
              child("custom_fields", CustomField.KIND),
              child("bulk_pricing_rules", BulkPricingRule.KIND),
              child("videos", Video.KIND),
              new Nested(
                  "images",
                  ImageStore::checkUrlInput,
                  (h, t, client, productId, item, now) ->
                      ImageStore.createFromUrl(h, t, productId, item, now)));
      products.nested(nested);
      categories.onDelete(MetafieldStore::deleteForCategories);
      brands.onDelete(
          (h, storeId, ids) -> {
            ProductStore.detachBrands(h, storeId, ids, config.clock().millis());
            MetafieldStore.deleteForBrands(h, storeId, ids);
          });

      OrderStore orders = new OrderStore(db, config.clock());
      ShipmentStore shipments = new ShipmentStore(db, orders);

      Tasks tasks = new Tasks(db, tenants, config);
      Scheduler scheduler = tasks.scheduler();
      Router storeRouter = new Router(Scopes.PRODUCTS);
      List<Routes> features =
          List.of(
              new BrandRoutes(brands, scheduler),
              new CategoryRoutes(categories, scheduler),
              new ProductRoutes(
                  products,
                  config.batchLimit(),
                  List.of(
                      Include.list("images", ImageStore::forProducts),
                      Include.one("primary_image", ImageStore::primaryFor),
                      Include.list("custom_fields", CustomFieldStore::forProducts),
                      Include.list("bulk_pricing_rules", BulkPricingRuleStore::forProducts),
                      Include.list("videos", VideoStore::forProducts)),
                  nested,
                  scheduler),
              new VariantRoutes(variants, scheduler),
              new OptionRoutes(new OptionStore(db, config.clock())),
              new ComplexRuleRoutes(db),
              new ImageRoutes(images),
              new VariantImageRoutes(images),
              // Sub-resources stored as documents of their own: one definition each.
              new ChildRoutes(children, CustomField.KIND),
              new ChildRoutes(children, BulkPricingRule.KIND),
              new ChildRoutes(children, Video.KIND),
              new ChildRoutes(children, Review.KIND),
              new ChildRoutes(children, Metafield.ON_PRODUCT),
              new ChildRoutes(children, Metafield.ON_VARIANT),
              new ChildRoutes(children, Metafield.ON_CATEGORY),
              new ChildRoutes(children, Metafield.ON_BRAND),
              new StoreInfoRoutes(config.clock()),
              new OrderRoutes(orders, scheduler),
              new OrderPartRoutes(orders, shipments),
              tasks.routes());
      features.forEach(f -> f.register(storeRouter));
      Customers.routes(db, config.clock(), scheduler).forEach(f -> f.register(storeRouter));
      webhooks = Webhooks.start(db, tenants, config.clock(), config.background());
      webhooks.storeRoutes().register(storeRouter);

      Router publicRouter = new Router(null);
      new ImageFileRoutes(images, tenants).register(publicRouter);

      Router adminRouter = new Router(null);
      new StoreAdminRoutes(tenants, limiter, config.clock()).register(adminRouter);
      webhooks.adminRoutes().register(adminRouter);
      tasks.adminRoutes().register(adminRouter);
      Faults rules = new Faults(new FaultStore(db));
      faults = rules;
      RequestLog requests = new RequestLog(config.clock());
      tenants.afterDelete(requests::forget);
      tenants.afterDelete(id -> rules.reload());
      new FaultRoutes(tenants, rules, limiter, config.clock()).register(adminRouter);
      new RequestLogRoutes(tenants, requests).register(adminRouter);

      HttpEdge edge =
          new HttpEdge(
              tenants,
              limiter,
              storeRouter,
              adminRouter,
              publicRouter,
              config.adminToken(),
              config.maxBodyBytes(),
              rules,
              requests);
      WebServer server =
          WebServer.builder()
              .host(config.host())
              .port(config.port())
              // Long filter lists (id:in=…) and include_fields reach the pipeline instead of a 414;
              // the Host header is never checked (clients send Host: api.bigcommerce.com).
              .addProtocol(
                  Http1Config.builder()
                      .maxPrologueLength(TransportErrors.PROLOGUE_BYTES)
                      .maxHeadersSize(TransportErrors.HEADER_BYTES)
                      .build())
              // Helidon's own refusals (request line too long, not HTTP) in the API's envelope.
              .directHandlers(TransportErrors.all())
              .routing(r -> r.any(edge))
              .build()
              .start();
      String unrelayed = SubmissionRelay.unavailable();
      if (unrelayed != null) {
        LOG.warn(
            "New connections may wait seconds while large pages keep every core busy: {}.",
            unrelayed);
      }
      if (config.publicUrl() == null) {
        baseUrl.set(ownUrl(config.host(), server.port()));
      }
      tasks.start(storeRouter);
      return new App(db, server, storeRouter, webhooks, rules, tasks);
    } catch (RuntimeException e) {
      if (webhooks != null) {
        webhooks.close();
      }
      if (faults != null) {
        faults.close();
      }
      db.close();
      throw e;
    }
  }

  /** This server's own URL, with the loopback address for a wildcard host. */
  private static String ownUrl(String host, int port) {
    String h = host.isBlank() || host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
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
    tasks.close(); // first: a task in progress finishes (or pauses) while the database is open
    server.stop();
    webhooks.close();
    faults.close();
    db.close();
  }
}
