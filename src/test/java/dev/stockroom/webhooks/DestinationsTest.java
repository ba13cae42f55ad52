package dev.stockroom.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SSRF rules of public-only mode (reliability.md, API7 and suite 11): every spelling of a
 * loopback, private, link-local, shared, NAT64 or metadata address is refused, and a name is judged
 * by what it resolves to at delivery time, so DNS rebinding gets nowhere.
 */
class DestinationsTest {
  /** Names resolve to what the test says, one answer per lookup (a rebinding DNS server). */
  static final class FakeDns implements Destinations.Resolver {
    final Deque<String> answers = new ArrayDeque<>();

    FakeDns answer(String... ips) {
      answers.addAll(List.of(ips));
      return this;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      String ip = answers.poll();
      if (ip == null) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByName(ip)};
    }
  }

  static final List<String> HOSTILE =
      List.of(
          "https://127.0.0.1/",
          "https://127.1/",
          "https://2130706433/",
          "https://0x7f000001/",
          "https://0177.0.0.1/",
          "https://0x7f.0.0.1/",
          "https://017700000001/",
          "https://[::1]/",
          "https://[::]/",
          "https://0.0.0.0/",
          "https://[::ffff:127.0.0.1]/",
          "https://[::ffff:7f00:1]/",
          "https://[0:0:0:0:0:ffff:a9fe:a9fe]/",
          "https://169.254.169.254/latest/meta-data/",
          "https://[fd00:ec2::254]/",
          "https://10.0.0.1/",
          "https://172.16.0.1/",
          "https://172.31.255.255/",
          "https://192.168.1.1/",
          "https://100.64.0.1/",
          "https://100.127.255.254/",
          "https://[fd00::1]/",
          "https://[fc00::1]/",
          "https://192.0.0.1/",
          "https://198.18.0.1/",
          "https://198.19.255.1/",
          "https://[64:ff9b::7f00:1]/",
          "https://[64:ff9b:1::a00:1]/",
          "https://[2002:7f00:1::]/",
          "https://[fe80::1]/",
          "https://224.0.0.1/",
          "https://255.255.255.255/",
          "https://localhost/",
          "https://api.localhost/",
          "https://metadata.google.internal/",
          "https://printer.local/",
          "http://93.184.216.34/",
          "https://93.184.216.34:8443/");

  @Test
  void everyHostileSpellingIsRefusedInPublicOnlyMode() {
    Destinations d = new Destinations(true, new FakeDns());
    for (String url : HOSTILE) {
      assertThat(d.problem(url)).as(url).isNotNull();
      assertThatThrownBy(() -> d.target(url)).as(url).isInstanceOf(Destinations.Refused.class);
    }
  }

  @Test
  void aNameThatResolvesToAPrivateAddressIsRefused() {
    Destinations d = new Destinations(true, new FakeDns().answer("10.1.2.3"));
    assertThat(d.problem("https://intranet.example.com/hook")).contains("10.1.2.3");
  }

  @Test
  void dnsRebindingIsCaughtAtDeliveryAndTheCheckedAddressIsTheOneUsed() throws Exception {
    FakeDns dns = new FakeDns().answer("93.184.216.34", "127.0.0.1", "93.184.216.34");
    Destinations d = new Destinations(true, dns);
    String url = "https://hooks.example.com/callback?x=1";
    assertThat(d.problem(url)).as("public at create time").isNull();
    assertThatThrownBy(() -> d.target(url))
        .as("loopback at delivery time")
        .isInstanceOf(Destinations.Refused.class)
        .hasMessageContaining("127.0.0.1");
    Destinations.Target t = d.target(url);
    assertThat(t.address().getHostAddress()).isEqualTo("93.184.216.34");
    assertThat(t.host()).isEqualTo("hooks.example.com");
    assertThat(t.port()).isEqualTo(443);
    assertThat(t.pathAndQuery()).isEqualTo("/callback?x=1");
    assertThat(t.hostHeader()).isEqualTo("hooks.example.com");
  }

  @Test
  void publicAddressesAndNamesAreAccepted() {
    Destinations d = new Destinations(true, new FakeDns().answer("2606:4700::1111"));
    assertThat(d.problem("https://93.184.216.34/hook")).isNull();
    assertThat(d.problem("https://[2606:4700:4700::1111]/hook")).isNull();
    assertThat(d.problem("https://hooks.example.com:443/x")).isNull();
    assertThat(new Destinations(true, new FakeDns()).problem("https://not-resolving.example/"))
        .as("a name that does not resolve yet fails at delivery, as hosted")
        .isNull();
  }

  @Test
  void theDefaultModeAcceptsLocalReceiversButOnlyHttp() {
    Destinations d = new Destinations(false, host -> InetAddress.getAllByName(host));
    assertThat(d.problem("http://localhost:8080/hooks")).isNull();
    assertThat(d.problem("http://127.0.0.1:3000/")).isNull();
    assertThat(d.problem("https://[::1]:8443/x")).isNull();
    assertThat(d.problem("ftp://127.0.0.1/")).isNotNull();
    assertThat(d.problem("file:///etc/passwd")).isNotNull();
    assertThat(d.problem("http://user:pw@localhost/")).isNotNull();
  }

  @Test
  void theHostHeaderKeepsANonDefaultPort() throws Exception {
    Destinations d = new Destinations(false, host -> InetAddress.getAllByName(host));
    assertThat(d.target("http://127.0.0.1:3000/a").hostHeader()).isEqualTo("127.0.0.1:3000");
    assertThat(d.target("http://[::1]:3000/a").hostHeader()).isEqualTo("[::1]:3000");
  }
}
