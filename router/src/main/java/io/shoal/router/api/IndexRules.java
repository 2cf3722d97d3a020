package io.shoal.router.api;

import io.shoal.core.catalog.IndexAlterations;
import io.shoal.proto.IndexInfo;
import io.shoal.proto.KeyAttribute;
import io.shoal.router.api.IndexDefinitions.Requested;
import io.shoal.router.error.DynamoException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CreateTable's cross-member rules for secondary indexes, in the order of dynalite validations/createTable.js
 * custom() (written against DynamoDB), with the rules DynamoDB added since: INCLUDE needs NonKeyAttributes, no
 * duplicate NonKeyAttributes, GSI throughput present exactly when the table is PROVISIONED, every attribute
 * definition used by some key, at most 100 projected non-key attributes over all indexes. Texts of those are
 * quoted from live DynamoDB answers in reimplementations' tests and error catalogues (moto test_dynamodb,
 * aws-controllers-k8s DynamoDB findings DDB-TABLE-126..129).
 *
 * <p>DynamoDB also accepts GSI key schemas of up to four HASH and four RANGE attributes (multi-attribute keys);
 * Shoal's indexes have one of each at most, so longer key schemas fail the length-2 member constraint.
 */
final class IndexRules {
  static final String INVALID = "One or more parameter values were invalid: ";
  /** Projected non-key attributes summed over all of a table's indexes (developer guide, quotas). */
  static final int MAX_PROJECTED_NON_KEY = 100;

  private IndexRules() {}

