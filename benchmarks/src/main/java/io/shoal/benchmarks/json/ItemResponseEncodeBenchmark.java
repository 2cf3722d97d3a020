package io.shoal.benchmarks.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shoal.benchmarks.SampleItems;
import io.shoal.proto.Item;
import io.shoal.router.api.QueryResponses;
import io.shoal.router.cluster.Cluster;
import io.shoal.router.json.AttributeJson;
import io.shoal.router.json.ItemJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Items back to response bytes: a GetItem response (one 1 KB item) and a Query page of 20 such items with its
 * LastEvaluatedKey ({@code ReadPages.response}, as QueryScanApi builds it), each serialised by the front end's mapper.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ItemResponseEncodeBenchmark {
  /** Powers of two: the index wraps with a mask. */
  static final int ITEMS = 16;
  static final int PAGE_SIZE = 20;
  static final int PAGES = 4;

  public Item[] items;
  public Cluster.Page[] pages;
  public int next;

  @Setup
  public void setup() {
    items = new Item[ITEMS];
    for (int i = 0; i < ITEMS; i++) {
      items[i] = SampleItems.item(i);
    }
    pages = new Cluster.Page[PAGES];
    for (int p = 0; p < PAGES; p++) {
      List<Item> page = new ArrayList<>();
      for (int i = 0; i < PAGE_SIZE; i++) {
        page.add(SampleItems.item(1000 * p + i));
      }
      // A page cut by Limit: it ends with the last item's key.
      pages[p] = new Cluster.Page(page, Optional.of(SampleItems.key(page.get(PAGE_SIZE - 1))));
    }
  }

  /** GetItem: {"Item": ...} as ItemsApi.getItem builds it (the item streamed by ItemJson), to bytes. */
  @Benchmark
  public byte[] getItemResponse() throws JsonProcessingException {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("Item", ItemJson.node(items[next++ & (ITEMS - 1)]));
    return ApiJson.MAPPER.writeValueAsBytes(out);
  }

  /** The same with the item as a Jackson tree, as GetItem was built before ItemJson: the comparison. */
  @Benchmark
  public byte[] getItemResponseTree() throws JsonProcessingException {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("Item", AttributeJson.itemToJson(items[next++ & (ITEMS - 1)]));
    return ApiJson.MAPPER.writeValueAsBytes(out);
  }

  /** Query: a page of 20 items to bytes. */
  @Benchmark
  public byte[] queryResponse20() throws JsonProcessingException {
    return ApiJson.MAPPER.writeValueAsBytes(QueryResponses.page(pages[next++ & (PAGES - 1)]));
  }

  /** The same page with every item as a Jackson tree, as before ItemJson: the comparison. */
  @Benchmark
  public byte[] queryResponse20Tree() throws JsonProcessingException {
    Cluster.Page page = pages[next++ & (PAGES - 1)];
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    var array = out.putArray("Items");
    for (Item item : page.items()) {
      array.add(AttributeJson.itemToJson(item));
    }
    out.put("Count", page.items().size());
    out.put("ScannedCount", page.items().size());
    page.lastEvaluatedKey().ifPresent(k -> out.set("LastEvaluatedKey", AttributeJson.attributesToJson(k)));
    return ApiJson.MAPPER.writeValueAsBytes(out);
  }

  /** The item to a JSON tree only: Shoal's own part of a GetItem response, without Jackson's writing. */
  @Benchmark
  public ObjectNode itemToTree() {
    return AttributeJson.itemToJson(items[next++ & (ITEMS - 1)]);
  }
}
