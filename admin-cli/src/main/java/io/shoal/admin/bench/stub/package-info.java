/**
 * The stub DynamoDB endpoint: answers every request at once with a pre-built response, so that the load generator's
 * own ceiling can be measured beside every result. Test fixture and {@code shoal bench stub}; binds loopback only.
 */
package io.shoal.admin.bench.stub;
