package dev.stockroom.catalog.children;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Call;
import dev.stockroom.api.Envelope;
import dev.stockroom.api.Fields;
import dev.stockroom.api.Json;
import dev.stockroom.api.Paging;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Status;
import dev.stockroom.db.Docs;

/**
 * The five endpoints of one kind of child: list and create on {@code parent/segment}; get, update
 * and delete on {@code parent/segment/{id}}.
 */
public final class ChildRoutes implements Routes {
  private final ChildStore store;
  private final Child kind;
  private final String list;

  public ChildRoutes(ChildStore store, Child kind) {
    this.store = store;
    this.kind = kind;
    this.list = kind.parent.path() + "/" + kind.segment;
  }

  @Override
  public void register(Router r) {
    String one = list + "/{" + kind.idParam + "}";
    r.get(list, this::list)
        .post(list, this::create)
        .get(one, this::get)
        .put(one, this::update)
        .delete(one, this::delete);
  }

  /** The parent's ids from the path (a non-numeric one is a 404). */
  private long[] path(Call c) {
    return kind.parent.params().stream().mapToLong(c::id).toArray();
  }

  private Reply list(Call c) {
    Paging paging = Paging.of(c.query());
    Fields fields = Fields.of(c.query());
    Docs.Page page =
        store.page(c.tenant(), c.clientId(), kind, path(c), kind.filters.parse(c.query()), paging);
    return Reply.json(
        Status.OK, Envelope.docs(page.docs(), page.total(), paging, c.query(), fields));
  }

  private Reply get(Call c) {
    byte[] doc = store.get(c.tenant(), c.clientId(), kind, path(c), c.id(kind.idParam));
    return Reply.json(Status.OK, Envelope.doc(doc, Fields.of(c.query())));
  }

  private Reply create(Call c) {
    long[] path = path(c);
    ObjectNode input = kind.check(c.json(), true);
    ObjectNode doc = store.create(c.tenant(), c.clientId(), kind, path, input);
    return Reply.created(
        Json.write(Envelope.single(doc)), location(c, path, doc.get("id").asLong()));
  }

  private Reply update(Call c) {
    long[] path = path(c);
    long id = c.id(kind.idParam);
    ObjectNode input = kind.check(c.json(), false);
    return Reply.ok(Envelope.single(store.update(c.tenant(), c.clientId(), kind, path, id, input)));
  }

  private Reply delete(Call c) {
    store.delete(c.tenant(), c.clientId(), kind, path(c), c.id(kind.idParam));
    return Reply.noContent();
  }

  /** {@code /stores/{hash}/v3/catalog/products/5/custom-fields/7}. */
  private String location(Call c, long[] ids, long id) {
    String path = list.substring(list.indexOf("/v3/") + 3);
    for (int i = 0; i < ids.length; i++) {
      path = path.replace("{" + kind.parent.params().get(i) + "}", Long.toString(ids[i]));
    }
    return c.basePath() + path + "/" + id;
  }
}
