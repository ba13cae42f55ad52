package dev.stockroom.customers;

import dev.stockroom.api.Routes;
import dev.stockroom.api.Scheduler;
import dev.stockroom.db.Database;
import java.time.Clock;
import java.util.List;

/** The customers feature's route tables, v3 and v2, over one set of stores. */
public final class Customers {
  private Customers() {}

  /** Every customers route table (App registers them with the other features'). */
  public static List<Routes> routes(Database db, Clock clock, Scheduler scheduler) {
    CustomerStore customers = new CustomerStore(db, clock);
    AddressStore addresses = new AddressStore(db, clock);
    FormFieldStore fields = new FormFieldStore(db);
    LoginThrottle throttle = new LoginThrottle(clock);
    return List.of(
        new CustomerRoutes(customers, throttle, scheduler),
        new AddressRoutes(addresses, fields),
        new AttributeRoutes(new AttributeStore(db, clock)),
        new FormFieldRoutes(fields),
        new SettingsRoutes(new SettingsStore(db), clock),
        new CustomerV2Routes(customers, addresses, throttle, scheduler),
        new GroupRoutes(new GroupStore(db, clock)));
  }
}
