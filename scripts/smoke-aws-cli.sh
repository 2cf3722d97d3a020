#!/usr/bin/env bash
# The README's aws CLI example against a running Shoal; fails on any unexpected answer.
set -euo pipefail
endpoint="${1:-http://127.0.0.1:8000}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-shoal}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-shoal}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
ddb() { aws dynamodb --endpoint-url "$endpoint" --output json "$@"; }
table="smoke_$(date +%s)_$$"

ddb create-table --table-name "$table" \
  --attribute-definitions AttributeName=Artist,AttributeType=S AttributeName=Song,AttributeType=S \
  --key-schema AttributeName=Artist,KeyType=HASH AttributeName=Song,KeyType=RANGE \
  --billing-mode PAY_PER_REQUEST | grep -q '"TableStatus": "ACTIVE"'
ddb put-item --table-name "$table" \
  --item '{"Artist":{"S":"Acme Band"},"Song":{"S":"Happy Day"},"Year":{"N":"2020.50"}}'
got=$(ddb get-item --table-name "$table" --consistent-read \
  --key '{"Artist":{"S":"Acme Band"},"Song":{"S":"Happy Day"}}')
echo "$got"
echo "$got" | grep -q '"N": "2020.5"'
ddb list-tables | grep -q "\"$table\""
ddb delete-item --table-name "$table" --key '{"Artist":{"S":"Acme Band"},"Song":{"S":"Happy Day"}}'
[ "$(ddb get-item --table-name "$table" --key '{"Artist":{"S":"Acme Band"},"Song":{"S":"Happy Day"}}')" = "" ]
if ddb get-item --table-name "$table" --key '{"Artist":{"N":"1"},"Song":{"S":"x"}}' 2>/tmp/smoke-err.$$; then
  echo "wrong key type was accepted" >&2; exit 1
fi
grep -q "ValidationException" /tmp/smoke-err.$$ && rm -f /tmp/smoke-err.$$
ddb delete-table --table-name "$table" >/dev/null
echo "aws CLI smoke test against $endpoint: OK"
