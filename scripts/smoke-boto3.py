#!/usr/bin/env python3
"""boto3 smoke test against a DynamoDB-compatible endpoint (default http://127.0.0.1:8000).

Creates a uniquely named table, exercises put/get/update/delete, query, scan pagination, batch write/get and a
conditional failure, then deletes the table. Prints "boto3 smoke: N passed, M failed"; exits 1 on any failure.
"""
import sys
import time
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id="smoke", aws_secret_access_key="smoke",
                      config=Config(retries={"max_attempts": 1}, connect_timeout=10, read_timeout=60))
table = "smoke-boto3-" + uuid.uuid4().hex[:8]
passed, failed = 0, 0


def check(name, fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok   {name}")
    except Exception as e:  # noqa: BLE001 - report every failure and go on
        failed += 1
        print(f"FAIL {name}: {e!r}")


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def create_table():
    client.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                              {"AttributeName": "sk", "AttributeType": "N"}],
                        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                   {"AttributeName": "sk", "KeyType": "RANGE"}])
    deadline = time.time() + 60
    while client.describe_table(TableName=table)["Table"]["TableStatus"] != "ACTIVE":
        expect(time.time() < deadline, "table not ACTIVE after 60 s")
        time.sleep(0.1)


def put_get():
    client.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "hello"}})
    item = client.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, ConsistentRead=True)["Item"]
    expect(item == {"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "hello"}}, f"got {item}")


def update():
    r = client.update_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
                           UpdateExpression="SET n = if_not_exists(n, :z) + :one",
                           ExpressionAttributeValues={":z": {"N": "0"}, ":one": {"N": "1"}}, ReturnValues="UPDATED_NEW")
    expect(r["Attributes"] == {"n": {"N": "1"}}, f"got {r.get('Attributes')}")


def conditional_failure():
    try:
        client.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"N": "1"}},
                        ConditionExpression="attribute_not_exists(pk)")
    except ClientError as e:
        code = e.response["Error"]["Code"]
        expect(code == "ConditionalCheckFailedException", f"code {code}")
        expect(e.response["Error"]["Message"] == "The conditional request failed", e.response["Error"]["Message"])
        return
    raise AssertionError("conditional put succeeded")


def delete():
    r = client.delete_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, ReturnValues="ALL_OLD")
    expect(r["Attributes"]["n"] == {"N": "1"}, f"got {r.get('Attributes')}")
    expect("Item" not in client.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}},
                                         ConsistentRead=True), "item still there")


def batch_write_get():
    requests = [{"PutRequest": {"Item": {"pk": {"S": "q"}, "sk": {"N": str(i)}}}} for i in range(25)]
    r = client.batch_write_item(RequestItems={table: requests})
    expect(not r.get("UnprocessedItems"), f"unprocessed {r.get('UnprocessedItems')}")
    keys = [{"pk": {"S": "q"}, "sk": {"N": str(i)}} for i in range(0, 25, 5)]
    got = client.batch_get_item(RequestItems={table: {"Keys": keys, "ConsistentRead": True}})
    expect(len(got["Responses"][table]) == 5, f"got {len(got['Responses'][table])} items")
    expect(not got.get("UnprocessedKeys"), f"unprocessed {got.get('UnprocessedKeys')}")


def put_many():
    for i in range(25):
        client.put_item(TableName=table, Item={"pk": {"S": "q"}, "sk": {"N": str(i)}})


def query():
    r = client.query(TableName=table, KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
                     ExpressionAttributeValues={":p": {"S": "q"}, ":a": {"N": "3"}, ":b": {"N": "6"}},
                     ScanIndexForward=False, ConsistentRead=True)
    expect([i["sk"]["N"] for i in r["Items"]] == ["6", "5", "4", "3"], f"got {r['Items']}")


def scan_pages():
    seen, pages, start = [], 0, None
    while True:
        kw = {"TableName": table, "Limit": 7, "ConsistentRead": True}
        if start:
            kw["ExclusiveStartKey"] = start
        r = client.scan(**kw)
        seen += [i["sk"]["N"] for i in r["Items"]]
        pages += 1
        start = r.get("LastEvaluatedKey")
        if not start:
            break
    expect(sorted(seen, key=int) == [str(i) for i in range(25)], f"got {seen}")
    expect(pages >= 4, f"only {pages} pages")
    paginator = client.get_paginator("scan")
    total = sum(p["Count"] for p in paginator.paginate(TableName=table, PaginationConfig={"PageSize": 10}))
    expect(total == 25, f"paginator counted {total}")


def delete_table():
    client.delete_table(TableName=table)


check("create table", create_table)
check("put and get", put_get)
check("update with ReturnValues", update)
check("conditional failure", conditional_failure)
check("delete with ReturnValues", delete)
check("batch write and get", batch_write_get)
check("put 25 items", put_many)
check("query descending", query)
check("scan pagination", scan_pages)
check("delete table", delete_table)

print(f"boto3 smoke: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
