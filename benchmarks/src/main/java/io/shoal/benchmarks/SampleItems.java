package io.shoal.benchmarks;

import com.google.protobuf.ByteString;
import io.shoal.core.number.DynamoNumber;
import io.shoal.proto.AttributeList;
import io.shoal.proto.AttributeMap;
import io.shoal.proto.AttributeValue;
import io.shoal.proto.Item;
import io.shoal.proto.KeyAttribute;
import io.shoal.proto.ScalarType;
import io.shoal.proto.StringSet;
import io.shoal.proto.TableInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The data every benchmark works on: a user-profile table ({@code pk} S, {@code sk} N) whose items are about 1 KB
 * (DynamoDB's item size rule) and use S, N, B, BOOL, SS, L and M, nested two levels deep.
 *
 * <p>Item {@code i} is the same on every run (seeded by {@code i}) and differs from item {@code i + 1} in every
 * attribute, so a benchmark cycling through a few of them cannot be folded into a constant.
 */
public final class SampleItems {
  public static final String HASH_KEY = "pk";
  public static final String RANGE_KEY = "sk";
  public static final long TABLE_ID = 17;
  /** Top-level attributes of every sample item. */
  public static final int ATTRIBUTE_COUNT = 16;

  public static final TableInfo TABLE = TableInfo.newBuilder().setName("profiles").setId(TABLE_ID)
      .setHashKey(KeyAttribute.newBuilder().setName(HASH_KEY).setType(ScalarType.S))
      .setRangeKey(KeyAttribute.newBuilder().setName(RANGE_KEY).setType(ScalarType.N))
      .setStatus(TableInfo.Status.ACTIVE).build();

  private static final String[] WORDS = {"harbor", "quartz", "meadow", "lantern", "copper", "violet", "glacier",
      "orbit", "pepper", "saffron", "tundra", "willow", "ember", "falcon", "juniper", "marble"};
  private static final String[] CITIES = {"Lisbon", "Osaka", "Nairobi", "Quito", "Tallinn", "Perth", "Oslo"};
  private static final String[] ROLES = {"admin", "editor", "billing", "support", "auditor"};

  private SampleItems() {}

  /** Item {@code i}: about 1 KB, every attribute derived from {@code i}. */
  public static Item item(int i) {
    Random r = new Random(i);
    Map<String, AttributeValue> a = new LinkedHashMap<>();
    a.put(HASH_KEY, s(String.format("user#%06d", i)));
    a.put(RANGE_KEY, n(Long.toString(1_700_000_000_000L + 7_919L * i)));
    a.put("name", s(capital(word(r)) + " " + capital(word(r))));
    a.put("email", s(word(r) + "." + word(r) + i + "@example.com"));
    a.put("age", n(Integer.toString(18 + r.nextInt(60))));
    a.put("balance", n((r.nextInt(1_000_000) + 1) + "." + (10 + r.nextInt(90))));
    a.put("active", AttributeValue.newBuilder().setBool(r.nextBoolean()).build());
    a.put("status", s("active"));
    a.put("visits", n(Integer.toString(r.nextInt(10_000))));
    byte[] avatar = new byte[96];
    r.nextBytes(avatar);
    a.put("avatar", AttributeValue.newBuilder().setB(ByteString.copyFrom(avatar)).build());
    // Always "viewer" plus two others, so ConditionExpressionBenchmark's contains() holds for every item.
    a.put("roles", AttributeValue.newBuilder().setSs(StringSet.newBuilder().addValues("viewer")
        .addValues(ROLES[i % ROLES.length]).addValues(ROLES[(i + 2) % ROLES.length])).build());
    AttributeList.Builder tags = AttributeList.newBuilder();
    for (int t = 0; t < 4; t++) {
      tags.addValues(s(word(r)));
    }
    a.put("tags", AttributeValue.newBuilder().setL(tags).build());
    AttributeList.Builder scores = AttributeList.newBuilder();
    for (int k = 0; k < 8; k++) {
      scores.addValues(n(r.nextInt(100) + "." + r.nextInt(10)));
    }
    a.put("scores", AttributeValue.newBuilder().setL(scores).build());
    a.put("address", m(Map.of(
        "street", s((1 + r.nextInt(400)) + " " + capital(word(r)) + " Street"),
        "city", s(CITIES[r.nextInt(CITIES.length)]),
        "zip", s(String.format("%05d", r.nextInt(100_000))),
        "geo", m(Map.of("lat", n(coordinate(r, 90)), "lon", n(coordinate(r, 180)))))));
    a.put("prefs", m(Map.of(
        "newsletter", AttributeValue.newBuilder().setBool(r.nextBoolean()).build(),
        "theme", s(r.nextBoolean() ? "dark" : "light"),
        "pageSize", n(Integer.toString(10 * (1 + r.nextInt(10)))),
        "lang", s(r.nextBoolean() ? "en-GB" : "pt-PT"))));
    StringBuilder bio = new StringBuilder();
    while (bio.length() < 580) {
      bio.append(word(r)).append(' ');
    }
    a.put("bio", s(bio.toString().trim()));
    return Item.newBuilder().putAllAttributes(a).build();
  }

  /** The primary key attributes of an item. */
  public static Map<String, AttributeValue> key(Item item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(HASH_KEY, item.getAttributesOrThrow(HASH_KEY));
    key.put(RANGE_KEY, item.getAttributesOrThrow(RANGE_KEY));
    return key;
  }

  public static AttributeValue s(String v) {
    return AttributeValue.newBuilder().setS(v).build();
  }

  /** A number as stored: canonical text (what the router's JSON decoding produces). */
  public static AttributeValue n(String v) {
    return AttributeValue.newBuilder().setN(DynamoNumber.canonical(DynamoNumber.parse(v))).build();
  }

  private static AttributeValue m(Map<String, AttributeValue> values) {
    return AttributeValue.newBuilder().setM(AttributeMap.newBuilder().putAllValues(values)).build();
  }

  private static String word(Random r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  private static String capital(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }

  /** A number in (-limit, limit) with four decimals. */
  private static String coordinate(Random r, int limit) {
    return (r.nextBoolean() ? "-" : "") + r.nextInt(limit) + "." + String.format("%03d", r.nextInt(1000))
        + (1 + r.nextInt(9));
  }
}
