#!/bin/bash
# LocalStack init hook (runs inside the container once every service is ready): says whether the
# services Serverless VOD deploys into answer, and how to deploy. Never fails the start.
set -u
echo "svod: LocalStack is ready; checking the services the stack uses"
for check in "s3 ls" "lambda list-functions --max-items 1" "stepfunctions list-state-machines --max-results 1" \
    "dynamodb list-tables --max-items 1" "iam list-roles --max-items 1"; do
  if awslocal $check >/dev/null 2>&1; then
    echo "svod:   ${check%% *}: ok"
  else
    echo "svod:   ${check%% *}: NOT AVAILABLE (see localstack/README.md, 'Known differences')"
  fi
done
echo "svod: deploy the stack from the repository root with localstack/deploy.sh"
