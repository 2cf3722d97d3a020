package io.shoal.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JvmMetersTest {
  @Test
  void bindsTheDocumentedJvmAndProcessMeters() {
    SimpleMeterRegistry r = JvmMeters.bindTo(new SimpleMeterRegistry());
    assertThat(r.getMeters().stream().map(m -> m.getId().getName()).distinct())
        .contains("jvm.memory.used", "jvm.memory.committed", "jvm.memory.max", "jvm.threads.live",
            "jvm.threads.states", "jvm.classes.loaded", "process.cpu.usage", "system.cpu.usage", "process.uptime",
            "process.start.time");
  }
}
