# Shared by scripts/fuzz, scripts/load: a demo host in a temporary directory on loopback, and logged-in sessions.
# Source it after setting BIN (the yuelao binary) and PORT; it sets WORK (removed on exit) and defines the functions below.

WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

# demo_config [DATABASE_URL] — modules.yaml with its data in $WORK, plain HTTP (the cookie is yl_sid).
demo_config() {
  local url=${1:-sqlite://$WORK/data/yuelao.sqlite}
  sed -e "s#sqlite://data/yuelao.sqlite#$url#" -e "s#^data_dir: data#data_dir: $WORK/data#" \
      -e "s#^server:#server:\n  secure_cookies: false#" modules.yaml > "$WORK/modules.yaml"
  cp -R modules.d "$WORK/modules.d"
}

# demo_data SIZE ADMIN_PASSWORD — an administrator `admin` and the demo team and members (staff password demo123).
demo_data() {
  "$BIN" admin create --config "$WORK/modules.yaml" --login admin --password "$2" >/dev/null
  "$BIN" demo --config "$WORK/modules.yaml" --size "$1" >/dev/null
}

# demo_serve [PORT] — starts `serve` in the background and waits for /healthz.
demo_serve() {
  local port=${1:-$PORT}
  LOG_LEVEL=${LOG_LEVEL:-warning} "$BIN" serve --config "$WORK/modules.yaml" --port "$port" >>"$WORK/serve-$port.log" 2>&1 &
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "the host did not start on port $port"; cat "$WORK/serve-$port.log"; return 1
}

# csrf_of JAR PATH — the _csrf value of a page, fetched with the cookies in JAR.
csrf_of() {
  curl -s -b "$1" -c "$1" "http://127.0.0.1:$PORT$2" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'
}

# login LOGIN PASSWORD — logs in; prints the session id (cookie yl_sid). The jar is $WORK/jar-LOGIN.
login() {
  local jar="$WORK/jar-$1" csrf
  csrf=$(csrf_of "$jar" /login)
  curl -s -b "$jar" -c "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "login=$1" --data-urlencode "password=$2" \
    "http://127.0.0.1:$PORT/login" -o /dev/null
  awk '$6=="yl_sid"{print $7}' "$jar"
}

# api_token LOGIN PASSWORD — logs in and makes an API token on the profile page (shown once, in the answer to the POST).
api_token() {
  login "$1" "$2" >/dev/null
  local jar="$WORK/jar-$1" csrf
  csrf=$(csrf_of "$jar" /m/core/profile)
  curl -s -b "$jar" --data-urlencode "_csrf=$csrf" --data-urlencode "name=script" "http://127.0.0.1:$PORT/m/core/profile/tokens" \
    | grep -o 'yl_[A-Za-z0-9_-]\{20,\}' | head -1
}
