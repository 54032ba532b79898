#!/usr/bin/env bash
# Deployment checks, run by scripts/test.sh: static checks of deploy/ and docker-compose.yml (no Docker or
# Kubernetes here), the Dockerfiles' publish commands run as plain `dotnet publish`, and the published
# apps probed with the images' health check. Writes "passed failed" to RESULTS_DIR/deploy.counts.
# Usage: scripts/check-deploy.sh RESULTS_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:?usage: check-deploy.sh RESULTS_DIR}
mkdir -p "$results"

# PyYAML parses compose and the manifests. The first python3 on PATH may be a private one (pyenv) without
# it; Debian's /usr/bin/python3 gets it from Debian's package python3-yaml.
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then python=$candidate; break; fi
done
if [ -z "$python" ]; then
  echo "Installing python3-yaml (Debian package)..."
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq python3 python3-yaml; } >/dev/null || true
  /usr/bin/python3 -c 'import yaml' 2>/dev/null && python=/usr/bin/python3
fi
if [ -z "$python" ]; then
  echo "FAIL python3-yaml is not installed and could not be installed"
  echo "0 1" > "$results/deploy.counts"
  exit 1
fi

exec "$python" scripts/check-deploy.py "$(pwd)" "$results"
