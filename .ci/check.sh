# Sourced by the CI suites: check NAME COMMAND... runs one check, counts it in passed/failed and shows the tail of
# its output when it fails. The caller sets suite (the label), work (a scratch dir), passed=0 and failed=0.
check() {
  local name=$1 t0=$SECONDS
  shift
  # a subshell outside any if/&&: set -e stops the check at its first failing command (an if would disable it)
  set +e
  (set -e; "$@") >"$work/last.log" 2>&1
  local rc=$?
  set -e
  if [ "$rc" = 0 ]; then
    passed=$((passed + 1))
    echo "$suite: ok   $name ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1))
    echo "$suite: FAIL $name ($((SECONDS - t0)) s)"
    tail -n 25 "$work/last.log" | sed 's/^/    /'
  fi
}
