package dev.stockroom.catalog.images;

import dev.stockroom.api.ApiException;
import dev.stockroom.api.Call;
import dev.stockroom.api.Reply;
import dev.stockroom.api.Router;
import dev.stockroom.api.Routes;
import dev.stockroom.api.Status;
import dev.stockroom.tenancy.Tenant;
import dev.stockroom.tenancy.Tenants;
import java.util.Map;

/**
 * {@code GET /images/{store_hash}/{file}}: the uploaded files and their resized copies, public as
 * on a CDN (storefronts put these URLs in {@code <img>} tags), with the type their name gives
 * (detected at upload, or the copy's own). Only names Stockroom made are opened, inside the store's
 * own folder: anything else is a 404.
 */
public final class ImageFileRoutes implements Routes {
  static final String FILE = "/images/{store_hash}/{file}";

  private final ImageStore store;
  private final Tenants tenants;

  public ImageFileRoutes(ImageStore store, Tenants tenants) {
    this.store = store;
    this.tenants = tenants;
  }

  @Override
  public void register(Router r) {
    r.get(FILE, this::file);
  }

  private Reply file(Call c) {
    String name = c.param("file");
    Map.Entry<ImageType, byte[]> found =
        tenants
            .find(c.param("store_hash"))
            .map(Tenant::id)
            .flatMap(storeId -> store.file(storeId, name))
            .orElseThrow(() -> new ApiException.NotFound("No image is stored as " + name + "."));
    // Names are never reused, so a file never changes: caches may keep it for good. nosniff and
    // the sandboxing CSP keep a browser from reading an upload as anything but an image.
    return Reply.bytes(Status.OK, found.getKey().mediaType(), found.getValue())
        .header("Cache-Control", "public, max-age=31536000, immutable")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox");
  }
}
