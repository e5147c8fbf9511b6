# Finance: monthly receipts statistics over two years of payments (in-process, as gm: every payment) and approving a
# payment over HTTP with the security password (bcrypt cost 10 per request), as req/s.
DB="$WORK/data/yuelao.sqlite"
echo "contracts: $(sqlite3 "$DB" "SELECT COUNT(*) FROM contracts_contract"), payments: $(sqlite3 "$DB" "SELECT COUNT(*) FROM finance_payment"), daily rows: $(sqlite3 "$DB" "SELECT COUNT(*) FROM finance_daily")"
run finance-stats-2y "http://127.0.0.1:$PORT/m/finance/stats?from=2025-01-01&to=2026-12-31" "$COOKIE"
BENCH_BIN=$(dirname "$BIN")/yuelao-bench
if [ -x "$BENCH_BIN" ]; then
  echo "== in-process: Finance"
  "$BENCH_BIN" page "$WORK/modules.yaml" gm 200 "/m/finance/stats"
  "$BENCH_BIN" page "$WORK/modules.yaml" lead11 200 "/m/finance/stats"
  "$BENCH_BIN" page "$WORK/modules.yaml" gm 100 "/m/contracts/lists/expiring"
fi
sqlite3 "$DB" "SELECT id FROM finance_payment WHERE status = 'pending' ORDER BY id" > "$WORK/pending-ids"
if [ -s "$WORK/pending-ids" ]; then
  CSRF=$(curl -s -H "$COOKIE" "http://127.0.0.1:$PORT/m/core/profile" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  cat > "$WORK/approve.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/pending-ids") do ids[#ids + 1] = line end
local i = 0
request = function()
  i = i + 1
  local id = ids[(i % #ids) + 1]
  return wrk.format("POST", "/m/finance/payments/" .. id .. "/review",
    {["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "yl_sid=$SID"},
    "decision=approve&security_password=demo123&_csrf=$CSRF")
end
LUA
  out=$(wrk -t2 -c8 -d"${DURATION}s" --latency -s "$WORK/approve.lua" "http://127.0.0.1:$PORT")
  printf "%-28s %10s req/s   p50 %-9s p99 %-9s %s\n" "finance-approve (bcrypt)" "$(echo "$out" | awk '/Requests\/sec/{print $2}')" \
    "$(echo "$out" | awk '$1=="50%"{print $2}')" "$(echo "$out" | awk '$1=="99%"{print $2}')" "$(echo "$out" | awk '/Non-2xx/{print "non-2xx/3xx: " $5}')"
  echo "approved during the run: $(sqlite3 "$DB" "SELECT COUNT(*) FROM finance_payment WHERE status = 'approved' AND reviewed_at > strftime('%s','now') - 120")"
fi
