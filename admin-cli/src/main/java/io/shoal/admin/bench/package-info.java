/**
 * {@code shoal bench}: load generators that measure a running cluster through the DynamoDB API and print what they
 * measured (HdrHistogram percentiles). Bounded in time and operation count; loopback endpoints by default.
 */
package io.shoal.admin.bench;
