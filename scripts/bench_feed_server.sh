# Sourced by the poll and store benchmarks: generates FEEDS x ITEMS feeds under $work/www and
# serves them from nginx on 127.0.0.1 (its own config; ETag, Last-Modified and gzip on). Sets
# `port` and `nginx_pid` (the caller's EXIT trap kills it) and writes the URLs to $work/urls.txt.
#   start_feed_server FEEDS ITEMS
start_feed_server() {
  local feeds=$1 items=$2
  python3 scripts/bench_poll_feeds.py "$work/www" "$feeds" "$items"
  chmod a+rx "$work" && chmod -R a+rX "$work/www"   # nginx workers run as www-data
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$work/nginx/logs"
  cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/rss+xml xml; }
  etag on;
  if_modified_since exact;
  gzip on;
  gzip_types application/rss+xml;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$port; root $work/www; }
}
CONF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' & nginx_pid=$!
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/feed0.xml" && break; sleep 0.1; done
  for f in $(seq 0 $((feeds - 1))); do echo "http://127.0.0.1:$port/feed$f.xml"; done > "$work/urls.txt"
}
