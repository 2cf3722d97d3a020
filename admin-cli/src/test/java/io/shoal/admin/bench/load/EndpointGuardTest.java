package io.shoal.admin.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EndpointGuardTest {
  @ParameterizedTest
  @CsvSource({
      "http://127.0.0.1:8000, true", "http://127.8.9.10:1, true", "http://localhost:8000, true",
      "http://[::1]:8000, true",
      "http://10.0.0.1:8000, true", "http://10.255.255.255:80, true",
      "http://172.16.0.1:8000, true", "http://172.31.255.254:8000, true",
      "http://172.15.255.255:8000, false", "http://172.32.0.1:8000, false",
      "http://192.168.1.1:8000, true", "http://192.169.0.1:8000, false",
      "http://198.18.0.1:8000, true", "http://198.19.255.1:8000, true",
      "http://198.17.0.1:8000, false", "http://198.20.0.1:8000, false",
      "http://8.8.8.8:8000, false", "http://0.0.0.0:8000, false", "http://[2001:db8::1]:8000, false",
      "http://[fe80::1]:8000, false"})
  void onlyLoopbackAndPrivateBenchmarkNetworksAreAllowed(String url, boolean allowed) {
    if (allowed) {
      assertThat(EndpointGuard.endpoint(url).address().getPort()).isPositive();
    } else {
      assertThatThrownBy(() -> EndpointGuard.endpoint(url)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("refusing endpoint " + url).hasMessageContaining("loopback (127.0.0.0/8, ::1)");
    }
  }

  @Test
  void theHostHeaderCarriesThePortAndTlsIsRefused() {
    assertThat(EndpointGuard.endpoint("http://127.0.0.1:8000").hostHeader()).isEqualTo("127.0.0.1:8000");
    assertThat(EndpointGuard.endpoint("http://127.0.0.1").hostHeader()).isEqualTo("127.0.0.1");
    assertThat(EndpointGuard.endpoint("http://127.0.0.1").address().getPort()).isEqualTo(80);
    assertThatThrownBy(() -> EndpointGuard.endpoint("https://127.0.0.1:8000"))
        .hasMessageContaining("plain HTTP");
    assertThatThrownBy(() -> EndpointGuard.endpoint("127.0.0.1:8000")).isInstanceOf(IllegalArgumentException.class);
  }
}
