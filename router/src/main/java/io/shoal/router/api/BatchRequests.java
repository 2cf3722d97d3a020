package io.shoal.router.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.proto.TableInfo;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.error.DynamoException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What BatchGetItem and BatchWriteItem share: the table map, the duplicate-key text, and the rule that decides
 * which per-item failures become "unprocessed" instead of failing the batch.
 */
final class BatchRequests {
  /** DynamoDB Local's ErrorFactory DUPLICATE_ITEM_KEY; dynalite test/batchGetItem.js and test/batchWriteItem.js. */
  static final String DUPLICATE_KEYS = "Provided list of item keys contains duplicates";

  private BatchRequests() {}

  /** The RequestItems table names in request order (Jackson keeps the JSON object's order). */
  static List<String> tableNames(ObjectNode requestItems) {
    List<String> names = new ArrayList<>();
    if (requestItems != null) {
      for (Iterator<String> it = requestItems.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
    }
    return names;
  }

  /**
   * Per-table member constraints are reported in reverse table order: dynalite's checkValidations walks map
   * children with {@code Object.keys(data).reverse()}, matching the order DynamoDB listed them in its tests.
   */
  static List<String> reversed(List<String> names) {
    List<String> r = new ArrayList<>(names);
    Collections.reverse(r);
    return r;
  }

  /**
   * Looks up every table at once and fails with the first missing one in request order, so the answer does not
   * depend on which lookup finishes first.
   */
  static CompletableFuture<Map<String, TableInfo>> tables(Cluster cluster, List<String> names) {
    List<CompletableFuture<TableInfo>> lookups = new ArrayList<>();
    for (String name : names) {
      lookups.add(ItemsApi.table(cluster, name));
    }
    return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).handle((ignored, t) -> {
      Map<String, TableInfo> out = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), join(lookups.get(i)));
      }
      return out;
    });
  }

  /**
   * A per-item call that failed only because its partition could not be reached in time (GroupCaller's
   * ServiceUnavailable: no leader, node down, retry budget spent). DynamoDB reports such items as unprocessed
   * ("BatchGetItem returns a partial result if ... an internal processing failure occurs"); every other error
   * (a dropped table, a bug) still fails the whole request.
   */
  static boolean unavailable(Throwable t) {
    return unwrap(t) instanceof DynamoException d && d.code().equals("ServiceUnavailable");
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The value of a completed future, rethrowing its failure unwrapped. */
  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Outcome of one item's cluster call: done (with the value) or unprocessed (partition unavailable). */
  record Outcome<T>(T value, DynamoException unavailable) {
    boolean processed() {
      return unavailable == null;
    }
  }

  /**
   * Waits for every call and sorts the outcomes. Any failure other than "unavailable" fails the batch (the first in
   * request order). If no call at all could be processed, the batch fails with the first unavailable error
   * (HTTP 503, which SDKs retry): Shoal's counterpart of DynamoDB's rule that a batch in which nothing could be
   * processed fails with ProvisionedThroughputExceededException (API reference, BatchGetItem/BatchWriteItem).
   */
  static <T> CompletableFuture<List<Outcome<T>>> settle(List<CompletableFuture<T>> calls) {
    List<CompletableFuture<Outcome<T>>> outcomes = new ArrayList<>();
    for (CompletableFuture<T> call : calls) {
      outcomes.add(call.handle((v, t) -> {
        if (t == null) {
          return new Outcome<>(v, null);
        }
        if (unavailable(t)) {
          return new Outcome<>(null, (DynamoException) unwrap(t));
        }
        throw t instanceof CompletionException c ? c : new CompletionException(t);
      }));
    }
    return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).handle((ignored, t) -> {
      List<Outcome<T>> out = new ArrayList<>();
      for (CompletableFuture<Outcome<T>> o : outcomes) {
        out.add(join(o));
      }
      if (!out.isEmpty() && out.stream().noneMatch(Outcome::processed)) {
        throw out.get(0).unavailable();
      }
      return out;
    });
  }
}
