/**
 * The load generator's engine: N keep-alive HTTP/1.1 connections on a Netty event loop, each with one request
 * outstanding, timing every request from write to fully read response and judging it (ok, condition failed, error by
 * type). It knows nothing of workloads beyond {@link io.shoal.admin.bench.load.RequestSource}, and owns the endpoint
 * guard: no code path sends load to an address the guard refused.
 */
package io.shoal.admin.bench.load;