  /**
   * Checks the indexes of a CreateTable whose table key schema already passed, and returns them as IndexInfos
   * (LSIs first, then GSIs, each in request order). {@code lsis}/{@code gsis} are null when absent.
   */
  static List<IndexInfo> check(List<KeyAttribute> definitions, List<String> tableKeys, List<Requested> lsis,
      List<Requested> gsis, boolean onDemand) {
    List<String> defNames = definitions.stream().map(KeyAttribute::getName).toList();
    if (lsis != null) {
      if (lsis.isEmpty()) {
        throw DynamoException.validation(INVALID + "List of LocalSecondaryIndexes is empty");
      }
      if (tableKeys.size() != 2) {
        throw DynamoException.validation(INVALID + "Table KeySchema does not have a range key, which is required"
            + " when specifying a LocalSecondaryIndex");
      }
    }
    if (gsis != null && gsis.isEmpty()) {
      throw DynamoException.validation(INVALID + "List of GlobalSecondaryIndexes is empty");
    }
    List<Requested> all = new ArrayList<>();
    if (lsis != null) {
      all.addAll(lsis);
    }
    if (gsis != null) {
      all.addAll(gsis);
    }
    for (Requested r : all) {
      checkDefined(r, defNames);
    }
    Set<String> names = new HashSet<>();
    int projected = 0;
    if (lsis != null) {
      for (Requested r : lsis) {
        checkKeySchema(r);
        List<String> keys = r.keyNames();
        if (keys.size() != 2) {
          throw DynamoException.validation(INVALID + "Index KeySchema does not have a range key for index: "
              + r.name());
        }
        if (!keys.get(0).equals(tableKeys.get(0))) {
          throw DynamoException.validation(INVALID + "Index KeySchema does not have the same leading hash key as"
              + " table KeySchema for index: " + r.name() + ". index hash key: " + keys.get(0)
              + ", table hash key: " + tableKeys.get(0));
        }
        checkProjection(r);
        checkName(r, names);
        projected += r.nonKeyAttributes() == null ? 0 : r.nonKeyAttributes().size();
      }
      if (lsis.size() > IndexAlterations.MAX_LOCAL) {
        throw DynamoException.validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of "
            + IndexAlterations.MAX_LOCAL);
      }
    }
    if (gsis != null) {
      for (Requested r : gsis) {
        checkKeySchema(r);
        checkProjection(r);
        if (onDemand && r.throughput() != null) {
          throw DynamoException.validation(INVALID + "ProvisionedThroughput should not be specified for index: "
              + r.name() + " when BillingMode is PAY_PER_REQUEST");
        }
        if (!onDemand && r.throughput() == null) {
          throw DynamoException.validation(INVALID + "ProvisionedThroughput is not specified for index: "
              + r.name());
        }
        checkName(r, names);
        projected += r.nonKeyAttributes() == null ? 0 : r.nonKeyAttributes().size();
      }
      if (gsis.size() > IndexAlterations.MAX_GLOBAL) {
        throw DynamoException.validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of "
            + IndexAlterations.MAX_GLOBAL);
      }
    }
    // After the per-index rules, as dynalite (written against DynamoDB) orders them: a request with an unused
    // definition and a bad index gets the index's error.
    checkAllUsed(defNames, tableKeys, all);
    checkProjectedTotal(projected);
    List<IndexInfo> out = new ArrayList<>();
    all.forEach(r -> out.add(IndexDefinitions.toInfo(r, definitions)));
    return out;
  }

  /** The index's key attributes must all be defined (text as for the table's keys). */
  static void checkDefined(Requested r, List<String> defNames) {
    checkDefined(r, defNames, defNames);
  }

  /** As above, where {@code known} (a superset of the request's {@code defNames}) may define the keys. */
  static void checkDefined(Requested r, List<String> defNames, List<String> known) {
    List<String> keys = r.keyNames();
    if (!known.containsAll(keys)) {
      throw DynamoException.validation(INVALID + "Some index key attributes are not defined in"
          + " AttributeDefinitions. Keys: [" + String.join(", ", keys) + "], AttributeDefinitions: ["
          + String.join(", ", defNames) + "]");
    }
  }

  /** Every attribute definition must be a key of the table or of an index (moto's aws-verified text). */
  private static void checkAllUsed(List<String> defNames, List<String> tableKeys, List<Requested> indexes) {
    Set<String> used = new LinkedHashSet<>(tableKeys);
    indexes.forEach(r -> used.addAll(r.keyNames()));
    if (!used.containsAll(defNames)) {
      throw DynamoException.validation(INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: ["
          + String.join(", ", defNames) + "], keys used: [" + String.join(", ", used) + "]");
    }
  }

  /** Key schema order and names, with the table's texts (dynalite custom(), per index). */
  static void checkKeySchema(Requested r) {
    List<String> keys = r.keyNames();
    if (keys.size() == 2 && keys.get(0).equals(keys.get(1))) {
      throw DynamoException.validation(
          "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
    if (!"HASH".equals(r.keyType(0))) {
      throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    if (keys.size() == 2 && !"RANGE".equals(r.keyType(1))) {
      throw DynamoException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
  }

  static void checkProjection(Requested r) {
    String type = r.projectionType();
    if (type == null) {
      throw DynamoException.validation(INVALID + "Unknown ProjectionType: null");
    }
    List<String> nonKey = r.nonKeyAttributes();
    if (nonKey != null && !type.equals("INCLUDE")) {
      throw DynamoException.validation(INVALID + "ProjectionType is " + type + ", but NonKeyAttributes is specified");
    }
    if (nonKey == null && type.equals("INCLUDE")) {
      throw DynamoException.validation(INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
    }
    if (nonKey != null) {
      Set<String> seen = new HashSet<>();
      for (String n : nonKey) {
        if (!seen.add(n)) {
          throw DynamoException.validation(INVALID + "Duplicate element in NonKeyAttributes: " + n);
        }
      }
    }
  }

  private static void checkName(Requested r, Set<String> names) {
    if (!names.add(r.name())) {
      throw DynamoException.validation(INVALID + "Duplicate index name: " + r.name());
    }
  }

  /**
   * Not verified against DynamoDB: the text for more than 100 projected non-key attributes over all indexes; we
   * have found no recorded DynamoDB answer, so it follows the limit's wording in the developer guide.
   */
  static void checkProjectedTotal(int projected) {
    if (projected > MAX_PROJECTED_NON_KEY) {
      throw DynamoException.validation(INVALID + "The number of projected non-key attributes over all secondary"
          + " indexes of a table exceeds the limit of " + MAX_PROJECTED_NON_KEY);
    }
  }
}
