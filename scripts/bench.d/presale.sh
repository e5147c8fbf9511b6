# PreSale: the member overview with 50 follow-up notes (the demo's first allocated member) and the dashboard,
# as lead11 (组长: subtree over 7 of the 31 demo staff, ≈ 200,000 of 1,000,000 members).
OVERVIEW_ID=$(sqlite3 "$WORK/data/yuelao.sqlite" "SELECT member_id FROM presale_note GROUP BY member_id ORDER BY COUNT(*) DESC, member_id LIMIT 1")
OWNER=$(sqlite3 "$WORK/data/yuelao.sqlite" "SELECT u.login FROM members_member m JOIN core_user u ON u.id = m.owner_id WHERE m.id = ${OVERVIEW_ID:-0}")
run presale-overview "http://127.0.0.1:$PORT/m/presale/${OVERVIEW_ID:-1}" "$COOKIE"
run presale-due-list "http://127.0.0.1:$PORT/m/presale/lists/due" "$COOKIE"
BENCH_BIN=$(dirname "$BIN")/yuelao-bench
if [ -x "$BENCH_BIN" ]; then
  echo "== in-process: PreSale"
  echo "lead11's team owns $(sqlite3 "$WORK/data/yuelao.sqlite" "SELECT COUNT(*) FROM members_member WHERE owner_id IN (SELECT u.id FROM core_user u WHERE u.login IN ('lead11','hn111','hn112','hn113','hn114','hn115','hn116'))") of $(sqlite3 "$WORK/data/yuelao.sqlite" "SELECT COUNT(*) FROM members_member") members"
  "$BENCH_BIN" widgets "$WORK/modules.yaml" lead11 200
  "$BENCH_BIN" widgets "$WORK/modules.yaml" gm 200
  "$BENCH_BIN" page "$WORK/modules.yaml" "${OWNER:-gm}" 200 "/m/presale/${OVERVIEW_ID:-1}"
  "$BENCH_BIN" page "$WORK/modules.yaml" lead11 200 "/m/presale/lists/due"
  "$BENCH_BIN" page "$WORK/modules.yaml" lead11 200 "/m/presale/lists/birthday-month"
fi
