package io.shoal.compat;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Resolves the endpoint under test once per suite run: {@code -Dshoal.endpoint=URL}, or else a local Shoal cluster
 * kept in the root store, which JUnit closes (stopping the cluster) after the last test class.
 */
public final class Endpoint implements BeforeAllCallback {
  private static volatile String url;

  /** The endpoint under test; valid once the extension ran for the current class. */
  static String url() {
    if (url == null) {
      throw new IllegalStateException("Endpoint extension has not run");
    }
    return url;
  }

  /** The reference server named by {@code -Dcompat.reference} (e.g. dynalite), or "" for the system under test. */
  static String reference() {
    return System.getProperty("compat.reference", "").trim();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String given = System.getProperty("shoal.endpoint", "").trim();
    if (!given.isEmpty()) {
      url = given;
      return;
    }
    LocalCluster cluster = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(LocalCluster.class, k -> new LocalCluster(), LocalCluster.class);
    url = cluster.endpoint;
  }

  /** Holder closed by JUnit at the end of the run. */
  @SuppressWarnings("deprecation")
  private static final class LocalCluster implements ExtensionContext.Store.CloseableResource {
    final LocalShoal shoal;
    final String endpoint;

    LocalCluster() {
      try {
        shoal = LocalShoal.start();
      } catch (Exception e) {
        throw new IllegalStateException("could not start a local Shoal cluster", e);
      }
      endpoint = LocalShoal.ENDPOINT;
    }

    @Override
    public void close() throws Exception {
      shoal.close();
    }
  }
}
