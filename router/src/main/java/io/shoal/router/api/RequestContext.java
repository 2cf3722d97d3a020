package io.shoal.router.api;

/**
 * What a handler may know about the request beyond its body.
 *
 * @param region the region from the SigV4 credential scope (used in ARNs, as DynamoDB does)
 */
public record RequestContext(String region) {
  /** Region used when a request names none. */
  public static final String DEFAULT_REGION = "us-east-1";

  public RequestContext {
    if (region == null || region.isEmpty()) {
      region = DEFAULT_REGION;
    }
  }
}
