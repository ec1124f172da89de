#!/usr/bin/env bash
# tools/ci-containers.sh: CI's container stage, on a Debian machine without a Docker engine.
#
#  1. tools/container-env.sh: podman, its Docker-compatible API, and a local apache/kafka:<kafka.version> image.
#  2. The fixture's testcontainers backend (Container*Test, at least ContainerClusterTest): must run and pass, not skip.
#  3. Session 02's tests with -Dkafka.mode=testcontainers; session 03's (3 brokers, stopped and restarted) too where
#     the fixture has a multi-broker container backend.
#  4. docker/kafka-single.yml and docker/kafka-cluster.yml with Debian's docker-compose (v1) against podman: config,
#     up (the Kafka services only), wait until every node runs, produce and consume through the advertised host
#     ports with `./course lab 02 produce-consume`, down, and check that no container, network or volume is left.
#
#   tools/ci-containers.sh [all|testcontainers|compose]     (all by default; the others run 1-3 or 1 and 4)
#
# DOCKER_HOST and the Testcontainers settings are set only for the commands that need them, never machine-wide.
# Everything this script started (containers, compose projects, the podman API service if it was not already
# running, its own watchers) is stopped on exit, also on failure. Prints each step's time and each container's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/target/container-env"
ENV_FILE="$WORK/env.sh"
SOCKET_PATH=/run/podman/podman.sock
RUN_DIR="$WORK/ci-run"
EVENTS="$RUN_DIR/events.txt"
CONTAINER_LOGS="$RUN_DIR/containers"
READY_PATTERN='Transitioning from RECOVERY to RUNNING|Kafka Server started'
PROJECT_PREFIX="kafkacourse-ci-$$"
MAVEN=(./mvnw -B -ntp)

now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }
say() { printf '[ci-containers] %s\n' "$*"; }
fail() { printf '[ci-containers] FAILED: %s\n' "$*" >&2; exit 1; }

# --- watching containers: every podman event, and each container's log with timestamps ----------------------------
# Runs in its own session (setsid), so that cleanup stops exactly this process group and nothing else.
if [ "${1:-}" = __watch ]; then
  podman events --filter type=container \
      --format '{{.Time.UnixMilli}} {{.Status}} {{.ID}} {{.Image}} {{.Name}}' 2>/dev/null |
    while read -r ms status id image name; do
      echo "$ms $status $id $image $name" >>"$EVENTS"
      [ "$status" = start ] && podman logs -f -t "$id" >"$CONTAINER_LOGS/${id:0:12}.log" 2>&1 &
    done
  exit 0
fi

PARTS=${1:-all}
case "$PARTS" in
  all|testcontainers|compose) ;;
  *) echo "usage: $0 [all|testcontainers|compose]" >&2; exit 2 ;;
esac
STAGE_START=$(now_ms)
STEPS=()
WATCHER_PID=""
SERVICE_WAS_RUNNING=false
ENV_UP=false
COMPOSE_PROJECTS=()

# step "what" command...: runs a step, prints and records its time.
step() {
  local what=$1 start rc=0
  shift
  start=$(now_ms)
  printf '\n[ci-containers] == %s (%s)\n' "$what" "$(date -u +%H:%M:%S)"
  # A subshell with errexit on (a function called as "f || x" would run with errexit off). State that cleanup
  # needs is therefore decided outside the steps.
  set +e
  ( set -e; "$@" )
  rc=$?
  set -e
  local took
  took=$(secs $(( $(now_ms) - start )))
  STEPS+=("$(printf '%-58s %7s s  %s' "$what" "$took" "$([ $rc = 0 ] && echo ok || echo FAILED)")")
  say "-- $what: $([ $rc = 0 ] && echo ok || echo FAILED) in $took s"
  return $rc
}

# Runs one command with podman's Docker API in its environment (and only there).
with_engine() { ( set -a; . "$ENV_FILE"; set +a; "$@" ); }

