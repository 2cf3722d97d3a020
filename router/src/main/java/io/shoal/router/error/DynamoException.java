package io.shoal.router.error;

import io.shoal.proto.Item;
import java.util.Optional;

/**
 * An error as DynamoDB reports it: HTTP status, {@code __type}, message and, for a failed condition
 * that asked for it, the item.
 *
 * <p>Create instances only through the factories, which are named after the AWS error and know its
 * {@code __type} namespace and status. DynamoDB answers from three layers, and each names its errors in
 * its own namespace; the SDKs only look at the part after {@code #}, but tools and tests that compare
 * the raw body see the difference, so we send what DynamoDB sends:
 *
 * <ul>
 *   <li>the request front end ({@code com.amazon.coral.service#...}): SerializationException,
 *       UnknownOperationException, MissingAuthenticationTokenException, IncompleteSignatureException;
 *   <li>the input validator ({@code com.amazon.coral.validate#ValidationException});
 *   <li>the DynamoDB service itself ({@code com.amazonaws.dynamodb.v20120810#...}).
 * </ul>
 *
 * <p>Sources: a live DynamoDB response quoted in a client's test
 * ({@code {"__type":"com.amazon.coral.validate#ValidationException","message":"Supplied AttributeValue
 * has more than one datatypes set, ..."}}, from dynamodb.eu-central-1), the AWS developer guide's error
 * example ({@code com.amazonaws.dynamodb.v20120810#ResourceNotFoundException}), and dynalite's
 * index.js/validations, which were written by diffing against DynamoDB and note that
 * SerializationException alone spells its key "Message".
 */
public final class DynamoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final String CORAL_SERVICE = "com.amazon.coral.service#";
  static final String CORAL_VALIDATE = "com.amazon.coral.validate#";
  static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";

  /** DynamoDB's fixed text for a request without an Authorization header (dynalite index.js). */
  public static final String MISSING_AUTHENTICATION_TOKEN = "Request is missing Authentication Token";
  /** ConditionalCheckFailedException's fixed text (DynamoDB Local's ErrorFactory, dynalite db/index.js). */
  public static final String CONDITIONAL_REQUEST_FAILED = "The conditional request failed";

  private final int status;
  private final String type;
  private final String messageKey;
  private final transient Item item;

  private DynamoException(int status, String type, String message, String messageKey, Item item) {
    super(message, null, false, false); // no stack trace: these are answers, not bugs
    this.status = status;
    this.type = type;
    this.messageKey = messageKey;
    this.item = item;
  }

  private static DynamoException of(int status, String type, String message) {
    return new DynamoException(status, type, message, "message", null);
  }

  /** A request that breaks an input rule: HTTP 400. */
  public static DynamoException validation(String message) {
    return of(400, CORAL_VALIDATE + "ValidationException", message);
  }

  /**
   * A body that is not JSON, or a member of the wrong JSON type: HTTP 400. {@code message} may be null:
   * for a body that does not parse DynamoDB sends the type alone (dynalite index.js).
   */
  public static DynamoException serialization(String message) {
    return new DynamoException(400, CORAL_SERVICE + "SerializationException", message, "Message", null);
  }

  /** An X-Amz-Target the service does not know: HTTP 400. {@code message} may be null. */
  public static DynamoException unknownOperation(String message) {
    return of(400, CORAL_SERVICE + "UnknownOperationException", message);
  }

  /** No AWS4 Authorization header: HTTP 400 with DynamoDB's fixed text (dynalite index.js). */
  public static DynamoException missingAuthenticationToken() {
    return of(400, CORAL_SERVICE + "MissingAuthenticationTokenException", MISSING_AUTHENTICATION_TOKEN);
  }

  /** An AWS4 Authorization header that lacks required parts: HTTP 400. */
  public static DynamoException incompleteSignature(String message) {
    return of(400, CORAL_SERVICE + "IncompleteSignatureException", message);
  }

  /** A table that does not exist (or is not ACTIVE): HTTP 400. */
  public static DynamoException resourceNotFound(String message) {
    return of(400, DYNAMODB + "ResourceNotFoundException", message);
  }

  /** A table that exists already, or is busy: HTTP 400. */
  public static DynamoException resourceInUse(String message) {
    return of(400, DYNAMODB + "ResourceInUseException", message);
  }

  /**
   * A condition evaluated to false: HTTP 400. {@code item} (may be null) is the current item, returned
   * when the request set ReturnValuesOnConditionCheckFailure=ALL_OLD.
   */
  public static DynamoException conditionalCheckFailed(Item item) {
    return new DynamoException(
        400, DYNAMODB + "ConditionalCheckFailedException", CONDITIONAL_REQUEST_FAILED, "message", item);
  }

  /** A write would grow an item collection (tables with LSIs) past 10 GB: HTTP 400. */
  public static DynamoException itemCollectionSizeLimitExceeded(String message) {
    return of(400, DYNAMODB + "ItemCollectionSizeLimitExceededException", message);
  }

  /** Too many concurrent control-plane operations, or another account limit: HTTP 400. */
  public static DynamoException limitExceeded(String message) {
    return of(400, DYNAMODB + "LimitExceededException", message);
  }

  /** A fault on our side: HTTP 500; SDKs retry it. */
  public static DynamoException internalServerError(String message) {
    return of(500, DYNAMODB + "InternalServerError", message);
  }

  /**
   * The service cannot answer now (no leader, overloaded): HTTP 503; SDKs retry it. The {@code __type}
   * name follows the developer guide's error list; we could not confirm the wire form.
   */
  public static DynamoException serviceUnavailable(String message) {
    return of(503, DYNAMODB + "ServiceUnavailable", message);
  }

  public int status() {
    return status;
  }

  /** The full {@code __type}, for example {@code com.amazon.coral.validate#ValidationException}. */
  public String type() {
    return type;
  }

  /** The part of {@link #type()} after {@code #}, which is what SDKs call the error code. */
  public String code() {
    return type.substring(type.indexOf('#') + 1);
  }

  /** {@code "message"} or {@code "Message"}: DynamoDB's casing differs by error. */
  public String messageKey() {
    return messageKey;
  }

  public Optional<Item> item() {
    return Optional.ofNullable(item);
  }
}
