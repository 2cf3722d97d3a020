/**
 * The DynamoDB operations: one handler class per group of operations ({@link
 * io.shoal.router.api.TablesApi}, {@link io.shoal.router.api.UpdateTableApi}, {@link io.shoal.router.api.TagsApi},
 * {@link io.shoal.router.api.AccountApi}, {@link io.shoal.router.api.ItemsApi}, {@link io.shoal.router.api.UpdateItemApi},
 * {@link io.shoal.router.api.QueryScanApi}, {@link io.shoal.router.api.BatchGetApi}, {@link
 * io.shoal.router.api.BatchWriteApi}, with {@link io.shoal.router.api.BatchRequests} for what the two batch
 * operations share), the request side of expressions shared by them ({@link
 * io.shoal.router.api.ExpressionRequests}: parameter-mixing rules, names/values, condition-failure replies), the
 * legacy parameters rewritten as expressions ({@link io.shoal.router.api.LegacyExpressions}, with the checks of
 * {@link io.shoal.router.api.LegacyConditions}, {@link io.shoal.router.api.LegacyExpected} and {@link
 * io.shoal.router.api.LegacyAttributeUpdates}), consumed capacity ({@link io.shoal.router.api.ConsumedCapacity},
 * per index {@link io.shoal.router.api.IndexWriteUnits}), secondary indexes (definitions and rules of CreateTable:
 * {@link io.shoal.router.api.IndexDefinitions}, {@link io.shoal.router.api.IndexRules}; descriptions: {@link
 * io.shoal.router.api.IndexDescriptions}; UpdateTable: {@link io.shoal.router.api.GsiUpdates}; Query/Scan with
 * IndexName: {@link io.shoal.router.api.IndexReads}; {@link io.shoal.router.api.ItemCollections}), what Query and
 * Scan share ({@link io.shoal.router.api.ReadPages}) and the single table from operation name to handler ({@link
 * io.shoal.router.api.Dispatcher}).
 *
 * <p>Handlers read a parsed JSON body, validate it in DynamoDB's order and with DynamoDB's texts, call
 * the {@link io.shoal.router.cluster.Cluster} and build the response JSON. They must not block (they run
 * on the HTTP event loop), must not touch Netty types, and must not call the cluster's mutating methods
 * for a request they reject.
 *
 * <p>DynamoDB checks a request in four stages, and each handler keeps that order so that a request with
 * several faults gets the error DynamoDB would give: (1) JSON types of every member
 * (SerializationException); (2) per-member constraints, all reported together as "N validation errors
 * detected" ({@link io.shoal.router.api.Constraints}); (3) cross-member rules, attribute values and expression
 * parsing ({@code io.shoal.core.expression}), first failure wins; (4) rules that need the table (ResourceNotFoundException, key schema). The order comes
 * from dynalite, whose validation pipeline was built by comparing answers with DynamoDB.
 */
package io.shoal.router.api;
