package dev.stockroom.customers;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Customer passwords, stored as {@code pbkdf2-sha256$iterations$salt$hash} (PBKDF2 with HMAC-SHA256
 * from the JDK, a random 16-byte salt per password). The iteration count is part of the stored
 * value, so it can be raised later without invalidating stored passwords. Hashing is slow on
 * purpose: callers do it outside write transactions.
 */
final class Passwords {
  /** OWASP's Password Storage Cheat Sheet count for PBKDF2-HMAC-SHA256 (about 0.2 s a hash). */
  static final int ITERATIONS = 600_000;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DUMMY = hash("not-a-password-" + System.nanoTime());

  private Passwords() {}

  static String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] dk = derive(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "pbkdf2-sha256$"
        + ITERATIONS
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(dk);
  }

  /** Whether {@code password} matches {@code stored}; "" (no password set) never matches. */
  static boolean matches(String password, String stored) {
    String[] parts = stored.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
      // Spend the same time as a real check, so that timing does not tell which accounts exist.
      matches(password, DUMMY);
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(derive(password, salt, iterations), expected);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Burns the time of one check (unknown emails answer as slowly as known ones). */
  static void waste(String password) {
    matches(password, DUMMY);
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
            .generateSecret(spec)
            .getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
