package io.shoal.chaos;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The AWS SDK for Java v2 client the drills use, pointed at the local cluster's DynamoDB endpoint. */
final class Clients {
  private Clients() {}

  /**
   * @param sdkRetries false turns the SDK's own retries off, so a drill sees exactly which requests the cluster
   *     acknowledged
   */
  static DynamoDbClient dynamo(boolean sdkRetries) {
    ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder();
    if (!sdkRetries) {
      config.retryPolicy(p -> p.numRetries(0));
    }
    return DynamoDbClient.builder().endpointOverride(URI.create(ShoalProcesses.ENDPOINT)).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("shoal", "shoal")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .overrideConfiguration(config.build()).build();
  }
}
