package dev.stockroom.api;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Default custom URLs ({@code /red-scarf/}) derived from names, as the control panel makes them.
 */
public final class Slugs {
  private Slugs() {}

  public static String of(String name) {
    String s =
        Normalizer.normalize(name, Normalizer.Form.NFKD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-+|-+$)", "");
    if (s.length() > 200) {
      s = s.substring(0, 200);
    }
    return "/" + s + "/";
  }
}
