package dev.stockroom.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Which IP addresses a public-only webhook may not reach: everything that is not a globally routed
 * unicast address. Judged on the address bytes, so every spelling of one address gets the same
 * answer, and IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by
 * the IPv4 address inside them. The JDK's {@code isSiteLocalAddress()} family misses CGNAT, ULA,
 * NAT64 and the benchmark and documentation ranges (reliability.md, API7).
 */
final class Addresses {
  private Addresses() {}

  /** IPv4 ranges that are not public: {address, prefix length}. */
  private static final int[][] V4_BLOCKED = {
    {0x00000000, 8}, // "this network"
    {0x0A000000, 8}, // private
    {0x64400000, 10}, // CGNAT 100.64/10
    {0x7F000000, 8}, // loopback
    {0xA9FE0000, 16}, // link-local, cloud metadata 169.254.169.254
    {0xAC100000, 12}, // private 172.16/12
    {0xC0000000, 24}, // IETF protocol assignments 192.0.0/24
    {0xC0000200, 24}, // TEST-NET-1
    {0xC0586300, 24}, // 6to4 relay anycast 192.88.99/24
    {0xC0A80000, 16}, // private 192.168/16
    {0xC6120000, 15}, // benchmarking 198.18/15
    {0xC6336400, 24}, // TEST-NET-2
    {0xCB007100, 24}, // TEST-NET-3
    {0xE0000000, 4}, // multicast
    {0xF0000000, 4}, // reserved, broadcast
  };

  /** Why {@code a} is refused, or null when it is a public unicast address. */
  static @Nullable String refusal(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return v4Refusal(b);
    }
    if (a instanceof Inet6Address) {
      return v6Refusal(b);
    }
    return "not an IP address";
  }

  private static @Nullable String v4Refusal(byte[] b) {
    int ip = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    for (int[] range : V4_BLOCKED) {
      int mask = -1 << (32 - range[1]);
      if ((ip & mask) == range[0]) {
        return "a loopback, private, link-local, shared or reserved IPv4 address";
      }
    }
    return null;
  }

  private static @Nullable String v6Refusal(byte[] b) {
    int first = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
    boolean zero80 = allZero(b, 0, 10);
    if (zero80 && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      return v4Inside(b, 12, "IPv4-mapped"); // ::ffff:a.b.c.d
    }
    if (zero80 && b[10] == 0 && b[11] == 0) {
      return "an unspecified, loopback or IPv4-compatible IPv6 address"; // ::, ::1, ::a.b.c.d
    }
    if (first == 0x0064
        && (((b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B) || (b[2] == 0 && b[3] == 1))) {
      return "a NAT64 address (64:ff9b::/96, 64:ff9b:1::/48) that reaches IPv4 through a gateway";
    }
    if (first == 0x2002) {
      return v4Inside(b, 2, "6to4");
    }
    if (first == 0x2001 && b[2] == 0 && b[3] == 0) {
      return "a Teredo address";
    }
    if (first == 0x2001 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) {
      return "a documentation address (2001:db8::/32)";
    }
    if ((first & 0xFE00) == 0xFC00) {
      return "a unique local address (fc00::/7)";
    }
    if ((first & 0xFFC0) == 0xFE80 || (first & 0xFFC0) == 0xFEC0) {
      return "a link-local or site-local IPv6 address";
    }
    if ((first & 0xFF00) == 0xFF00) {
      return "a multicast address";
    }
    if ((first & 0xE000) != 0x2000) {
      return "an IPv6 address outside the global unicast range 2000::/3";
    }
    return null;
  }

  private static @Nullable String v4Inside(byte[] b, int from, String kind) {
    String inner = v4Refusal(Arrays.copyOfRange(b, from, from + 4));
    return inner == null ? null : "an " + kind + " IPv6 address of " + inner;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
