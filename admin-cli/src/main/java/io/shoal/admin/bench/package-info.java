/**
 * {@code shoal bench}: load generators that measure a running cluster through the DynamoDB API and print what they
 * measured (HdrHistogram percentiles). {@code run} is the closed-loop load generator (its parts: {@code load} the
 * Netty client, {@code workload} what it sends, {@code stub} the endpoint that measures the generator itself,
 * {@code report} what it prints); {@code gsi-lag} measures index visibility. Everything is bounded in time and
 * operation count, and only loopback or private benchmark addresses are accepted as endpoints.
 */
package io.shoal.admin.bench;
