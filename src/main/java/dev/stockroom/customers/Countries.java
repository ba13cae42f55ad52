package dev.stockroom.customers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ISO 3166 alpha-2 codes and English country names (v3 addresses carry the code and answer the name
 * in {@code country}; v2 addresses take the full name and answer both).
 */
final class Countries {
  private static final Map<String, String> NAME_BY_CODE = new HashMap<>();
  private static final Map<String, String> CODE_BY_NAME = new HashMap<>();

  static {
    for (String code : Locale.getISOCountries()) {
      String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
      NAME_BY_CODE.put(code, name);
      CODE_BY_NAME.put(name.toLowerCase(Locale.ROOT), code);
    }
  }

  private Countries() {}

  /** The English name of an ISO code (case-insensitive); empty for an unknown code. */
  static Optional<String> name(String code) {
    return Optional.ofNullable(NAME_BY_CODE.get(code.toUpperCase(Locale.ROOT)));
  }

  /** The ISO code of an English country name, or of a code given instead (case-insensitive). */
  static Optional<String> code(String name) {
    String n = name.trim();
    String code = CODE_BY_NAME.get(n.toLowerCase(Locale.ROOT));
    if (code == null && n.length() == 2 && NAME_BY_CODE.containsKey(n.toUpperCase(Locale.ROOT))) {
      code = n.toUpperCase(Locale.ROOT);
    }
    return Optional.ofNullable(code);
  }
}
