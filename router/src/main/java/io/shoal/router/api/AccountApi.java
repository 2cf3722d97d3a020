package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** DescribeLimits and DescribeEndpoints: answers about the service, not about a table; no cluster call. */
public final class AccountApi {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /**
   * DynamoDB's default quotas (developer guide, "Service, account, and table quotas": 80,000 read and write
   * capacity units per account, 40,000 per table, for provisioned tables). Shoal does not enforce capacity; it
   * reports the defaults so SDK helpers that read them keep working.
   */
  static final long ACCOUNT_MAX_UNITS = 80_000;
  static final long TABLE_MAX_UNITS = 40_000;
  /** DynamoDB returns a day (API reference, DescribeEndpoints; Endpoint.CachePeriodInMinutes). */
  static final long ENDPOINT_CACHE_MINUTES = 1440;

  private final ApiSettings settings;

  public AccountApi(ApiSettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  public CompletableFuture<ObjectNode> describeLimits(RequestContext ctx, ObjectNode body) {
    ObjectNode out = NODES.objectNode();
    out.put("AccountMaxReadCapacityUnits", ACCOUNT_MAX_UNITS);
    out.put("AccountMaxWriteCapacityUnits", ACCOUNT_MAX_UNITS);
    out.put("TableMaxReadCapacityUnits", TABLE_MAX_UNITS);
    out.put("TableMaxWriteCapacityUnits", TABLE_MAX_UNITS);
    return CompletableFuture.completedFuture(out);
  }

  /**
   * The address clients should use: the configured one, else the host the client reached this router by (so an SDK
   * doing endpoint discovery stays on the router it started with).
   */
  public CompletableFuture<ObjectNode> describeEndpoints(RequestContext ctx, ObjectNode body) {
    String address = settings.endpointAddress() != null ? settings.endpointAddress()
        : ctx.host() != null ? ctx.host() : "dynamodb." + ctx.region() + ".amazonaws.com";
    ObjectNode out = NODES.objectNode();
    out.putArray("Endpoints").addObject().put("Address", address).put("CachePeriodInMinutes", ENDPOINT_CACHE_MINUTES);
    return CompletableFuture.completedFuture(out);
  }
}
