/**
 * The node's operator HTTP endpoint ({@code --http-port}): {@code GET /metrics}, {@code /health}, {@code /ready}.
 * Transport only: it renders what {@code io.shoal.node.metrics} and {@code io.shoal.node.health} compute.
 */
package io.shoal.node.http;
