# Timing helpers shared by the benchmark scripts (source it; needs bash).
#
#   measure LABEL BUDGET_MS COMMAND…   runs COMMAND once to warm up, then $runs times, and prints
#                                       the median and fastest run; BUDGET_MS `-` for none. A
#                                       median over budget prints OVER BUDGET and sets status=1.

ms() { echo $(( $(date +%s%N) / 1000000 )); }

status=${status:-0}
measure() {
  local label=$1 budget=$2; shift 2
  "$@" >/dev/null 2>&1 # warm-up: page cache, as for a person running it twice
  local times=()
  for _ in $(seq "$runs"); do
    local a b
    a=$(ms)
    "$@" >/dev/null 2>&1
    b=$(ms)
    times+=($(( b - a )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  local min median verdict
  min=$(echo "$sorted" | head -1)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  if [[ $budget == - ]]; then
    verdict="(no budget)"
  elif (( median > budget )); then
    verdict="(budget $budget ms) OVER BUDGET"; status=1
  else
    verdict="(budget $budget ms) ok"
  fi
  printf '%-22s median %4d ms   fastest %4d ms   %s\n' "$label" "$median" "$min" "$verdict"
}
