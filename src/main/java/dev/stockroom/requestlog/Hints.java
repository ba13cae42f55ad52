package dev.stockroom.requestlog;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Troubleshooting table of the contract ({@code shared/seed/api-status-codes.md}): what to try
 * for a status. Only the codes the table names have a hint; 204 is left out because the table files
 * it under redirects, which a successful DELETE is not.
 */
final class Hints {
  private Hints() {}

  private static final String REDIRECT = "Redirects: try the www or non-www version of the URL.";

  private static final Map<Integer, String> BY_STATUS =
      Map.of(
          301,
          REDIRECT,
          302,
          REDIRECT,
          400,
          "Invalid syntax, required data missing, or content-type header missing: double-check"
              + " the request body for syntax errors and missing data; check the content-type"
              + " header.",
          401,
          "API credentials are missing or invalid: double-check the access_token and client_id."
              + " Send a cURL request with the same credentials to rule out app or config issues.",
          403,
          "The app lacks required OAuth scopes, a store-owner account changed, the request"
              + " exceeds a platform limit, or the URL is incorrect: double-check the OAuth scopes"
              + " of the API account; check the URL (are the endpoint and store hash correct?);"
              + " ensure platform limits have not been reached.",
          415,
          "The request headers specify an unsupported content-type (or the header is missing):"
              + " double-check the content-type request header.",
          500,
          "An expensive API call or an internal server error: re-attempt the request three to"
              + " five times, with increasing delays of at least a minute between attempts. Try"
              + " requesting fewer objects (?limit=, or fewer fields). Check the status page.");

  static @Nullable String of(int status) {
    return BY_STATUS.get(status);
  }
}
