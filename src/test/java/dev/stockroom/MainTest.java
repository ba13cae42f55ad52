package dev.stockroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void platformPollersAreTheDefault() {
    Properties p = new Properties();
    Main.ioDefaults(p);
    assertThat(p.getProperty("jdk.pollerMode")).isEqualTo("1");
  }

  @Test
  void aPollerModeGivenToTheJvmIsKept() {
    Properties p = new Properties();
    p.setProperty("jdk.pollerMode", "2");
    Main.ioDefaults(p);
    assertThat(p.getProperty("jdk.pollerMode")).isEqualTo("2");
  }
}
