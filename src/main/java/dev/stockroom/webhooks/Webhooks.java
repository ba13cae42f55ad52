package dev.stockroom.webhooks;

import dev.stockroom.api.Routes;
import dev.stockroom.config.Config;
import dev.stockroom.db.Database;
import dev.stockroom.tenancy.Tenants;
import java.net.InetAddress;
import java.time.Clock;

/**
 * The webhooks feature, wired once by {@code App}: the store API's hooks, the control plane's
 * delivery log, and the node's delivery loop (started here, stopped by {@link #close}).
 */
public final class Webhooks implements AutoCloseable {
  private final WebhookRoutes routes;
  private final WebhookAdminRoutes admin;
  private final Dispatcher dispatcher;

  private Webhooks(WebhookRoutes routes, WebhookAdminRoutes admin, Dispatcher dispatcher) {
    this.routes = routes;
    this.admin = admin;
    this.dispatcher = dispatcher;
  }

  public static Webhooks start(
      Database db, Tenants tenants, Clock clock, Config.Background settings) {
    Destinations destinations =
        new Destinations(settings.webhooksPublicOnly(), InetAddress::getAllByName);
    WebhookStore hooks = new WebhookStore(db, clock);
    tenants.store().onAccountDelete(WebhookStore::deleteForClient);
    DeliveryStore deliveries = new DeliveryStore(db, settings.webhookRetryScale());
    DomainHealth health = new DomainHealth();
    Dispatcher dispatcher =
        new Dispatcher(
            deliveries,
            destinations,
            new Sender(settings.webhookTimeoutMs()),
            health,
            clock,
            settings.webhookPollMs(),
            settings.webhookTimeoutMs());
    dispatcher.start();
    return new Webhooks(
        new WebhookRoutes(hooks, destinations),
        new WebhookAdminRoutes(tenants, hooks, deliveries, health, clock),
        dispatcher);
  }

  public Routes storeRoutes() {
    return routes;
  }

  public Routes adminRoutes() {
    return admin;
  }

  @Override
  public void close() {
    dispatcher.close();
  }
}
