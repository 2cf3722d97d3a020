package io.shoal.router.http;

import io.shoal.router.error.DynamoException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads an AWS Signature Version 4 {@code Authorization} header without verifying the signature, as
 * DynamoDB Local does: Shoal has no AWS credentials to check against, but a request that no SDK could
 * have produced is still refused with DynamoDB's error, so misconfigured clients fail the same way they
 * would against DynamoDB.
 *
 * <p>Order of checks and texts: dynalite index.js, which quotes DynamoDB's answers for each case.
 */
final class SigV4Header {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private SigV4Header() {}

  /**
   * Returns the region of the credential scope.
   *
   * @param authorization the Authorization header, or null
   * @param date the X-Amz-Date header, else the Date header, or null
   */
  static String region(String authorization, String date) {
    if (authorization == null || !authorization.trim().startsWith("AWS4-")) {
      throw DynamoException.missingAuthenticationToken();
    }
    String auth = authorization.trim();
    int space = auth.indexOf(' ');
    String algorithm = space < 0 ? auth : auth.substring(0, space);
    Map<String, String> params = new HashMap<>();
    if (space >= 0) {
      for (String part : auth.substring(space + 1).replace(" ", "").split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          params.put(part.substring(0, eq), part.substring(eq + 1));
        }
      }
    }
    StringBuilder missing = new StringBuilder();
    for (String name : new String[] {"Credential", "Signature", "SignedHeaders"}) {
      String v = params.get(name);
      if (v == null || v.isEmpty()) {
        missing.append("Authorization header requires '").append(name).append("' parameter. ");
      }
    }
    if (date == null || date.isEmpty()) {
      missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if (missing.length() > 0) {
      throw DynamoException.incompleteSignature(missing + "Authorization=" + authorization);
    }
    if (!ALGORITHM.equals(algorithm)) {
      throw DynamoException.incompleteSignature(
          "Unsupported AWS 'algorithm': '" + algorithm + "' (only AWS4-HMAC-SHA256 for now). ");
    }
    String credential = params.get("Credential");
    int end = credential.length();
    while (end > 0 && credential.charAt(end - 1) == '/') {
      end--; // DynamoDB ignores trailing slashes
    }
    String trimmed = credential.substring(0, end);
    String[] scope = trimmed.split("/", -1);
    if (scope.length != 5) {
      throw DynamoException.incompleteSignature("Credential must have exactly 5 slash-delimited elements,"
          + " e.g. keyid/date/region/service/term, got '" + trimmed + "'");
    }
    return scope[2];
  }
}
