# Members: search with three filters (gender, age range, province), paged 20, as lead11 (a team lead: subtree over six
# matchmakers, about a fifth of the members) and as gm (subtree over the whole 31-person demo team).
MEMBER_QUERY="gender=female&age_min=25&age_max=35&province=440000"
run members-search "http://127.0.0.1:$PORT/m/members?$MEMBER_QUERY" "$LEAD_COOKIE"
run members-api-search "http://127.0.0.1:$PORT/api/members?$MEMBER_QUERY" "$LEAD_COOKIE"
run members-search-gm "http://127.0.0.1:$PORT/m/members?$MEMBER_QUERY" "$COOKIE"
BENCH_BIN=$(dirname "$BIN")/yuelao-bench
if [ -x "$BENCH_BIN" ]; then
  echo "== in-process (query + capped count)"
  "$BENCH_BIN" "$WORK/modules.yaml" lead11 200 "$MEMBER_QUERY" | tee -a "$WORK/inprocess"
  "$BENCH_BIN" page "$WORK/modules.yaml" lead11 200 "/m/members?$MEMBER_QUERY" | tee -a "$WORK/inprocess"
  "$BENCH_BIN" "$WORK/modules.yaml" gm 200 "$MEMBER_QUERY"
  "$BENCH_BIN" "$WORK/modules.yaml" gm 200 "gender=male&age_min=20&age_max=40"
  "$BENCH_BIN" "$WORK/modules.yaml" admin 200 "$MEMBER_QUERY"
  echo "== in-process: quick search as lead11 (a common surname, a username prefix, a full mobile number)"
  QUICK_MOBILE=$(sqlite3 "$WORK/data/yuelao.sqlite" "SELECT mobile FROM members_member WHERE owner_id = (SELECT id FROM core_user WHERE login = 'hn111') LIMIT 1")
  for q in "%E6%9C%B1" "m1" "$QUICK_MOBILE"; do "$BENCH_BIN" page "$WORK/modules.yaml" lead11 200 "/m/members/quick?q=$q" | tee -a "$WORK/inprocess"; done
fi
if [ -x "$BENCH_BIN" ]; then
  echo "== in-process: the dashboard's widgets, uncached, as lead11; a mass site message to a search, made and queued"
  "$BENCH_BIN" widgets "$WORK/modules.yaml" lead11 30 | tee -a "$WORK/inprocess"
  "$BENCH_BIN" mass "$WORK/modules.yaml" admin 1 "province=440000" | tee -a "$WORK/inprocess"
fi
