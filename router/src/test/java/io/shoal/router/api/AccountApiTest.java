package io.shoal.router.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.router.testing.FakeCluster;
import org.junit.jupiter.api.Test;

/** DescribeEndpoints' address and the router identity settings (the golden files pin a configured address). */
class AccountApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String address(ApiSettings settings, RequestContext ctx) throws Exception {
    ObjectNode out = Dispatcher.forCluster(new FakeCluster(), settings).resolve("DynamoDB_20120810.DescribeEndpoints")
        .handle(ctx, JSON.createObjectNode()).get();
    assertThat(out.get("Endpoints").get(0).get("CachePeriodInMinutes").asLong()).isEqualTo(1440);
    return out.get("Endpoints").get(0).get("Address").asText();
  }

  @Test
  void endpointIsTheHostTheClientUsedUnlessConfigured() throws Exception {
    assertThat(address(ApiSettings.defaults(), new RequestContext("eu-west-1", "shoal.internal:8000")))
        .isEqualTo("shoal.internal:8000");
    assertThat(address(new ApiSettings("us-east-1", "000000000000", "db.example.com"),
        new RequestContext("eu-west-1", "shoal.internal:8000"))).isEqualTo("db.example.com");
  }

  @Test
  void unsignedRequestsUseTheConfiguredRegionAndArnsTheConfiguredAccount() {
    ApiSettings s = new ApiSettings("ap-south-1", "123456789012", null);
    Dispatcher d = Dispatcher.forCluster(new FakeCluster(), s);
    assertThat(d.context(null, null).region()).isEqualTo("ap-south-1");
    assertThat(d.context("eu-west-3", null).region()).as("a signed request's scope wins").isEqualTo("eu-west-3");
    assertThat(s.tableArn("ap-south-1", "t")).isEqualTo("arn:aws:dynamodb:ap-south-1:123456789012:table/t");
    assertThatThrownBy(() -> new ApiSettings("us-east-1", "12", null)).hasMessageContaining("--account-id");
    assertThatThrownBy(() -> new ApiSettings("US East", "000000000000", null)).hasMessageContaining("--region");
  }
}
