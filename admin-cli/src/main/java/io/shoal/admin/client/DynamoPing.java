package io.shoal.admin.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A DynamoDB {@code ListTables} call, as an SDK would send it: proof that the router serves. */
public final class DynamoPing {

  public static final String TARGET = "DynamoDB_20120810.ListTables";
  public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  /** Well-formed SigV4 header with a dummy signature; Shoal's router accepts the "shoal" key. */
  public static final String AUTHORIZATION = "AWS4-HMAC-SHA256 "
      + "Credential=shoal/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0";
  /**
   * The request time SigV4 requires next to the Authorization header (DynamoDB, and the router,
   * refuse a signature without X-Amz-Date or Date); same day as the credential scope.
   */
  public static final String AMZ_DATE = "20260101T000000Z";

  private DynamoPing() {}

  public static HttpRequest listTablesRequest(URI endpoint, Duration timeout) {
    return HttpRequest.newBuilder(endpoint.resolve("/"))
        .timeout(timeout)
        .header("X-Amz-Target", TARGET)
        .header("Content-Type", CONTENT_TYPE)
        .header("Authorization", AUTHORIZATION)
        .header("X-Amz-Date", AMZ_DATE)
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build();
  }

  /** The HTTP status of a ListTables call. */
  public static int listTables(HttpClient client, URI endpoint, Duration timeout)
      throws IOException, InterruptedException {
    return client.send(listTablesRequest(endpoint, timeout), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** Whether a ListTables call answers 200 within the timeout; never throws for network errors. */
  public static boolean serves(HttpClient client, URI endpoint, Duration timeout)
      throws InterruptedException {
    try {
      return listTables(client, endpoint, timeout) == 200;
    } catch (IOException e) {
      return false;
    }
  }

  public static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder().connectTimeout(connectTimeout).build();
  }
}
