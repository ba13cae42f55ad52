package dev.stockroom.customers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  @Test
  void aHashNamesItsSchemeAndIterationsAndIsSaltedPerPassword() {
    String a = Passwords.hash("correct horse");
    String b = Passwords.hash("correct horse");
    assertThat(a)
        .startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$")
        .doesNotContain("correct");
    assertThat(a.split("\\$")).hasSize(4);
    assertThat(a).isNotEqualTo(b);
    assertThat(Passwords.matches("correct horse", a)).isTrue();
    assertThat(Passwords.matches("correct horse", b)).isTrue();
    assertThat(Passwords.matches("Correct horse", a)).isFalse();
    assertThat(Passwords.matches("", a)).isFalse();
  }

  @Test
  void storedValuesThatAreNotHashesNeverMatch() {
    assertThat(Passwords.matches("", "")).isFalse();
    assertThat(Passwords.matches("x", "x")).isFalse();
    assertThat(Passwords.matches("x", "pbkdf2-sha256$abc$%%%$%%%")).isFalse();
    assertThat(Passwords.matches("x", "md5$1$2$3")).isFalse();
  }
}
