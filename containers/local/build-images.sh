#!/usr/bin/env bash
# Builds local stand-ins for the postgres, apache/kafka and quay.io/debezium/connect images from Debian packages and
# Maven Central artifacts only, for machines that cannot pull images. Images that already exist are skipped, so a
# second run takes seconds. Needs podman and debootstrap (root). Prints the -D options that select the images.
#
#   containers/local/build-images.sh            # build what is missing
#   CDC_REBUILD=1 containers/local/build-images.sh   # rebuild everything
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -1; }

kafka_version=$(pom_property kafka.version)
debezium_version=$(pom_property debezium.version)
mirror=${CDC_DEBIAN_MIRROR:-http://deb.debian.org/debian}

base=localhost/cdc-verify/base:bookworm
postgres=localhost/cdc-verify/postgres:15
jvm=localhost/cdc-verify/jvm:kafka-$kafka_version-debezium-$debezium_version
kafka=localhost/cdc-verify/kafka:$kafka_version
connect=localhost/cdc-verify/connect:$debezium_version

exists() { [ -z "${CDC_REBUILD:-}" ] && podman image exists "$1"; }
timed() { local began=$SECONDS; "$@"; echo "  took $((SECONDS - began)) s"; }

build_base() {
  local rootfs
  rootfs=$(mktemp -d /tmp/cdc-verify-rootfs.XXXXXX)
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,postgresql-15,procps,curl \
    bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || { tail -20 "$rootfs.log" >&2; return 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base" >/dev/null
  rm -rf "$rootfs" "$rootfs.log"
}

build_jvm() {
  local lib="$here/jvm/lib"
  rm -rf "$lib"
  # The project's own runtime jars (one place for versions), without what only the host side needs.
  (cd "$root" && ./mvnw -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib" \
    -DexcludeGroupIds=io.zonky.test,io.zonky.test.postgres,org.testcontainers,com.github.docker-java,net.datafaker,info.picocli,org.assertj)
  podman build -q --build-arg BASE_IMAGE="$base" -t "$jvm" "$here/jvm" >/dev/null
  rm -rf "$lib"
}

step() {
  local image=$1; shift
  if exists "$image"; then
    echo "$image: exists, skipped"
  else
    echo "$image: building"
    timed "$@"
  fi
}

started=$SECONDS
step "$base" build_base
step "$postgres" podman build -q --build-arg BASE_IMAGE="$base" -t "$postgres" "$here/postgres"
step "$jvm" build_jvm
step "$kafka" podman build -q --build-arg JVM_IMAGE="$jvm" -t "$kafka" "$here/kafka"
step "$connect" podman build -q --build-arg JVM_IMAGE="$jvm" -t "$connect" "$here/connect"
echo "All images ready in $((SECONDS - started)) s. Use them with:"
echo "  -Dcdc.image.postgres=$postgres -Dcdc.image.kafka=$kafka -Dcdc.image.connect=$connect"
