# AfterSale: matching one signed woman against the whole member base with 8 conditions (age, height, region, marital
# status, education, income, housing, car), both degrees computed, first page of 30 by combined degree; as gm.
MATCH_ID=$(sqlite3 "$WORK/data/yuelao.sqlite" "SELECT id FROM members_member WHERE signed = 1 AND gender = 'female' ORDER BY id LIMIT 1")
MATCH_PROVINCE=$(sqlite3 "$WORK/data/yuelao.sqlite" "SELECT province FROM members_member WHERE id = ${MATCH_ID:-0}")
MATCH_QUERY="run=1&pool=all&mode=conditions&sort=score&age_min=25&age_max=35&height_min=170&regions=${MATCH_PROVINCE:-440000}&marital=unmarried&education_min=bachelor&income_min=from_100k_to_200k&housing=owned_no_mortgage&car=owned"
run aftersale-match "http://127.0.0.1:$PORT/m/aftersale/${MATCH_ID:-1}/match?$MATCH_QUERY" "$COOKIE"
BENCH_BIN=$(dirname "$BIN")/yuelao-bench
if [ -x "$BENCH_BIN" ]; then
  echo "== in-process: AfterSale matching (member ${MATCH_ID:-1}, province ${MATCH_PROVINCE:-?})"
  "$BENCH_BIN" page "$WORK/modules.yaml" gm 100 "/m/aftersale/${MATCH_ID:-1}/match?$MATCH_QUERY"
  "$BENCH_BIN" page "$WORK/modules.yaml" gm 100 "/m/aftersale/${MATCH_ID:-1}/match?run=1&pool=all&mode=theirs&sort=score"
  "$BENCH_BIN" page "$WORK/modules.yaml" gm 100 "/m/aftersale/appointments?status=pending"
fi
