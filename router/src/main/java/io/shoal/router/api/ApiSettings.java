package io.shoal.router.api;

import java.util.Objects;

/**
 * What the DynamoDB API layer is configured with beyond the cluster: the identity Shoal answers as. Passed through
 * constructors (never a static), so tests can run routers with different settings side by side.
 *
 * @param region region used when a request is not signed (signed requests use their credential scope's region, as
 *     DynamoDB Local does); appears in table ARNs
 * @param accountId the account id in table ARNs; Shoal has no AWS accounts, DynamoDB Local uses all zeros
 * @param endpointAddress what DescribeEndpoints reports; null = the host the client connected to (Host header)
 */
public record ApiSettings(String region, String accountId, String endpointAddress) {
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT_ID = "000000000000";

  public ApiSettings {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    if (!region.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException("--region must be lowercase letters, digits and dashes, e.g. us-east-1");
    }
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("--account-id must be 12 digits, e.g. 000000000000");
    }
  }

  public static ApiSettings defaults() {
    return new ApiSettings(DEFAULT_REGION, DEFAULT_ACCOUNT_ID, null);
  }

  /** The table's ARN in {@code region}. */
  public String tableArn(String region, String tableName) {
    return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
  }
}
