#!/usr/bin/env bash
# Deploys Serverless VOD into a running LocalStack (docker-compose.yml) without an AWS account:
# builds the Lambda package (the functions + the Linux FFmpeg of this machine's architecture), then
# runs the SDK deployer dev.svod.local.contract.localstack.LocalStackDeployer, which creates the
# buckets, the table, one function per FunctionSpec, the state machine and the S3 notification, and
# prints the outputs (also written to localstack/.outputs.env). Run it again to update in place.
#
#   localstack/deploy.sh                   # LocalStack on http://localhost.localstack.cloud:4566
#   LOCALSTACK_ENDPOINT=http://127.0.0.1:4566 \
#   LOCALSTACK_PUBLIC_ENDPOINT=http://localhost.localstack.cloud:4566 localstack/deploy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# Where this machine reaches LocalStack, and the URL both the Lambda containers and your clients
# reach it by (presigned upload URLs, the API's function URL and playback URLs are built on it).
endpoint=${LOCALSTACK_ENDPOINT:-http://127.0.0.1:4566}
public_endpoint=${LOCALSTACK_PUBLIC_ENDPOINT:-http://localhost.localstack.cloud:4566}
prefix=${SVOD_PREFIX:-svod}

if ! curl -fsS "$endpoint/_localstack/health" >/dev/null; then
  echo "LocalStack does not answer at $endpoint." >&2
  echo "Start it first: docker compose -f localstack/docker-compose.yml up -d --wait" >&2
  exit 1
fi

# LocalStack runs Lambda containers on the Docker host's architecture.
case "$(uname -m)" in
  arm64 | aarch64) classifier=linux-arm64-gpl ;;
  *) classifier=linux-x86_64-gpl ;;
esac
package=$root/local/target/localstack/lambda

echo "Building the Lambda package ($classifier) ..."
./mvnw -B -q -pl infra -am package -DskipTests \
  -Ddeploy.ffmpeg.classifier="$classifier" \
  -Dlambda.ffmpeg.dir="$package" \
  -Dlambda.functions.dir="$root/local/target/localstack/lambda-without-ffmpeg" \
  -Dtranscoder.image.dir="$root/local/target/localstack/transcoder"

echo "Deploying into LocalStack at $endpoint ..."
./mvnw -B -q -pl local -am test-compile exec:java -Plocalstack -Dexec.skip=true \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=dev.svod.local.contract.localstack.LocalStackDeployer \
  -Dexec.args="--endpoint $endpoint --public-endpoint $public_endpoint --prefix $prefix --package $package --outputs $root/localstack/.outputs.env"

# shellcheck disable=SC1091
. "$root/localstack/.outputs.env"
cat <<INFO

Deployed. Upload and play:
  ./vod upload clip.mp4 --api $VOD_API --wait
  ./vod status <videoId> --api $VOD_API        # playback.hls is $VOD_PLAYBACK_BASE_URL/v/<videoId>/master.m3u8
Inspect executions:
  aws --endpoint-url $endpoint stepfunctions list-executions --state-machine-arn $VOD_STATE_MACHINE_ARN
INFO
