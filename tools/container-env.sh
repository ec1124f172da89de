#!/usr/bin/env bash
# tools/container-env.sh: a Docker-compatible container engine on a Debian machine that has no Docker engine.
#
# Installs podman (and docker-compose v1) from apt, configures podman for machines of this kind (runc runtime,
# no default rlimits), starts podman's Docker-compatible API on unix:///run/podman/podman.sock, and builds a local
# apache/kafka:<kafka.version> image from Maven Central jars that Testcontainers' KafkaContainer accepts as is.
#
#   tools/container-env.sh [up]      all of the above; idempotent (reuses packages, config, a running API, the image)
#   tools/container-env.sh down      stops the API service, if this script started it (nothing else)
#   tools/container-env.sh env       prints the environment the container commands need
#   tools/container-env.sh rebuild   builds the image again even if one exists
#
# It never creates /var/run/docker.sock or ~/.testcontainers.properties and never installs podman-docker: the
# course's auto mode would then switch every test run on this machine to containers. The endpoint is handed out
# only through DOCKER_HOST, in target/container-env/env.sh, which callers source for the commands that need it.
# On a machine with a real Docker engine none of this is needed: Testcontainers finds Docker by itself.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${CONTAINER_ENV_WORK:-$ROOT/target/container-env}"
SOCKET_PATH=/run/podman/podman.sock
SOCKET="unix://$SOCKET_PATH"
PID_FILE="$WORK/podman-service.pid"
ENV_FILE="$WORK/env.sh"
CONF_DROP_IN=/etc/containers/containers.conf.d/50-kafka-course.conf
PACKAGES=(podman runc conmon netavark aardvark-dns iptables catatonit busybox-static docker-compose curl)

KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/pom.xml" | head -n1)"
[ -n "$KAFKA_VERSION" ] || { echo "container-env: no <kafka.version> in $ROOT/pom.xml" >&2; exit 1; }
# The name Testcontainers asks for ("apache/kafka:X"); podman's Docker API resolves short names to docker.io.
IMAGE="docker.io/apache/kafka:$KAFKA_VERSION"
LOG4J_VERSION=2.25.4                      # what kafka-server $KAFKA_VERSION depends on; the slf4j binding must match
DEPENDENCY_PLUGIN=3.9.0
# The JDK modules of the image's JRE: a generous set (JMX, SASL/Kerberos, TLS, JNDI/DNS, JFR, and what log4j and
# Jackson use optionally), so that no broker feature fails for a missing module. About 50 MB.
JRE_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.management.rmi
JRE_MODULES+=,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql
JRE_MODULES+=,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management
JRE_MODULES+=,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs

