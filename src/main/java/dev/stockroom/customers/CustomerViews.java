package dev.stockroom.customers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stockroom.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Stored customer documents as served: live {@code address_count} and {@code attribute_count}, and
 * what {@code include} asks for (addresses, attribute values, form fields, store credit).
 */
final class CustomerViews {
  private CustomerViews() {}

  /** v3 documents with their live counts and the requested includes. */
  static List<ObjectNode> expand(Handle h, long storeId, List<byte[]> raw, Set<String> include) {
    List<ObjectNode> docs = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (byte[] b : raw) {
      ObjectNode d = (ObjectNode) Json.tree(b);
      docs.add(d);
      ids.add(d.get("id").asLong());
    }
    Map<Long, Long> addresses = Rows.countBy(h, AddressStore.TABLE, storeId, "customer_id", ids);
    Map<Long, Long> attributes =
        Rows.countBy(h, AttributeStore.VALUES, storeId, "customer_id", ids);
    Map<Long, List<ObjectNode>> addressDocs =
        include.contains("addresses") ? AddressStore.forCustomers(h, storeId, ids) : Map.of();
    Map<Long, List<ObjectNode>> values =
        include.contains("attributes") ? AttributeStore.valuesFor(h, storeId, ids) : Map.of();
    Map<Long, List<ObjectNode>> fields =
        include.contains("formfields") ? FormFieldStore.forCustomers(h, storeId, ids) : Map.of();
    List<Long> addressIds = new ArrayList<>();
    addressDocs.values().forEach(list -> list.forEach(a -> addressIds.add(a.path("id").asLong())));
    Map<Long, List<ObjectNode>> addressFields =
        include.contains("formfields")
            ? FormFieldStore.forAddresses(h, storeId, addressIds)
            : Map.of();
    for (ObjectNode d : docs) {
      long id = d.get("id").asLong();
      d.put("address_count", addresses.getOrDefault(id, 0L));
      d.put("attribute_count", attributes.getOrDefault(id, 0L));
      // contract: customers.v3 — store credit is answered with include=storecredit only.
      if (!include.contains("storecredit")) {
        d.remove("store_credit_amounts");
      }
      if (include.contains("addresses")) {
        ArrayNode a = d.putArray("addresses");
        addressDocs.getOrDefault(id, List.of()).forEach(a::add);
        if (include.contains("formfields")) {
          // each address with its own form fields, as /customers/addresses?include=formfields
          for (var address : a) {
            ArrayNode f = ((ObjectNode) address).putArray("form_fields");
            addressFields.getOrDefault(address.path("id").asLong(), List.of()).forEach(f::add);
          }
        }
      }
      if (include.contains("attributes")) {
        ArrayNode a = d.putArray("attributes");
        values.getOrDefault(id, List.of()).forEach(a::add);
      }
      if (include.contains("formfields")) {
        ArrayNode a = d.putArray("form_fields");
        fields.getOrDefault(id, List.of()).forEach(a::add);
      }
    }
    return docs;
  }
}
