#!/usr/bin/env bash
# Container health probe: GET PATH on the app's own port, healthy on 200. The .NET runtime images ship
# neither curl nor wget, so it speaks HTTP over bash's /dev/tcp. Usage: healthcheck [PATH] (default /health/live).
set -euo pipefail
path=${1:-/health/live}
port=${HEALTHCHECK_PORT:-${ASPNETCORE_HTTP_PORTS:-8080}}
port=${port%%[,;]*}
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3
IFS= read -r -t 5 status <&3
[[ $status =~ ^HTTP/1\.[01]\ 200 ]]