socket_answers() { curl -sf --max-time 2 --unix-socket "$SOCKET_PATH" http://d/_ping >/dev/null 2>&1; }

# --- the container report ------------------------------------------------------------------------------------------
event_ms() { awk -v s="$1" -v id="$2" '$2 == s && $3 == id { print $1; exit }' "$EVENTS" 2>/dev/null; }

ready_ms() {
  local log="$CONTAINER_LOGS/${1:0:12}.log" ts
  [ -f "$log" ] || return 0
  ts=$(grep -m1 -E "$READY_PATTERN" "$log" | cut -d' ' -f1) || true
  [ -n "$ts" ] && date -d "$ts" +%s%3N
  return 0
}

container_report() {
  [ -s "$EVENTS" ] || { say "no container was started"; return 0; }
  printf '\n[ci-containers] containers started by this stage (times from podman events and the containers'"'"' logs)\n'
  printf '  %-50s %-30s %7s %13s %8s\n' name image "at (s)" "create→ready" "ran (s)"
  local id name image created started ready died
  for id in $(awk '$2 == "create" { print $3 }' "$EVENTS"); do
    read -r name image < <(awk -v id="$id" '$3 == id { print $5, $4; exit }' "$EVENTS")
    created=$(event_ms create "$id"); started=$(event_ms start "$id")
    died=$(event_ms died "$id"); [ -n "$died" ] || died=$(event_ms remove "$id")   # a forced remove has no "died"
    ready=$(ready_ms "$id")
    printf '  %-50s %-30s %7s %13s %8s\n' "$name" "$image" "$(secs $(( created - STAGE_START )))" \
      "$([ -n "$ready" ] && echo "$(secs $(( ready - created ))) s" || echo "not ready")" \
      "$([ -n "$died" ] && [ -n "$started" ] && secs $(( died - started )) || echo "-")"
  done
}

# --- cleanup: only what this run started -----------------------------------------------------------------------------
cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  if [ "$ENV_UP" = true ]; then
    local project left
    for project in "${COMPOSE_PROJECTS[@]}"; do
      left=$(podman ps -aq --filter "label=com.docker.compose.project=$project")
      if [ -n "$left" ]; then
        say "cleanup: compose project $project is still up: down"
        if [ -f "$RUN_DIR/$project.files" ]; then
          with_engine docker-compose -p "$project" -f "$(cat "$RUN_DIR/$project.files")" down -v --remove-orphans \
            >/dev/null 2>&1
        fi
        left=$(podman ps -aq --filter "label=com.docker.compose.project=$project")
        [ -z "$left" ] || podman rm -f $left >/dev/null 2>&1
      fi
      podman network rm "${project}_default" >/dev/null 2>&1
    done
    # Containers Testcontainers created during this run and did not remove (a killed test JVM; Ryuk is off).
    if [ -s "$EVENTS" ]; then
      local id
      for id in $(awk '$2 == "create" { print $3 }' "$EVENTS"); do
        if podman container exists "$id" 2>/dev/null &&
            [ "$(podman inspect --format '{{index .Config.Labels "org.testcontainers"}}' "$id" 2>/dev/null)" = true ]; then
          say "cleanup: removing Testcontainers container ${id:0:12} left behind"
          podman rm -f "$id" >/dev/null 2>&1
        fi
      done
    fi
  fi
  if [ -n "$WATCHER_PID" ]; then
    kill -- "-$WATCHER_PID" 2>/dev/null
    wait "$WATCHER_PID" 2>/dev/null
  fi
  container_report
  if [ "$ENV_UP" = true ] && [ "$SERVICE_WAS_RUNNING" = false ]; then
    bash tools/container-env.sh down
  elif [ "$SERVICE_WAS_RUNNING" = true ]; then
    say "the podman API service was running before this stage: left running"
  fi
  printf '\n[ci-containers] step times\n'
  printf '  %s\n' "${STEPS[@]}"
  printf '[ci-containers] container stage %s in %s s\n' "$([ $rc = 0 ] && echo passed || echo FAILED)" \
    "$(secs $(( $(now_ms) - STAGE_START )))"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- steps -----------------------------------------------------------------------------------------------------------
container_env() {
  bash tools/container-env.sh up
}

start_watcher() {
  mkdir -p "$CONTAINER_LOGS"
  rm -f "$EVENTS" "$CONTAINER_LOGS"/*.log
  : >"$EVENTS"
  setsid bash "$0" __watch </dev/null >/dev/null 2>&1 &
  WATCHER_PID=$!
  sleep 1   # let 'podman events' subscribe before the first container is created
}

containers_created_since() { awk -v t="$1" '$2 == "create" && $1 >= t && $4 ~ /apache\/kafka/' "$EVENTS" | wc -l; }

# check_reports DIR MARKER CLASS_GLOB NO_SKIPS: the Surefire reports written after MARKER; fails on failures, errors,
# no tests, and with NO_SKIPS=true on any skipped test (a skip means the backend did not get what it needs).
check_reports() {
  local dir=$1 marker=$2 glob=$3 no_skips=$4 files tests=0 failures=0 errors=0 skipped=0 f line
  files=$(find "$dir" -maxdepth 1 -name "TEST-$glob.xml" -newer "$marker" 2>/dev/null | sort)
  [ -n "$files" ] || fail "no Surefire report in $dir from this run for $glob"
  for f in $files; do
    line=$(grep -m1 -o '<testsuite [^>]*' "$f")
    tests=$(( tests + $(grep -o ' tests="[0-9]*"' <<<"$line" | tr -dc 0-9) ))
    failures=$(( failures + $(grep -o ' failures="[0-9]*"' <<<"$line" | tr -dc 0-9) ))
    errors=$(( errors + $(grep -o ' errors="[0-9]*"' <<<"$line" | tr -dc 0-9) ))
    skipped=$(( skipped + $(grep -o ' skipped="[0-9]*"' <<<"$line" | tr -dc 0-9) ))
  done
  say "Surefire reports ($(wc -w <<<"$files") files): tests=$tests failures=$failures errors=$errors skipped=$skipped"
  [ "$tests" -gt 0 ] || fail "no test ran"
  [ $(( failures + errors )) = 0 ] || fail "$failures failures, $errors errors"
  if [ "$no_skips" = true ] && [ "$skipped" != 0 ]; then
    grep -ho '<skipped message="[^"]*' $files | head -3 >&2
    fail "$skipped test(s) skipped: the testcontainers backend did not get what it needs (see the messages above)"
  fi
  return 0
}

maven_tests() {   # maven_tests LOG args...: runs Maven with the engine's environment, shows the test summary lines
  local log=$1
  shift
  if ! with_engine "${MAVEN[@]}" "$@" >"$log" 2>&1; then
    tail -n 80 "$log"
    fail "Maven failed (full log: $log)"
  fi
  grep -E 'Tests run:|BUILD' "$log" | sed 's/^/  /'
}

container_cluster_test() {
  local marker="$RUN_DIR/marker-cct" since
  touch "$marker"; since=$(now_ms)
  # Container*Test: ContainerClusterTest, and any other test of the container backend (e.g. a multi-broker one).
  maven_tests "$RUN_DIR/container-tests.log" -pl course-support -am test '-Dtest=Container*Test' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dkafka.mode=testcontainers
  [ -n "$(find course-support/target/surefire-reports -name 'TEST-*.ContainerClusterTest.xml' -newer "$marker")" ] ||
    fail "ContainerClusterTest did not run"
  check_reports course-support/target/surefire-reports "$marker" 'dev.kafkacourse.support.kafka.Container*Test' true
  sleep 1
  local started
  started=$(containers_created_since "$since")
  [ "$started" -ge 1 ] || fail "the container tests passed but podman saw no apache/kafka container"
  say "the container backend's tests ran and passed on $started apache/kafka container(s) started through podman"
}

session02_tests() {
  local marker="$RUN_DIR/marker-s02" since
  touch "$marker"; since=$(now_ms)
  maven_tests "$RUN_DIR/session02.log" -pl session02-basics -am test '-Dtest=dev.kafkacourse.session02.*Test' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dkafka.mode=testcontainers
  check_reports session02-basics/target/surefire-reports "$marker" '*' false
  sleep 1
  local started
  started=$(containers_created_since "$since")
  [ "$started" -ge 1 ] || fail "session 02's tests passed but podman saw no apache/kafka container"
  say "session 02 ran on $started apache/kafka container(s) started through podman"
}

# Session 03's lessons need 3 brokers and stop and restart them. They run in containers only where the fixture has a
# multi-broker container backend; elsewhere the fixture runs them on the embedded backend, which proves nothing here.
MULTI_BROKER_BACKEND=course-support/src/main/java/dev/kafkacourse/support/kafka/ContainerKafkaMultiCluster.java

session03_tests() {
  local marker="$RUN_DIR/marker-s03" since
  touch "$marker"; since=$(now_ms)
  maven_tests "$RUN_DIR/session03.log" -pl session03-architecture -am test '-Dtest=dev.kafkacourse.session03.*Test' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dkafka.mode=testcontainers
  check_reports session03-architecture/target/surefire-reports "$marker" '*' true
  sleep 1
  local started
  started=$(containers_created_since "$since")
  [ "$started" -ge 4 ] || fail "session 03's tests passed but podman saw only $started apache/kafka container(s)"
  say "session 03 ran on $started apache/kafka containers started through podman (brokers and controllers)"
}

build_course_command() {
  ./course help >/dev/null
}

# The services of a compose file that run the Kafka image (and so can start here: other images cannot be pulled).
kafka_services() {
  with_engine docker-compose -f "$1" config | python3 -c '
import sys, yaml
services = (yaml.safe_load(sys.stdin) or {}).get("services", {})
print(" ".join(name for name, s in services.items() if str(s.get("image", "")).split("/")[-1].startswith("kafka:")))'
}

compose_round_trip() {   # compose_round_trip FILE LABEL
  local file=$1 label=$2 project="$PROJECT_PREFIX-$2"
  local compose=(docker-compose -p "$project" -f "$file")
  echo "$file" >"$RUN_DIR/$project.files"
  local t services
  t=$(now_ms); with_engine "${compose[@]}" config -q; say "config -q: ok ($(secs $(( $(now_ms) - t ))) s)"
  services=$(kafka_services "$file")
  [ -n "$services" ] || fail "$file has no service running apache/kafka"
  say "Kafka services: $services"

  t=$(now_ms)
  # shellcheck disable=SC2086
  with_engine "${compose[@]}" up -d --no-build $services 2>&1 | sed -e '/^$/d' -e 's/^/  /' ||
    fail "docker-compose up failed"
  say "up -d: $(secs $(( $(now_ms) - t ))) s"

  # Wait until every node logs that it runs.
  local ids id deadline=$(( $(now_ms) + 240000 )) waiting
  ids=$(podman ps -aq --no-trunc --filter "label=com.docker.compose.project=$project")
  while :; do
    waiting=""
    for id in $ids; do
      [ "$(podman inspect --format '{{.State.Running}}' "$id")" = true ] ||
        { podman logs --tail 30 "$id" >&2; fail "container $(podman inspect --format '{{.Name}}' "$id") exited"; }
      podman logs "$id" 2>&1 | grep -E "$READY_PATTERN" >/dev/null || waiting+=" $(podman inspect --format '{{.Name}}' "$id")"
    done
    [ -z "$waiting" ] && break
    [ "$(now_ms)" -lt "$deadline" ] || fail "not running after 240 s:$waiting"
    sleep 1
  done
  say "all $(wc -w <<<"$ids") nodes running $(secs $(( $(now_ms) - t ))) s after up"

  # The advertised host ports: the published ports of the brokers.
  local bootstrap
  bootstrap=$(for id in $ids; do podman port "$id" 2>/dev/null; done | sed -n 's/.*-> *\(127\.0\.0\.1\|0\.0\.0\.0\):\([0-9]*\).*/localhost:\2/p' |
    sort -u | paste -sd, -)
  [ -n "$bootstrap" ] || fail "no published broker port"
  say "bootstrap servers: $bootstrap"

  t=$(now_ms)
  local out="$RUN_DIR/$project-lab.txt"
  KAFKA_MODE=external KAFKA_BOOTSTRAP_SERVERS="$bootstrap" ./course lab 02 produce-consume 500 >"$out" 2>&1 ||
    { cat "$out"; fail "./course lab 02 produce-consume failed against $file"; }
  sed 's/^/  /' "$out"
  local produced consumed
  produced=$(sed -n 's/^Produced \([0-9,]*\) events.*/\1/p' "$out" | tr -d ,)
  consumed=$(sed -n 's/^Consumed \([0-9,]*\) records.*/\1/p' "$out" | tr -d ,)
  [ -n "$produced" ] && [ "$produced" = "$consumed" ] || fail "produced ${produced:-?} but consumed ${consumed:-?}"
  ! grep -qE ' NO$' "$out" || fail "consumed statistics differ from the generator's"
  say "produced and consumed $consumed records through $bootstrap ($(secs $(( $(now_ms) - t ))) s)"

  # With several brokers: stop one and start it again (docker/README.md's broker failure), keeping its data.
  local brokers
  brokers=$(for id in $ids; do [ -n "$(podman port "$id" 2>/dev/null)" ] && echo "$id"; done)
  if [ "$(wc -w <<<"$brokers")" -gt 1 ]; then
    local broker service
    broker=$(sed -n 2p <<<"$brokers")
    service=$(podman inspect --format '{{index .Config.Labels "com.docker.compose.service"}}' "$broker")
    t=$(now_ms)
    with_engine "${compose[@]}" stop "$service" 2>&1 | sed -e '/^$/d' -e 's/^/  /' || fail "stop $service failed"
    with_engine "${compose[@]}" start "$service" 2>&1 | sed -e '/^$/d' -e 's/^/  /' || fail "start $service failed"
    deadline=$(( $(now_ms) + 120000 ))
    until [ "$(podman logs "$broker" 2>&1 | grep -c 'Kafka Server started')" -ge 2 ]; do
      [ "$(podman inspect --format '{{.State.Running}}' "$broker")" = true ] ||
        { podman logs --tail 30 "$broker" >&2; fail "$service exited after its restart"; }
      [ "$(now_ms)" -lt "$deadline" ] || fail "$service not running 120 s after its restart"
      sleep 1
    done
    podman logs "$broker" 2>&1 | grep 'already formatted' >/dev/null ||
      fail "$service formatted its log directory again after a restart: its data was not kept"
    say "stop + start $service: running again after $(secs $(( $(now_ms) - t ))) s, with its data"
  fi

  t=$(now_ms)
  with_engine "${compose[@]}" down -v --remove-orphans 2>&1 | sed -e '/^$/d' -e 's/^/  /' ||
    fail "docker-compose down failed"
  say "down: $(secs $(( $(now_ms) - t ))) s"
  local left_containers left_networks left_volumes
  left_containers=$(podman ps -aq --filter "label=com.docker.compose.project=$project")
  left_networks=$(podman network ls -q --filter "label=com.docker.compose.project=$project"; podman network ls -q --filter "name=^${project}_")
  left_volumes=$(podman volume ls -q --filter "label=com.docker.compose.project=$project")
  [ -z "$left_containers$left_networks$left_volumes" ] ||
    fail "left behind: containers [$left_containers] networks [$left_networks] volumes [$left_volumes]"
  say "no container, network or volume of $project is left"
}

