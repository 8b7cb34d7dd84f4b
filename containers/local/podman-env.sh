# Source this file to use Podman as the Docker engine for Testcontainers on a machine without Docker:
#   source containers/local/podman-env.sh
# It writes a containers.conf (runtime runc, ulimits this kind of machine accepts), starts Podman's Docker-compatible
# API service on a unix socket if it is not running, and exports DOCKER_HOST and the Testcontainers settings.
# Installs nothing: .ci/run installs podman, runc and debootstrap first.

CDC_PODMAN_DIR="${CDC_PODMAN_DIR:-/tmp/cdc-verify-podman}"
mkdir -p "$CDC_PODMAN_DIR"

cat > "$CDC_PODMAN_DIR/containers.conf" <<'CONF'
[containers]
# Higher limits are refused in this kind of sandbox.
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
# crun refuses this cgroup setup; runc works.
runtime = "runc"
CONF

export CONTAINERS_CONF="$CDC_PODMAN_DIR/containers.conf"
export DOCKER_HOST="unix://$CDC_PODMAN_DIR/podman.sock"
# Ryuk's image cannot be pulled here; ContainerStack stops its own containers.
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_CHECKS_DISABLE=true

if ! curl -s --max-time 2 --unix-socket "$CDC_PODMAN_DIR/podman.sock" http://d/_ping >/dev/null 2>&1; then
  rm -f "$CDC_PODMAN_DIR/podman.sock"
  nohup podman system service --time=0 "$DOCKER_HOST" >"$CDC_PODMAN_DIR/service.log" 2>&1 &
  for _ in $(seq 1 100); do
    curl -s --max-time 1 --unix-socket "$CDC_PODMAN_DIR/podman.sock" http://d/_ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi
curl -s --max-time 2 --unix-socket "$CDC_PODMAN_DIR/podman.sock" http://d/_ping >/dev/null \
  || { echo "Podman's API service did not start; see $CDC_PODMAN_DIR/service.log" >&2; return 1 2>/dev/null || exit 1; }
# Testcontainers thinks it runs inside a container here and would use the bridge gateway, which the published ports
# do not answer on; they do answer on loopback.
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
