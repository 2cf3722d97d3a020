package io.shoal.benchmarks.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON mapper of the router's HTTP front end. */
final class ApiJson {
  /**
   * Configured as {@code io.shoal.router.http.ApiRequestHandler}'s (private there): it reads every request body
   * and writes every response body.
   */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ApiJson() {}
}