compose_files() {
  if [ ! -d docker ]; then
    say "SKIPPED: there is no docker/ folder, so no compose file to boot"
    return 0
  fi
  local file label
  for file in docker/kafka-single.yml docker/kafka-cluster.yml; do
    label=$(basename "$file" .yml)
    if [ -f "$file" ]; then
      step "compose: $file (Kafka services, produce/consume, down)" compose_round_trip "$file" "$label"
    else
      say "SKIPPED: $file does not exist"
    fi
  done
}

mkdir -p "$RUN_DIR"
socket_answers && SERVICE_WAS_RUNNING=true
ENV_UP=true
COMPOSE_PROJECTS=("$PROJECT_PREFIX-kafka-single" "$PROJECT_PREFIX-kafka-cluster")
step "container engine and image (tools/container-env.sh)" container_env
start_watcher
if [ "$PARTS" != compose ]; then
  step "fixture: Container*Test, kafka.mode=testcontainers" container_cluster_test
  step "session 02 tests, kafka.mode=testcontainers" session02_tests
  if [ -f "$MULTI_BROKER_BACKEND" ]; then
    step "session 03 tests (3 brokers), kafka.mode=testcontainers" session03_tests
  else
    say "SKIPPED session 03 in containers: the fixture runs multi-broker clusters on the embedded backend" \
      "(no $(basename "$MULTI_BROKER_BACKEND"))"
  fi
fi
if [ "$PARTS" != testcontainers ]; then
  step "build ./course" build_course_command
  compose_files
fi
