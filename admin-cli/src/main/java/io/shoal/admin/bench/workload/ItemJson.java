package io.shoal.admin.bench.workload;

import java.util.SplittableRandom;

/**
 * The items the bench writes, as DynamoDB JSON, sized by DynamoDB's rule (attribute name bytes plus value bytes;
 * a number counts about one byte per two digits plus one). The payload attribute {@code v} is filler of letters and
 * digits drawn once from the seed: never a quote, backslash or {@code #}, so it needs no escaping and cannot be
 * mistaken for a key slot.
 */
public final class ItemJson {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  /** The smallest item size the bench accepts (one byte of filler at least, with room for a sort key). */
  public static final int MIN_ITEM_SIZE = 24;

  private final String filler;
  private final int itemSize;

  public ItemJson(int itemSize, long seed) {
    if (itemSize < MIN_ITEM_SIZE) {
      throw new IllegalArgumentException("item size must be at least " + MIN_ITEM_SIZE + " bytes, got " + itemSize);
    }
    this.itemSize = itemSize;
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder(itemSize);
    for (int i = 0; i < itemSize; i++) {
      b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    filler = b.toString();
  }

  /** A key-value item (table {@code pk} S) whose key is {@code key}, e.g. {@link RequestTemplate#SLOT} prefixed. */
  public String kv(String key) {
    return "{\"pk\":{\"S\":\"" + key + "\"},\"v\":{\"S\":\"" + filler.substring(0, itemSize - 2 - key.length() - 1)
        + "\"}}";
  }

  /** An item of the query table (pk S, sk N). */
  public String sorted(String partition, int sortKey) {
    String sk = Integer.toString(sortKey);
    int rest = itemSize - 2 - partition.length() - 2 - numberSize(sk) - 1;
    return "{\"pk\":{\"S\":\"" + partition + "\"},\"sk\":{\"N\":\"" + sk + "\"},\"v\":{\"S\":\""
        + filler.substring(0, Math.max(1, rest)) + "\"}}";
  }

  /** DynamoDB's size of a number attribute value: one byte per two significant digits, plus one. */
  static int numberSize(String digits) {
    String significant = digits.replaceFirst("^0+(?=.)", "");
    return (significant.length() + 1) / 2 + 1;
  }
}
