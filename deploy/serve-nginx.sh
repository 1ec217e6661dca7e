#!/bin/sh
# deploy/serve-nginx.sh DIR PORT: serve DIR on http://127.0.0.1:PORT/ with the
# site's nginx configuration (deploy/cluster-guide.conf, unchanged but for its
# `listen` and `root` lines), in the foreground until Ctrl+C or SIGTERM. For the
# tests, CI and a curious administrator; a server installs the configuration as
# the site's 部署说明 page says. Needs Debian's nginx and libnginx-mod-http-brotli-static.
set -eu

usage() {
    echo "usage: $0 DIR PORT   (DIR: an unpacked release, or a folder holding it under a sub-path)" >&2
    exit 2
}
[ $# -eq 2 ] || usage
[ -d "$1" ] || usage
case $2 in '' | *[!0-9]*) usage ;; esac
root=$(cd "$1" && pwd)
port=$2
conf=$(cd "$(dirname "$0")" && pwd)/cluster-guide.conf
module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
if ! command -v nginx >/dev/null 2>&1 || [ ! -f "$module" ]; then
    echo "$0: needs nginx and its brotli module: apt-get install nginx libnginx-mod-http-brotli-static" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/serve-nginx.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# The site configuration on the loopback port, serving DIR.
sed -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$port;|" \
    -e "/^ *listen \[::\]:80;/d" \
    -e "s|^\( *\)root /var/www/cluster-guide;|\1root $root;|" \
    "$conf" >"$work/site.conf"
if ! grep -q "listen 127.0.0.1:$port;" "$work/site.conf" || ! grep -q "root $root;" "$work/site.conf"; then
    echo "$0: $conf has no 'listen 80;' or 'root /var/www/cluster-guide;' line to adapt" >&2
    exit 1
fi

# A whole nginx of its own: no /etc/nginx/nginx.conf, temporary files in $work.
# As root, nginx would run its workers as "nobody", who may not read DIR.
user=""
[ "$(id -u)" = 0 ] && user="user root;"
cat >"$work/nginx.conf" <<CONF
load_module $module;
$user
worker_processes 1;
pid $work/nginx.pid;
error_log stderr warn;
events { worker_connections 512; }
http {
    access_log off;
    sendfile on;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    include $work/site.conf;
}
CONF
nginx -t -q -p "$work" -e stderr -c "$work/nginx.conf"
echo "Serving $root on http://127.0.0.1:$port/ (nginx, deploy/cluster-guide.conf; Ctrl+C to stop)" >&2
nginx -p "$work" -e stderr -c "$work/nginx.conf" -g "daemon off;" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 143' TERM
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 130' INT
wait "$pid"