# ---------------------------------------------------------------------------------------------------------------
say() { printf 'container-env: %s\n' "$*"; }
die() { printf 'container-env: ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# step "what" function args...: runs one step and prints how long it took.
step() {
  local what=$1 start rc=0
  shift
  start=$(now)
  say "-- $what"
  # In a subshell with errexit on: a function called as "f || x" would run with errexit off.
  set +e
  ( set -e; "$@" )
  rc=$?
  set -e
  printf 'container-env: -- %s: %s (%s s)\n' "$what" "$([ $rc = 0 ] && echo done || echo "FAILED ($rc)")" \
    "$(elapsed "$start")"
  return $rc
}

# apt-get, /etc/containers and /run/podman need root, and so does the podman that owns the image and the API.
require_root() {
  [ "$(id -u)" = 0 ] && return
  command -v sudo >/dev/null || die "run this as root (apt-get, /etc/containers, /run/podman and rootful podman)"
  exec sudo -E bash "$0" "$@"
}

socket_answers() { curl -sf --max-time 2 --unix-socket "$SOCKET_PATH" http://d/_ping >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------------------------
install_packages() {
  [ -f /etc/debian_version ] || die "this script installs from apt: it needs a Debian-like machine"
  local missing=()
  for p in "${PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  if [ ${#missing[@]} = 0 ]; then say "already installed: ${PACKAGES[*]}"; return; fi
  say "installing: ${missing[*]}"
  # No recommends: docker-compose recommends docker.io (a Docker engine) and podman suggests podman-docker, both of
  # which would put a socket at /var/run/docker.sock.
  apt-get update -qq
  env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "podman $(podman --version | awk '{print $3}'), $(docker-compose --version 2>/dev/null | cut -d, -f1)"
}

configure_podman() {
  local wanted
  wanted=$(printf '%s\n' '# Written by the Kafka course'"'"'s tools/container-env.sh.' \
    '[containers]' \
    '# Setting any rlimit fails where the sandbox lacks CAP_SYS_RESOURCE.' \
    'default_ulimits = []' '' \
    '[network]' 'network_backend = "netavark"' '' \
    '[engine]' '# crun, the default, fails on cgroups hybrid mode.' 'runtime = "runc"')
  if [ -f "$CONF_DROP_IN" ] && [ "$(cat "$CONF_DROP_IN")" = "$wanted" ]; then
    say "$CONF_DROP_IN is in place"
  else
    mkdir -p "$(dirname "$CONF_DROP_IN")"
    printf '%s\n' "$wanted" | tee "$CONF_DROP_IN" >/dev/null
    say "wrote $CONF_DROP_IN (runtime runc, default_ulimits = [], netavark)"
  fi
  local runtime
  runtime=$(podman info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null) || die "podman info failed"
  [ "$runtime" = runc ] || die "podman uses runtime '$runtime', not runc: another containers.conf overrides $CONF_DROP_IN"
}

start_service() {
  mkdir -p "$WORK"
  if socket_answers; then
    if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      say "podman API already answers on $SOCKET (started earlier by this script, pid $(cat "$PID_FILE"))"
    else
      say "podman API already answers on $SOCKET (not started by this script; left alone)"
    fi
    return
  fi
  mkdir -p "$(dirname "$SOCKET_PATH")"
  # setsid: the service outlives this script; its pid is kept so that 'down' stops exactly this process.
  setsid podman system service --time=0 "$SOCKET" >"$WORK/podman-service.log" 2>&1 < /dev/null &
  echo $! >"$PID_FILE"
  local i
  for i in $(seq 1 100); do
    socket_answers && { say "podman API answers on $SOCKET (pid $(cat "$PID_FILE"), log $WORK/podman-service.log)"; return; }
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { cat "$WORK/podman-service.log" >&2; die "podman system service exited"; }
    sleep 0.2
  done
  die "podman API did not answer on $SOCKET within 20 s (log: $WORK/podman-service.log)"
}

stop_service() {
  if [ -f "$PID_FILE" ]; then
    local pid
    pid=$(cat "$PID_FILE")
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'podman system service'; then
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      say "stopped the podman API service (pid $pid)"
    else
      say "the podman API service this script started (pid $pid) is no longer running"
    fi
    rm -f "$PID_FILE"
  else
    say "no podman API service started by this script: nothing to stop"
  fi
}

write_env() {
  mkdir -p "$WORK"
  cat >"$ENV_FILE" <<EOF
# Source this for the commands that should use podman's Docker API (tools/container-env.sh wrote it).
export DOCKER_HOST=$SOCKET
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
EOF
  say "environment for container commands in $ENV_FILE:"
  sed -n 's/^export /  export /p' "$ENV_FILE"
}

# --- the image ---------------------------------------------------------------------------------------------------
IMG="$WORK/image"
ROOTFS="$IMG/rootfs"

fetch_kafka_jars() {
  local deps="$IMG/deps"
  mkdir -p "$deps"
  cat >"$deps/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Throwaway: only here to let Maven copy a Kafka broker's runtime jars (tools/container-env.sh). -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.kafkacourse.tools</groupId>
  <artifactId>kafka-image-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>$LOG4J_VERSION</version></dependency>
  </dependencies>
  <build><plugins><plugin>
    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>$DEPENDENCY_PLUGIN</version>
  </plugin></plugins></build>
</project>
EOF
  rm -rf "$deps/jars"
  (cd "$ROOT" && ./mvnw -q -B -ntp -f "$deps/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$deps/jars") || die "Maven could not fetch Kafka's jars"
  say "$(ls "$deps/jars" | wc -l) jars, $(du -sh "$deps/jars" | cut -f1)"
}

make_jre() {
  local java_home
  java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  [ -x "$java_home/bin/jlink" ] || die "no jlink in $java_home: install a full JDK (openjdk-17-jdk-headless)"
  rm -rf "$ROOTFS/opt/java"
  mkdir -p "$ROOTFS/opt/java"
  "$java_home/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
    --compress=2 --output "$ROOTFS/opt/java/openjdk" 2>&1 | grep -v 'deprecated' || true
  [ -x "$ROOTFS/opt/java/openjdk/bin/java" ] || die "jlink made no JRE"
  say "JRE from $java_home ($("$java_home/bin/java" -version 2>&1 | head -n1)): $(du -sh "$ROOTFS/opt/java" | cut -f1)"
}

# Copies host binaries and every shared library they (and the JRE) need, at the same paths.
copy_userland() {
  mkdir -p "$ROOTFS"/{bin,tmp,etc,root,lib64,usr/bin} "$ROOTFS/mnt/shared/config" "$ROOTFS/opt/kafka/config" \
    "$ROOTFS/var/lib/kafka/data" "$ROOTFS/etc/kafka/secrets"
  chmod 1777 "$ROOTFS/tmp"
  cp /bin/busybox "$ROOTFS/bin/busybox"
  local applet
  for applet in $("$ROOTFS/bin/busybox" --list); do
    [ "$applet" = busybox ] || [ -e "$ROOTFS/bin/$applet" ] || ln -s busybox "$ROOTFS/bin/$applet"
  done
  ln -sf busybox "$ROOTFS/bin/sh"
  ln -sf ../../bin/env "$ROOTFS/usr/bin/env"
  cp /bin/bash "$ROOTFS/bin/bash"
  local f lib
  for f in "$ROOTFS/bin/bash" $(find "$ROOTFS/opt/java" -type f \( -name '*.so' -o -perm -u+x \)); do
    ldd "$f" 2>/dev/null | grep -o '/[^ ]*' || true
  done | sort -u | while read -r lib; do
    [ -e "$ROOTFS$lib" ] && continue
    mkdir -p "$ROOTFS$(dirname "$lib")"
    cp -L "$lib" "$ROOTFS$lib"
  done
  printf 'root:x:0:0:root:/root:/bin/bash\nappuser:x:1000:1000::/home/appuser:/bin/sh\n' >"$ROOTFS/etc/passwd"
  printf 'root:x:0:\nappuser:x:1000:\n' >"$ROOTFS/etc/group"
  say "busybox, bash and $(find "$ROOTFS" -name '*.so*' -path '*/lib*' -not -path '*/opt/java/*' | wc -l) shared libraries"
}

write_kafka_files() {
  mkdir -p "$ROOTFS/opt/kafka/libs" "$ROOTFS/opt/kafka/bin" "$ROOTFS/etc/kafka/docker"
  cp -p "$IMG/deps/jars/"*.jar "$ROOTFS/opt/kafka/libs/"
  (cd "$ROOTFS/opt/kafka/libs" && ls -1 -- *.jar | LC_ALL=C sort | sed 's|^|/opt/kafka/libs/|' | paste -sd: -) \
    >"$ROOTFS/opt/kafka/classpath"
  local d="$ROOTFS/etc/kafka/docker"

  # Used when no KAFKA_* variable is set at all: one combined broker+controller on localhost:9092.
  cat >"$d/server.properties" <<'EOF'
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=PLAINTEXT://:9092,CONTROLLER://:9093
advertised.listeners=PLAINTEXT://localhost:9092
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=/tmp/kraft-combined-logs
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  # Console only. KafkaContainer waits for "Transitioning from RECOVERY to RUNNING", an INFO line.
  cat >"$d/log4j2.yaml" <<'EOF'
Configuration:
  Appenders:
    Console:
      name: STDOUT
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: INFO
      AppenderRef:
        - ref: STDOUT
    Logger:
      - name: kafka
        level: INFO
      - name: org.apache.kafka
        level: INFO
EOF
  cat >"$d/tools-log4j2.yaml" <<'EOF'
Configuration:
  Appenders:
    Console:
      name: STDERR
      target: SYSTEM_ERR
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: WARN
      AppenderRef:
        - ref: STDERR
EOF

  # The entry point the official image has, and that KafkaContainer's start script runs. Same contract:
  # KAFKA_FOO_BAR=v becomes foo.bar=v (KafkaDockerWrapper), CLUSTER_ID names the cluster, files in
  # /mnt/shared/config override the defaults, listeners default to the advertised ones on 0.0.0.0.
  cat >"$d/run" <<'EOF'
#!/bin/bash
set -euo pipefail
# Arguments of the form NAME=value override the environment, as in the official image.
for assignment in "$@"; do export "$assignment"; done

JAVA=/opt/java/openjdk/bin/java
# An explicit, sorted jar list (not libs/*): the class-data sharing archive is only used with the same class path.
JARS=$(cat /opt/kafka/classpath)
CDS_SETUP="" CDS_BROKER=""
if [ -n "${CDS_TRAINING_DIR-}" ]; then   # used once, while the image is built: which classes a start loads
  CDS_SETUP="-XX:DumpLoadedClassList=$CDS_TRAINING_DIR/setup.classlist"
  CDS_BROKER="-XX:DumpLoadedClassList=$CDS_TRAINING_DIR/broker.classlist"
elif [ -f /opt/kafka/kafka.jsa ]; then   # those classes, pre-parsed: about half the JVM start time
  CDS_SETUP="-XX:SharedArchiveFile=/opt/kafka/kafka.jsa -Xshare:auto" CDS_BROKER="$CDS_SETUP"
fi

export CLUSTER_ID="${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}"
if [[ "${KAFKA_PROCESS_ROLES-}" == controller ]]; then
  if [[ -n "${KAFKA_ADVERTISED_LISTENERS-}" ]]; then
    echo "KAFKA_ADVERTISED_LISTENERS is not supported on a KRaft controller." >&2; exit 1
  fi
  unset KAFKA_ADVERTISED_LISTENERS
elif [[ -z "${KAFKA_LISTENERS-}" && -n "${KAFKA_ADVERTISED_LISTENERS-}" ]]; then
  export KAFKA_LISTENERS
  KAFKA_LISTENERS=$(echo "$KAFKA_ADVERTISED_LISTENERS" | sed -e 's|://[^:]*:|://0.0.0.0:|g')
fi
# Key store and passwords from /etc/kafka/secrets, as in the official image.
if [[ "${KAFKA_ADVERTISED_LISTENERS-}" == *"SSL://"* ]]; then
  export KAFKA_SSL_KEYSTORE_LOCATION="/etc/kafka/secrets/${KAFKA_SSL_KEYSTORE_FILENAME:?KAFKA_SSL_KEYSTORE_FILENAME not set}"
  export KAFKA_SSL_KEY_PASSWORD; KAFKA_SSL_KEY_PASSWORD=$(cat "/etc/kafka/secrets/${KAFKA_SSL_KEY_CREDENTIALS:?}")
  export KAFKA_SSL_KEYSTORE_PASSWORD; KAFKA_SSL_KEYSTORE_PASSWORD=$(cat "/etc/kafka/secrets/${KAFKA_SSL_KEYSTORE_CREDENTIALS:?}")
  if [[ -n "${KAFKA_SSL_TRUSTSTORE_FILENAME-}" ]]; then
    export KAFKA_SSL_TRUSTSTORE_LOCATION="/etc/kafka/secrets/$KAFKA_SSL_TRUSTSTORE_FILENAME"
    export KAFKA_SSL_TRUSTSTORE_PASSWORD; KAFKA_SSL_TRUSTSTORE_PASSWORD=$(cat "/etc/kafka/secrets/${KAFKA_SSL_TRUSTSTORE_CREDENTIALS:?}")
  fi
fi

echo "===> Configuring ..."
# A restarted container (compose stop/start) keeps its formatted log directories: "already formatted" is fine.
# shellcheck disable=SC2086
if ! result=$("$JAVA" $CDS_SETUP -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile=/etc/kafka/docker/tools-log4j2.yaml \
    -cp "$JARS" kafka.docker.KafkaDockerWrapper setup \
    --default-configs-dir /etc/kafka/docker --mounted-configs-dir /mnt/shared/config --final-configs-dir /opt/kafka/config 2>&1); then
  echo "$result"
  grep -qi 'already formatted' <<<"$result" || exit 1
else
  echo "$result"
fi

echo "===> Launching ... "
# shellcheck disable=SC2086
exec "$JAVA" ${KAFKA_HEAP_OPTS:--Xmx1G -Xms256M} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true} \
  $CDS_BROKER -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.yaml ${KAFKA_JMX_OPTS-} ${KAFKA_OPTS-} \
  -cp "$JARS" kafka.docker.KafkaDockerWrapper start --config /opt/kafka/config/server.properties
EOF
  chmod 755 "$d/run"

  # A generic class runner, for compose health checks and 'podman exec' (e.g. kafka-storage.sh random-uuid).
  cat >"$ROOTFS/opt/kafka/bin/kafka-run-class.sh" <<'EOF'
#!/bin/bash
cds=""
[ -f /opt/kafka/kafka.jsa ] && cds="-XX:SharedArchiveFile=/opt/kafka/kafka.jsa -Xshare:auto"
exec /opt/java/openjdk/bin/java $cds -XX:TieredStopAtLevel=1 \
  -Dlog4j2.configurationFile=/etc/kafka/docker/tools-log4j2.yaml ${KAFKA_OPTS-} -cp "$(cat /opt/kafka/classpath)" "$@"
EOF
  printf '#!/bin/bash\nexec /opt/kafka/bin/kafka-run-class.sh kafka.tools.StorageTool "$@"\n' >"$ROOTFS/opt/kafka/bin/kafka-storage.sh"
  printf '#!/bin/bash\nexec /opt/kafka/bin/kafka-run-class.sh kafka.Kafka "$@"\n' >"$ROOTFS/opt/kafka/bin/kafka-server-start.sh"
  chmod 755 "$ROOTFS/opt/kafka/bin/"*.sh
  echo "$KAFKA_VERSION" >"$ROOTFS/opt/kafka/VERSION"
  say "Kafka $KAFKA_VERSION in /opt/kafka, entry point /etc/kafka/docker/run"
}

import_image() {
  local size
  size=$(du -sh "$ROOTFS" | cut -f1)
  tar -C "$ROOTFS" --numeric-owner -c . | podman import --quiet \
    --change 'CMD ["/etc/kafka/docker/run"]' \
    --change 'ENV PATH=/opt/kafka/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'EXPOSE 9092' \
    --change 'WORKDIR /' \
    --change "LABEL dev.kafkacourse.image=built-by-tools/container-env.sh" \
    --change "LABEL dev.kafkacourse.recipe=$RECIPE" \
    --change "LABEL org.apache.kafka.version=$KAFKA_VERSION" \
    - "$IMAGE" >/dev/null
  say "imported $IMAGE (root filesystem $size)"
}

build_image() {
  rm -rf "$ROOTFS"
  mkdir -p "$ROOTFS"
  step "image: Kafka $KAFKA_VERSION jars from Maven Central" fetch_kafka_jars
  step "image: JRE (jlink)" make_jre
  step "image: busybox, bash, shared libraries" copy_userland
  step "image: Kafka files and entry point" write_kafka_files
  step "image: podman import" import_image
  if [ "${CDS:-on}" = on ]; then
    step "image: class-data sharing archive (one training start)" add_cds_archive ||
      say "WARNING: no class-data sharing archive; the image works, its JVMs just start slower"
  fi
}

# Starts the new image once, records the classes a broker start loads, dumps them into a class-data sharing archive
# (inside the image, so paths and JRE match), and imports the image again with the archive.
add_cds_archive() {
  local cds="$IMG/cds" name="kafka-course-cds-training-$$" old_id i
  rm -rf "$cds"; mkdir -p "$cds"
  podman run -d --name "$name" -e CDS_TRAINING_DIR=/cds -v "$cds:/cds" "$IMAGE" >/dev/null
  for i in $(seq 1 240); do
    podman logs "$name" 2>&1 | grep 'Kafka Server started' >/dev/null && break
    [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ] || break
    sleep 0.5
  done
  podman logs "$name" 2>&1 | grep 'Kafka Server started' >/dev/null || {
    podman logs --tail 20 "$name" >&2; podman rm -f "$name" >/dev/null; say "the training start failed"; return 1; }
  podman stop -t 30 "$name" >/dev/null; podman rm -f "$name" >/dev/null
  cat "$cds/setup.classlist" "$cds/broker.classlist" | grep -v '^#' | awk '!seen[$0]++' >"$cds/all.classlist"
  podman run --rm -v "$cds:/cds" "$IMAGE" /bin/sh -c '/opt/java/openjdk/bin/java -Xshare:dump -Xlog:cds=off \
      -XX:SharedClassListFile=/cds/all.classlist -XX:SharedArchiveFile=/cds/kafka.jsa -cp "$(cat /opt/kafka/classpath)"' \
    >"$cds/dump.log" 2>&1 || { tail -n 20 "$cds/dump.log" >&2; return 1; }
  cp "$cds/kafka.jsa" "$ROOTFS/opt/kafka/kafka.jsa"
  old_id=$(podman image inspect --format '{{.Id}}' "$IMAGE")
  import_image
  podman rmi "$old_id" >/dev/null 2>&1 || true
  # -Xshare:on fails instead of falling back: proves the archive matches the image's JRE and class path.
  podman run --rm "$IMAGE" /bin/sh -c '/opt/java/openjdk/bin/java -XX:SharedArchiveFile=/opt/kafka/kafka.jsa \
      -Xshare:on -cp "$(cat /opt/kafka/classpath)" -version' >/dev/null 2>&1 || { say "the archive does not map"; return 1; }
  say "$(wc -l <"$cds/all.classlist") classes archived ($(du -h "$cds/kafka.jsa" | cut -f1)); archive maps with -Xshare:on"
}

# The image records which version of this script built it: a changed recipe builds it again.
RECIPE=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)

