package io.shoal.router.api;

/**
 * What a handler may know about the request beyond its body.
 *
 * @param region the region from the SigV4 credential scope, else the router's configured region (used in ARNs)
 * @param host the Host header the client sent (host or host:port), or null when absent
 */
public record RequestContext(String region, String host) {
  /** Region used when a request names none and nothing else was configured. */
  public static final String DEFAULT_REGION = ApiSettings.DEFAULT_REGION;

  public RequestContext {
    if (region == null || region.isEmpty()) {
      region = DEFAULT_REGION;
    }
  }

  public RequestContext(String region) {
    this(region, null);
  }
}