# Removes the image, or only its name where a container still uses it (containers are never removed here).
remove_image() {
  podman image exists "$IMAGE" || return 0
  podman rmi "$IMAGE" >/dev/null 2>&1 || podman untag "$IMAGE" "$IMAGE"
}

ensure_image() {
  if podman image exists "$IMAGE"; then
    local recipe
    recipe=$(podman image inspect --format '{{index .Labels "dev.kafkacourse.recipe"}}' "$IMAGE" 2>/dev/null || true)
    if [ "$recipe" = "<no value>" ]; then recipe=""; fi
    if [ -z "$recipe" ] && [ -z "$(podman image inspect --format '{{index .Labels "dev.kafkacourse.image"}}' "$IMAGE" |
        grep -v '<no value>')" ]; then
      say "image $IMAGE exists and was not built by this script (the official image?): reused"
      return
    elif [ "$recipe" = "$RECIPE" ]; then
      say "image $IMAGE exists ($(podman image inspect --format '{{.Created}}' "$IMAGE" | cut -d. -f1)); reused"
      return
    fi
    say "image $IMAGE was built by another version of this script (${recipe:-no recipe label}, now $RECIPE):" \
      "building it again"
    remove_image
  fi
  build_image
}

# ---------------------------------------------------------------------------------------------------------------
up() {
  local started
  started=$(now)
  step "apt packages" install_packages
  step "podman configuration" configure_podman
  step "podman Docker API service" start_service
  step "image $IMAGE" ensure_image
  write_env
  printf 'container-env: ready in %s s\n' "$(elapsed "$started")"
}

case "${1:-up}" in
  up) require_root "$@"; up ;;
  rebuild) require_root "$@"; step "podman configuration" configure_podman; remove_image; step "image $IMAGE" build_image ;;
  down) require_root "$@"; stop_service ;;
  env) write_env ;;
  *) echo "usage: $0 [up|down|env|rebuild]" >&2; exit 2 ;;
esac
